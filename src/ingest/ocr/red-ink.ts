/**
 * Red seals (and red pen) over a colour scan: in the grey image OCR reads, red ink is a mid grey
 * that covers the signature block, and Tesseract drops the lines under it (issue 14: the signer
 * was lost on every sealed page). Red ink is as bright as the paper in the red channel, where
 * black print stays black; so red pixels take their red value and every other pixel keeps its
 * grey. Print in red would fade with the seal: Vietnamese administrative text is printed black.
 */

/** A pixel whose red exceeds both green and blue by this much is red ink. */
const RED_MARGIN = 60;
/** Below this share of red pixels a page has no seal worth a second decoding. */
export const MIN_RED_SHARE = 0.001;

/**
 * Paler red is lifted in part: a faded seal, and the JPEG-smeared rim of its strokes, are pink
 * (red over green and blue by 20–60) and stayed a mid grey over the position line and the name
 * (the real scans: "HIỆU TRƯỞNG" under a seal read as "lEÃ"). Such a pixel moves towards its red
 * value in proportion to how red it is; from RED_MARGIN on it takes it whole. Black print is dark
 * in red as well, so it stays dark.
 */
const PINK_MARGIN = 20;

const isRed = (r: number, g: number, b: number) => r - Math.max(g, b) > RED_MARGIN;

/** Share of red-ink pixels in interleaved RGB(A) pixels. */
export function redInkShare(rgb: Uint8Array, channels: number): number {
  const n = Math.floor(rgb.length / channels);
  if (channels < 3 || n === 0) return 0;
  let red = 0;
  for (let i = 0; i < rgb.length; i += channels) if (isRed(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!)) red++;
  return red / n;
}

/** Grey pixels with red ink lifted to its red value (as light as the paper under it), in place; the count changed. */
export function liftRedInk(grey: Uint8Array, rgb: Uint8Array, channels: number): number {
  if (channels < 3 || rgb.length !== grey.length * channels) return 0;
  let changed = 0;
  for (let p = 0, i = 0; p < grey.length; p++, i += channels) {
    const r = rgb[i]!;
    const margin = r - Math.max(rgb[i + 1]!, rgb[i + 2]!);
    if (margin > PINK_MARGIN && r > grey[p]!) {
      const share = Math.min(1, (margin - PINK_MARGIN) / (RED_MARGIN - PINK_MARGIN));
      grey[p] = Math.round(grey[p]! + (r - grey[p]!) * share);
      changed++;
    }
  }
  return changed;
}

/** Where red ink is (1, else 0) in interleaved RGB(A) pixels: a mask the size of the page (red-print.ts). */
export function redMask(rgb: Uint8Array, channels: number, width: number, height: number): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(width * height);
  if (channels >= 3) for (let p = 0, i = 0; p < data.length; p++, i += channels) data[p] = isRed(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!) ? 1 : 0;
  return { data, width, height };
}
