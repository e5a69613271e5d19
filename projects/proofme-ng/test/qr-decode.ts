import jsQR from 'jsqr';

/**
 * Decodes a QR code drawn as the `qrcode` package's SVG (a white background path and one stroked
 * path of horizontal runs, one row per module), by rasterising it and reading it with jsQR.
 * Test-only: the browser e2e tests decode real screenshots instead.
 */
export function decodeQrSvg(svg: Element): string | null {
  const viewBox = svg.getAttribute('viewBox')?.split(/\s+/).map(Number);
  const path = svg.querySelector('path[stroke]');
  if (!viewBox || viewBox.length !== 4 || !path) return null;
  const modules = viewBox[2];
  const dark = new Uint8Array(modules * modules);
  let x = 0;
  let y = 0;
  for (const [, command, args] of (path.getAttribute('d') ?? '').matchAll(/([MmHh])([^MmHh]*)/g)) {
    const numbers = args.trim().split(/[\s,]+/).map(Number);
    if (command === 'M') [x, y] = numbers;
    else if (command === 'm') [x, y] = [x + numbers[0], y + numbers[1]];
    else {
      const run = command === 'h' ? numbers[0] : numbers[0] - x;
      for (let i = 0; i < run; i++) dark[Math.floor(y) * modules + x + i] = 1;
      x += run;
    }
  }
  const scale = 4;
  const side = modules * scale;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const value = dark[Math.floor(py / scale) * modules + Math.floor(px / scale)] ? 0 : 255;
      pixels.set([value, value, value, 255], (py * side + px) * 4);
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}

/** Polls until `probe` returns something (angularx-qrcode renders outside Angular's pending tasks). */
export async function waitFor<T>(probe: () => T | null | undefined, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
