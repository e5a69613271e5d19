/** QR error-correction levels: how much of the code may be damaged and still scan (L ~7 %, M ~15 %, Q ~25 %, H ~30 %). */
export type QrErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';

/**
 * Bytes a QR code can hold in byte mode at its largest size (version 40, 177×177 modules), per
 * error-correction level (ISO/IEC 18004 table 7; the `qrcode` package that draws our codes agrees,
 * which a test checks). Byte mode is the worst case: the encoder may pack a text tighter, never looser.
 */
export const QR_BYTE_CAPACITY: Readonly<Record<QrErrorCorrectionLevel, number>> = Object.freeze({ L: 2953, M: 2331, Q: 1663, H: 1273 });

/** True for the four levels. */
export function isQrErrorCorrectionLevel(value: unknown): value is QrErrorCorrectionLevel {
  return value === 'L' || value === 'M' || value === 'Q' || value === 'H';
}

/** True when `text` (as UTF-8) fits one QR code at `level`, with nothing left to chance. */
export function fitsInQrCode(text: string, level: QrErrorCorrectionLevel): boolean {
  // A UTF-8 byte is at least one character: skip encoding texts that cannot fit or cannot fail.
  if (text.length > QR_BYTE_CAPACITY[level]) return false;
  if (text.length * 3 <= QR_BYTE_CAPACITY[level]) return true;
  return new TextEncoder().encode(text).length <= QR_BYTE_CAPACITY[level];
}
