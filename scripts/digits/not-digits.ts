/**
 * Ink that is no digit, drawn (session 15) for the pen-digit model's class 10 beside the pieces and
 * touching pairs of synthetic.ts: what the pen reader's crops hold besides pen digits.
 * * Leader dots and dashes ("…………", "- - -") that survive the reader's dot filter when they touch.
 * * Parts of the printed label letters a blank's edge cuts off or a pen digit touches: italic serif
 *   "n", "m", "h", "r", "a" (of "ngày", "tháng", "năm", "Số"), one or two letters, their stems
 *   slanted as the notices' italic sets them. Shapes that a digit could be (the "g" and "y",
 *   close to a 9 and a 4) are left out: the model must not learn to reject real digits.
 * All 28×28 ink maps (0..1), drawn with synthetic.ts's pen.
 */
import { drawStrokes } from './synthetic.js';

type Pt = [number, number];

/** A row of 2–5 dots or short dashes at one height. */
export function leaderDots(rnd: () => number): Float32Array {
  const n = 2 + Math.floor(rnd() * 4), dash = rnd() < 0.4, y = 14 + (rnd() - 0.5) * 6;
  const gap = 20 / n, strokes: Pt[][] = [];
  for (let i = 0; i < n; i++) {
    const x = 4 + i * gap + rnd();
    const len = dash ? 2 + rnd() * 3 : 0.2;
    strokes.push([[x, y + (rnd() - 0.5)], [x + len, y + (rnd() - 0.5)]]);
  }
  return drawStrokes(strokes, 1.8 + rnd() * 1.6);
}

/** An arch from the stem's top at x0 to a stem at x1 (the hump of "n", "m", "h"). */
function arch(x0: number, x1: number, top: number, bottom: number, slant: number): Pt[] {
  const h = bottom - top, pts: Pt[] = [[x0 + slant * 0.7, top + h * 0.3]];
  for (let k = 1; k <= 4; k++) {
    const a = Math.PI - (k / 4) * Math.PI;
    pts.push([(x0 + x1) / 2 + ((x1 - x0) / 2) * Math.cos(a) + slant, top + h * 0.35 - h * 0.3 * Math.sin(a)]);
  }
  pts.push([x1, bottom]);
  return pts;
}

/** One letter's strokes in the box x0..x1, top..bottom (x-height), italic by `slant` px at the top. */
function letter(kind: number, x0: number, x1: number, top: number, bottom: number, ascender: number, slant: number): Pt[][] {
  const stem = (x: number, t = top): Pt[] => [[x + slant * ((bottom - t) / (bottom - top)), t], [x, bottom]];
  const mid = (x0 + x1) / 2;
  switch (kind) {
    case 0: return [stem(x0), arch(x0, x1, top, bottom, slant)]; // n
    case 1: return [stem(x0), arch(x0, mid, top, bottom, slant), arch(mid, x1, top, bottom, slant)]; // m
    case 2: return [stem(x0, ascender), arch(x0, x1, top, bottom, slant)]; // h
    case 3: return [stem(x0), [[x0 + slant * 0.7, top + (bottom - top) * 0.35], [mid + slant, top], [x1 + slant, top + 1.5]]]; // r
    default: { // a: a bowl and a stem on its right
      const h = bottom - top, bowl: Pt[] = [];
      for (let k = 0; k <= 8; k++) {
        const a = (k / 8) * 2 * Math.PI;
        bowl.push([mid - 1 + ((x1 - x0) / 2.2) * Math.cos(a) + slant * 0.4, top + h * 0.6 + h * 0.4 * Math.sin(a)]);
      }
      return [bowl, stem(x1)];
    }
  }
}

/** One or two italic label letters, or a part of them (cut at a column, as a blank's edge cuts print). */
export function labelLetters(rnd: () => number): Float32Array {
  const count = rnd() < 0.5 ? 1 : 2, top = 11 + rnd() * 3, bottom = 23 + rnd() * 2, ascender = 4 + rnd() * 2;
  const w = (bottom - top) * (0.7 + rnd() * 0.3), slant = rnd() * 4;
  const strokes: Pt[][] = [];
  let x = 14 - (count * w + (count - 1) * 1.5) / 2;
  for (let i = 0; i < count; i++) {
    strokes.push(...letter(Math.floor(rnd() * 5), x, x + w, top, bottom, ascender, slant));
    x += w + 1.5;
  }
  const out = drawStrokes(strokes, 1.4 + rnd() * 1.8);
  if (rnd() < 0.4) {
    // A part: the left or right 40–80 % of the ink.
    const cut = Math.round(4 + rnd() * 20), keepLeft = rnd() < 0.5;
    for (let y = 0; y < 28; y++) for (let xx = 0; xx < 28; xx++) if (keepLeft ? xx >= cut : xx < cut) out[y * 28 + xx] = 0;
  }
  return out;
}
