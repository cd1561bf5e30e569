/**
 * A page image's ink as points for the geometry (page-geometry.ts): reduced, binarised against
 * its neighbourhood's mean so uneven light keeps its text, with rules and page edges taken out.
 */
import type { GreyImage } from './downscale.js';

/** Ink points of a reduced, binarised page: coordinates in its pixels. */
export interface InkPoints {
  xs: Float32Array;
  ys: Float32Array;
  width: number;
  height: number;
}

/** A pixel is ink when darker than this share of its neighbourhood's mean (uneven light keeps its text). */
const INK_SHARE = 0.78;
/** A straight run of ink this long (px of the measured copy, or this share of its long side) is a rule, not text. */
const MIN_RULE = 40;
const RULE_SHARE = 0.05;

/**
 * Ink of `grey` reduced by an integer factor so its long side is at most `maxSide`, binarised
 * against the mean of a neighbourhood (integral image), as a list of points.
 */
export function inkPoints(grey: GreyImage, maxSide = 1000): InkPoints {
  const f = Math.max(1, Math.ceil(Math.max(grey.width, grey.height) / maxSide));
  const w = Math.floor(grey.width / f), h = Math.floor(grey.height / f);
  let small: Uint8Array | Float32Array = grey.data;
  if (f > 1) {
    const box = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dy = 0; dy < f; dy++) {
          const row = (y * f + dy) * grey.width + x * f;
          for (let dx = 0; dx < f; dx++) s += grey.data[row + dx]!;
        }
        box[y * w + x] = s / (f * f);
      }
    }
    small = box;
  }
  // Integral image for the neighbourhood means; the window spans a few lines of text.
  const iw = w + 1;
  const integral = new Float64Array(iw * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += small[y * w + x]!;
      integral[(y + 1) * iw + x + 1] = integral[y * iw + x + 1]! + row;
    }
  }
  const r = Math.max(8, Math.round(Math.max(w, h) / 40));
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      if (v > 230) continue;
      const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
      const sum = integral[y1 * iw + x1]! - integral[y0 * iw + x1]! - integral[y1 * iw + x0]! + integral[y0 * iw + x0]!;
      if (v < INK_SHARE * (sum / ((y1 - y0) * (x1 - x0)))) ink[y * w + x] = 1;
    }
  }
  withoutRules(ink, w, h, Math.max(MIN_RULE, Math.round(Math.max(w, h) * RULE_SHARE)));
  let xs = new Float32Array(1 << 14), ys = new Float32Array(1 << 14), n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!ink[y * w + x]) continue;
      if (n === xs.length) {
        const nx = new Float32Array(n * 2), ny = new Float32Array(n * 2);
        nx.set(xs); ny.set(ys); xs = nx; ys = ny;
      }
      xs[n] = x; ys[n++] = y;
    }
  }
  return { xs: xs.subarray(0, n), ys: ys.subarray(0, n), width: w, height: h };
}

/**
 * Ink in straight runs at least `min` long, across or down, cleared in place: a table's rules and
 * a page's edges, whose lines would otherwise outweigh the text's (a table's column rules once
 * made a portrait page look turned a quarter). Letters, even merged into a word, are shorter.
 */
export function withoutRules(ink: Uint8Array, w: number, h: number, min: number): void {
  const rule = new Uint8Array(ink.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w;) {
      if (!ink[y * w + x]) { x++; continue; }
      let e = x;
      while (e < w && ink[y * w + e]) e++;
      // The rows beside a rule go too: its ragged edges would read as ink above or below a line.
      if (e - x >= min) for (let d = Math.max(0, y - 1); d <= Math.min(h - 1, y + 1); d++) rule.fill(1, d * w + x, d * w + e);
      x = e;
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h;) {
      if (!ink[y * w + x]) { y++; continue; }
      let e = y;
      while (e < h && ink[e * w + x]) e++;
      if (e - y >= min) for (let k = y; k < e; k++) for (let d = Math.max(0, x - 1); d <= Math.min(w - 1, x + 1); d++) rule[k * w + d] = 1;
      y = e;
    }
  }
  for (let i = 0; i < ink.length; i++) if (rule[i]) ink[i] = 0;
}
