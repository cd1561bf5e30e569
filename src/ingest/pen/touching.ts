/**
 * Touching pen digits narrower than segment.ts's column over-cut reaches (a crossed "7" run into
 * a "5", a flagged "1" into a "0": the pair overlaps and the piece is under 0.9 digit heights
 * wide). Such a piece is given one more candidate cut: a path from its top to its bottom that
 * crosses the least ink, near its thinnest column in the middle half (a straight column cut would
 * slice through the slanted strokes of both digits). Whether the cut stands is the digit model's
 * and the width prior's to say (segment.ts): most pieces that narrow are one digit.
 */
import { widthOf, type Component } from './ink.js';

/** Pieces from this wide (digit heights) up to segment.ts's over-cut width get a path cut. */
export const NARROW_SPLIT_FROM = 0.55;
/** The path may wander this far (digit heights) either side of its starting column. */
const PATH_REACH = 0.15;
/** Cost of one pixel of sideways step beside crossing ink (1): a straight path where it is free. */
const STEP_COST = 0.1;

/**
 * The piece cut in two along the least-ink path from top to bottom near its thinnest middle
 * column, or null when a side would be empty or the piece is too narrow. Pixel indices are of a
 * crop `width` wide.
 */
export function pathCut(c: Component, hh: number, width: number): [number[], number[]] | null {
  const w = widthOf(c), h = c.y1 - c.y0 + 1;
  if (w < NARROW_SPLIT_FROM * hh || w < 6) return null;
  const ink = new Uint8Array(w * h);
  for (const p of c.pixels) {
    const x = p % width, y = (p - x) / width;
    ink[(y - c.y0) * w + (x - c.x0)] = 1;
  }
  const cols = new Array<number>(w).fill(0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) cols[x]! += ink[y * w + x]!;
  let start = -1;
  for (let x = Math.ceil(0.25 * w); x <= Math.floor(0.75 * w); x++) if (start < 0 || cols[x]! < cols[start]!) start = x;
  const reach = Math.max(2, Math.round(PATH_REACH * hh));
  const lo = Math.max(1, start - reach), hi = Math.min(w - 1, start + reach), n = hi - lo + 1;
  // Dynamic programme row by row: cost[x] of the cheapest path to (x, y); from[y][x] the column it came from.
  let cost = new Float64Array(n);
  const from = new Int16Array(h * n);
  for (let x = 0; x < n; x++) cost[x] = ink[lo + x]! + STEP_COST * Math.abs(lo + x - start);
  for (let y = 1; y < h; y++) {
    const next = new Float64Array(n);
    for (let x = 0; x < n; x++) {
      let best = -1, bestCost = Infinity;
      for (let d = -1; d <= 1; d++) {
        const px = x + d;
        if (px < 0 || px >= n) continue;
        const v = cost[px]! + (d ? STEP_COST : 0);
        if (v < bestCost) (bestCost = v), (best = px);
      }
      next[x] = bestCost + ink[y * w + lo + x]!;
      from[y * n + x] = best;
    }
    cost = next;
  }
  let x = 0;
  for (let k = 1; k < n; k++) if (cost[k]! < cost[x]!) x = k;
  // The path's column on each row; a pixel left of it (or on it) goes left.
  const path = new Int32Array(h);
  for (let y = h - 1; y >= 0; y--) {
    path[y] = lo + x;
    x = from[y * n + x]!;
  }
  const left: number[] = [], right: number[] = [];
  for (const p of c.pixels) {
    const px = p % width, py = (p - px) / width;
    (px - c.x0 <= path[py - c.y0]! ? left : right).push(p);
  }
  return left.length && right.length ? [left, right] : null;
}

/**
 * Log-odds that a piece of this width (digit heights) holds two digits rather than one, as
 * measured on synthetic strings of MNIST's training digits written apart or overlapping (half and
 * half; bench/lib/pen-strings.ts): 0.03 under 0.7 heights, 0.07 at 0.8, 0.17 at 1.0, 0.43 at 1.2,
 * 0.87 from 1.4. Added once for each cut inside a piece that the reading keeps.
 */
export function cutLogOdds(widthInHeights: number): number {
  const table: [number, number][] = [[0.6, 0.03], [0.8, 0.07], [1.0, 0.17], [1.1, 0.33], [1.2, 0.43], [1.3, 0.64], [1.4, 0.87]];
  let p = table[0]![1];
  if (widthInHeights >= table[table.length - 1]![0]) p = table[table.length - 1]![1];
  else for (let k = 0; k + 1 < table.length; k++) {
    const [x0, p0] = table[k]!, [x1, p1] = table[k + 1]!;
    if (widthInHeights >= x0 && widthInHeights < x1) p = p0 + ((p1 - p0) * (widthInHeights - x0)) / (x1 - x0);
  }
  return Math.log(p / (1 - p));
}
