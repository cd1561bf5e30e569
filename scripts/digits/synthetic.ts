/**
 * Training glyphs MNIST does not hold, for the pen-digit model (scripts/build-digits.ts):
 * * Vietnamese-style digits: the "1" with a long flag rising from the lower left to its top
 *   (drawn by clerks as a "ʎ"), and the open-topped "4" (two strokes, the top not closed); both
 *   are rare in MNIST, whose 1s are mostly bare strokes and 4s mostly closed.
 * * Not digits (class 10): a piece of a digit cut off at a column (a broken or wrongly cut glyph),
 *   and two digits touching or overlapping read as one glyph. These teach the model to say "this
 *   is no single digit", which the recognition-driven segmentation (src/ingest/pen/segment.ts)
 *   uses to score where to cut.
 * All outputs are 28×28 ink maps (0..1) that augment.ts then distorts like MNIST's own.
 */
import type { InkMap } from '../../src/ingest/pen/digit-model.js';

const S = 28;

/** Anti-aliased polylines of a given pen width on a 28×28 canvas. */
export function drawStrokes(strokes: [number, number][][], width: number): Float32Array {
  const out = new Float32Array(S * S);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      let d = Infinity;
      for (const line of strokes) for (let i = 0; i + 1 < line.length; i++) d = Math.min(d, segmentDistance(x, y, line[i]!, line[i + 1]!));
      out[y * S + x] = Math.max(0, Math.min(1, width / 2 + 0.5 - d));
    }
  }
  return out;
}

function segmentDistance(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** A "1" with a long flag: the flag rises from the lower left to the top of a slightly slanted stem. */
export function flaggedOne(rnd: () => number): Float32Array {
  const top = 4 + rnd() * 2, bottom = 23 + rnd() * 2, h = bottom - top;
  const lean = (rnd() - 0.3) * 5, cx = 14 + (rnd() - 0.5) * 3;
  const T: [number, number] = [cx + lean / 2, top], B: [number, number] = [cx - lean / 2, bottom];
  // The flag: from 20–55 % of the height down, 15–45 % of the height to the left, sometimes curved.
  const fy = top + h * (0.2 + rnd() * 0.35), fx = T[0] - h * (0.15 + rnd() * 0.3);
  const mid: [number, number] = [(fx + T[0]) / 2 + (rnd() - 0.5) * 2, (fy + top) / 2 + rnd() * 1.5];
  const strokes: [number, number][][] = [[[fx, fy], mid, T, B]];
  if (rnd() < 0.25) strokes.push([[B[0] - 3 - rnd() * 2, bottom], [B[0] + 3 + rnd() * 2, bottom]]);
  return drawStrokes(strokes, 1.6 + rnd() * 2);
}

/** An open-topped "4": a left stroke down to the bar, the bar across, the stem apart. */
export function openFour(rnd: () => number): Float32Array {
  const top = 4 + rnd() * 2, bottom = 23 + rnd() * 2, h = bottom - top;
  const barY = top + h * (0.5 + rnd() * 0.2);
  const left = 6 + rnd() * 3, stemX = 15 + rnd() * 4, right = stemX + 3 + rnd() * 4;
  const lean = (rnd() - 0.3) * 4;
  const leftStroke: [number, number][] = [[left + 1 + rnd() * 3 + lean, top + rnd() * 2], [left, barY], [right, barY - rnd() * 1.5]];
  const stem: [number, number][] = [[stemX + lean, top + rnd() * 3], [stemX - lean / 2, bottom]];
  return drawStrokes([leftStroke, stem], 1.6 + rnd() * 2);
}

export interface Box { x0: number; x1: number; y0: number; y1: number }

/** The box of a 28×28 map's ink: the pixels over `threshold` (0.1: any ink; 0.3: the stroke proper). */
export function inkBox(p: Float32Array, threshold = 0.1): Box | null {
  let x0 = S, x1 = -1, y0 = S, y1 = -1;
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) if (p[y * S + x]! > threshold) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x1 < 0 ? null : { x0, x1, y0, y1 };
}

/**
 * A piece of a wide digit (cut at 30–70 % of its ink width, one side kept), or null when the digit
 * is narrow (a "1"'s piece is still a "1"-like stroke and would teach the model to reject 1s).
 */
export function digitPiece(p: Float32Array, rnd: () => number): Float32Array | null {
  const b = inkBox(p);
  if (!b) return null;
  const w = b.x1 - b.x0 + 1, h = b.y1 - b.y0 + 1;
  if (w < 0.6 * h) return null;
  const cut = b.x0 + Math.round(w * (0.3 + rnd() * 0.4));
  const keepLeft = rnd() < 0.5;
  const out = new Float32Array(S * S);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) if (keepLeft ? x < cut : x >= cut) out[y * S + x] = p[y * S + x]!;
  return out;
}

/**
 * Two digits side by side, touching or overlapping by up to a third of the first one's width, as
 * one ink map W×28.
 */
export function touchingPair(a: Float32Array, b: Float32Array, rnd: () => number): InkMap | null {
  const ba = inkBox(a), bb = inkBox(b);
  if (!ba || !bb) return null;
  const wa = ba.x1 - ba.x0 + 1, wb = bb.x1 - bb.x0 + 1;
  const overlap = Math.round(rnd() * wa * 0.33);
  const W = wa + wb - overlap, dy = Math.round((rnd() - 0.5) * 4);
  const wide = new Float32Array(W * S);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < wa; x++) wide[y * W + x] = a[y * S + ba.x0 + x]!;
    const sy = y - dy;
    if (sy < 0 || sy >= S) continue;
    for (let x = 0; x < wb; x++) {
      const i = y * W + wa - overlap + x;
      wide[i] = Math.max(wide[i]!, b[sy * S + bb.x0 + x]!);
    }
  }
  // Kept wide: the reader normalises a glyph of two digits like any other (aspect kept).
  return { data: wide, width: W, height: S };
}
