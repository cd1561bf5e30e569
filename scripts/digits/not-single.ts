/**
 * "Not a single digit" glyphs made the way the pen reader meets them (session 19), for the pen-digit
 * model's class 10 (scripts/build-digits.ts `--not-single`). Session 18 found the model read a
 * touching pair as one sure digit ("555" → "55"): synthetic.ts's pairs are two undistorted MNIST
 * digits side by side, while a real pair is two digits of one hand, each slanted and sized on its
 * own, overlapping and then scanned together (as bench/lib/pen-strings.ts writes its strings). So:
 * * `strungPair`: two (sometimes three) training digits, each distorted as augment.ts does, placed
 *   5–35 % of the narrower one's width into each other with a little vertical play, as one ink map
 *   that scan.ts then scans whole;
 * * `digitWithPart`: one digit touching 30–65 % of a neighbour (the side away from it kept), what a
 *   wrong cut of a touching pair leaves; smaller slivers stay the digit's (scan.ts withSliver).
 * Training digits only; outputs are grey ink maps that the build scans and normalises.
 */
import type { InkMap } from '../../src/ingest/pen/digit-model.js';
import { distort } from './augment.js';
import { box } from './scan.js';

interface Part { ink: InkMap; b: NonNullable<ReturnType<typeof box>>; keepFrom: number; keepTo: number }

/** Parts set overlapping one another on one canvas (the box of each part's kept columns). */
function strung(parts: Part[], rnd: () => number): InkMap {
  const xs: number[] = [], dys: number[] = [];
  let x = 0, prevW = 0;
  for (const p of parts) {
    const w = p.keepTo - p.keepFrom + 1;
    if (xs.length) x -= Math.max(1, Math.round((0.05 + rnd() * 0.3) * Math.min(w, prevW)));
    xs.push(x);
    dys.push(Math.round((rnd() - 0.5) * 4));
    x += w;
    prevW = w;
  }
  const H = 52, W = x + 2;
  const data = new Float32Array(W * H);
  parts.forEach((p, k) => {
    for (let y = p.b.y0; y <= p.b.y1; y++) {
      const Y = y - p.b.y0 + 4 + dys[k]!;
      if (Y < 0 || Y >= H) continue;
      for (let xx = p.keepFrom; xx <= p.keepTo; xx++) {
        const i = Y * W + xs[k]! + xx - p.keepFrom + 1;
        data[i] = Math.max(data[i]!, p.ink.data[y * p.ink.width + xx]!);
      }
    }
  });
  return { data, width: W, height: H };
}

function part(pixels: Float32Array, rnd: () => number): Part | null {
  const ink = distort(pixels, rnd), b = box(ink, 0.1);
  return b ? { ink, b, keepFrom: b.x0, keepTo: b.x1 } : null;
}

/** Two digits (a fifth of the time three) of one hand written into each other. */
export function strungPair(pick: () => Float32Array, rnd: () => number): InkMap | null {
  const n = rnd() < 0.2 ? 3 : 2, parts: Part[] = [];
  for (let k = 0; k < n; k++) {
    const p = part(pick(), rnd);
    if (!p) return null;
    parts.push(p);
  }
  return strung(parts, rnd);
}

/** A digit touching a part (30–65 % of the ink width, its far side) of a neighbour on either side. */
export function digitWithPart(pick: () => Float32Array, rnd: () => number): InkMap | null {
  const whole = part(pick(), rnd), other = part(pick(), rnd);
  if (!whole || !other) return null;
  const w = other.b.x1 - other.b.x0 + 1, keep = Math.max(2, Math.round(w * (0.3 + rnd() * 0.35)));
  const before = rnd() < 0.5;
  // The neighbour's side that touches the digit is the one kept: its right part before, its left after.
  if (before) other.keepFrom = other.b.x1 - keep + 1;
  else other.keepTo = other.b.x0 + keep - 1;
  return strung(before ? [other, whole] : [whole, other], rnd);
}
