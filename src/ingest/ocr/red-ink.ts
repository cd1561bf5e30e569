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

/**
 * A seal is a compact ring about a fifth of the page wide (a 35–45 mm seal on a 210 mm page): a
 * faint one (a pale stamp, its strokes smeared pink by JPEG) has few pixels red by RED_MARGIN, under
 * MIN_RED_SHARE of the page, but they all lie in one seal-sized square. A page whose best such
 * square holds at least this share of red pixels, and most of the page's red, has a seal.
 */
export const SEAL_SIDE = 0.2;
export const MIN_SEAL_SQUARE_SHARE = 0.015;
const MIN_SEAL_CONCENTRATION = 0.8;

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

/**
 * Whether interleaved RGB(A) pixels `width` wide hold a seal: red ink over MIN_RED_SHARE of the
 * page, or a faint seal: the red pixels gathered in one seal-sized square (SEAL_SIDE of the width)
 * at MIN_SEAL_SQUARE_SHARE of its area or more (red specks scattered over a page are no seal).
 */
export function hasSeal(rgb: Uint8Array, channels: number, width: number): boolean {
  const n = Math.floor(rgb.length / channels);
  if (channels < 3 || n === 0 || width <= 0) return false;
  const height = Math.floor(n / width);
  const red = new Uint8Array(width * height);
  let total = 0;
  for (let p = 0, i = 0; p < red.length; p++, i += channels) if (isRed(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!)) (red[p] = 1), total++;
  if (total / n >= MIN_RED_SHARE) return true;
  const side = Math.max(1, Math.round(width * SEAL_SIDE));
  if (total < MIN_SEAL_SQUARE_SHARE * side * side || side > height) return false;
  // Summed-area table: the count in any square in four look-ups.
  const w1 = width + 1, sum = new Int32Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) sum[(y + 1) * w1 + x + 1] = red[y * width + x]! + sum[y * w1 + x + 1]! + sum[(y + 1) * w1 + x]! - sum[y * w1 + x]!;
  let best = 0;
  for (let y = 0; y + side <= height; y++) {
    for (let x = 0; x + side <= width; x++) {
      const c = sum[(y + side) * w1 + x + side]! - sum[y * w1 + x + side]! - sum[(y + side) * w1 + x]! + sum[y * w1 + x]!;
      if (c > best) best = c;
    }
  }
  return best >= MIN_SEAL_SQUARE_SHARE * side * side && best >= MIN_SEAL_CONCENTRATION * total;
}
