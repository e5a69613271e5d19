import type { Locator } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Screenshots `element` and reads the QR code in it with jsQR; null when none can be read. */
export async function decodeQrScreenshot(element: Locator): Promise<string | null> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** Waits until the QR code on the page decodes (it renders asynchronously), and returns its text. */
export async function readQr(element: Locator, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await element.locator('svg[viewBox]').first().waitFor({ state: 'visible', timeout: timeoutMs });
    const text = await decodeQrScreenshot(element);
    if (text) return text;
    if (Date.now() > deadline) throw new Error('The QR code on the page did not decode.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
