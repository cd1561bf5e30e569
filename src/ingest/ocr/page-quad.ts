/**
 * A page photographed lying on a desk (issue 14: phone photos): the page is the one large bright
 * region, the desk around it darker. Its four corners give the homography that flattens it into
 * a rectangle, so the lines run level across the whole page (one rotation cannot level the lines
 * of a page seen in perspective) and the desk, the page's edges and their shadows are left out of
 * OCR. A scan, whose page fills the image, has no such region and is left alone.
 * Pure pixel code: straighten.ts decodes the photo and applies the answer.
 */
import type { GreyImage } from './downscale.js';
import type { Point, Quad } from './homography.js';
import { otsuThreshold } from './otsu.js';
import { median } from './result.js';

/** The page must be this much brighter than the desk (grey levels, medians of each side). */
const MIN_CONTRAST = 45;
/** The page region's share of the photo: a smaller one is a page far off, or not a page. */
const MIN_PAGE_SHARE = 0.3;
/** A region filling more than this share of the photo leaves no desk to cut away: a scan. */
const MAX_PAGE_SHARE = 0.96;
/** The region must fill its quadrilateral this well (a page is one; a bright desk clutter is not). */
const MIN_FILL = 0.93;
/** Past this share of bright pixels on the photo's edges, the page reaches them: no desk around it. */
const MAX_BRIGHT_EDGE = 0.5;
/** Corners must lie this far (share of the side) inside the photo: a page running off the frame has no corner there. */
const EDGE_MARGIN = 0.004;

/** Otsu's threshold of a grey image. */
export function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of data) hist[v]!++;
  return otsuThreshold(hist, data.length);
}

/** The largest 4-connected region of `mask`, as a mask of its own, and its pixel count. */
function largestRegion(mask: Uint8Array, w: number, h: number): { region: Uint8Array; size: number } {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let best = 0, bestSize = 0, next = 0;
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || label[s]) continue;
    next++;
    let top = 0, size = 0;
    stack[top++] = s; label[s] = next;
    while (top) {
      const p = stack[--top]!;
      size++;
      const x = p % w;
      // Left, right, up, down (no array per pixel: this loop runs for every bright pixel).
      for (let k = 0; k < 4; k++) {
        const q = k === 0 ? (x > 0 ? p - 1 : -1) : k === 1 ? (x < w - 1 ? p + 1 : -1) : k === 2 ? p - w : p + w;
        if (q >= 0 && q < mask.length && mask[q] && !label[q]) { label[q] = next; stack[top++] = q; }
      }
    }
    if (size > bestSize) { bestSize = size; best = next; }
  }
  const region = new Uint8Array(w * h);
  for (let i = 0; i < region.length; i++) if (label[i] === best) region[i] = 1;
  return { region, size: bestSize };
}

/** Area of a quadrilateral (shoelace). */
function quadArea(q: Quad): number {
  let a = 0;
  for (let i = 0; i < 4; i++) { const [x1, y1] = q[i]!, [x2, y2] = q[(i + 1) % 4]!; a += x1 * y2 - x2 * y1; }
  return Math.abs(a) / 2;
}


/**
 * The page's corners (top left, top right, bottom right, bottom left) in `grey`'s pixels, or null
 * when the image is not a page lying on a darker ground with all four corners in view.
 */
export function findPageQuad(grey: GreyImage): Quad | null {
  const { data, width: w, height: h } = grey;
  if (w < 50 || h < 50) return null;
  const t = otsu(data);
  // A page lying on a desk leaves the photo's edges dark; a scan's page runs to them (no search).
  let edge = 0, bright = 0;
  for (let x = 0; x < w; x++) { edge += 2; bright += +(data[x]! > t) + +(data[(h - 1) * w + x]! > t); }
  for (let y = 1; y < h - 1; y++) { edge += 2; bright += +(data[y * w]! > t) + +(data[y * w + w - 1]! > t); }
  if (bright > MAX_BRIGHT_EDGE * edge) return null;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) if (data[i]! > t) mask[i] = 1;
  // Print inside the page is dark too: each row's span of the region is the page there.
  const { region, size } = largestRegion(mask, w, h);
  if (size < MIN_PAGE_SHARE * w * h) return null;
  let filled = 0;
  const inside: number[] = [], outside: number[] = [];
  let tl: Point = [0, 0], tr: Point = [0, 0], br: Point = [0, 0], bl: Point = [0, 0];
  let sMin = Infinity, sMax = -Infinity, dMin = Infinity, dMax = -Infinity;
  for (let y = 0; y < h; y++) {
    let from = -1, to = -1;
    for (let x = 0; x < w; x++) if (region[y * w + x]) { if (from < 0) from = x; to = x; }
    for (let x = 0; x < w; x += 7) (from >= 0 && x >= from && x <= to ? inside : outside).push(data[y * w + x]!);
    if (from < 0) continue;
    filled += to - from + 1;
    for (const x of [from, to]) {
      if (x + y < sMin) { sMin = x + y; tl = [x, y]; }
      if (x + y > sMax) { sMax = x + y; br = [x, y]; }
      if (x - y > dMax) { dMax = x - y; tr = [x, y]; }
      if (x - y < dMin) { dMin = x - y; bl = [x, y]; }
    }
  }
  if (filled > MAX_PAGE_SHARE * w * h) return null;
  if (median(inside) - median(outside) < MIN_CONTRAST) return null;
  const quad: Quad = [tl, tr, br, bl];
  const mx = EDGE_MARGIN * w, my = EDGE_MARGIN * h;
  if (quad.some(([x, y]) => x < mx || y < my || x > w - 1 - mx || y > h - 1 - my)) return null;
  const area = quadArea(quad);
  if (area < MIN_PAGE_SHARE * w * h || filled < MIN_FILL * area || filled > area / MIN_FILL) return null;
  return quad;
}

/** Width and height of the flat page a quad is flattened into: its opposite sides' mean lengths. */
export function flatSize(q: Quad): { width: number; height: number } {
  const len = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return { width: Math.round((len(q[0], q[1]) + len(q[3], q[2])) / 2), height: Math.round((len(q[0], q[3]) + len(q[1], q[2])) / 2) };
}
