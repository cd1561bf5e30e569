/**
 * Continental (Vietnamese) hand shapes made from real MNIST digits, for the pen-digit model
 * (scripts/build-digits.ts). Drawn digits alone measured worse (session 11: the drawn crossed 7s
 * and looped 2s were not like the real ones), so here the writer's own stroke is kept and only the
 * mark a Vietnamese clerk adds is drawn on it, at the stroke's own width:
 * * a "7" made steep with a bar across its stem (the crossed continental 7), from an MNIST 7;
 * * a "1" with a long flag from its top down to the left ("ʎ"), from an MNIST 1;
 * Outputs are 28×28 ink maps (0..1) that augment.ts then distorts like MNIST's own.
 */
import { drawStrokes, inkBox } from './synthetic.js';

const S = 28;


/** The ink of row y: its weighted centre and its width (the stroke's run), or null when empty. */
function rowInk(p: Float32Array, y: number): { cx: number; run: number } | null {
  let sum = 0, sx = 0, run = 0;
  for (let x = 0; x < S; x++) {
    const v = p[Math.round(y) * S + x]!;
    sum += v; sx += v * x;
    if (v > 0.3) run++;
  }
  return sum > 0.3 ? { cx: sx / sum, run } : null;
}

const over = (p: Float32Array, q: Float32Array) => p.map((v, i) => Math.max(v, q[i]!));

/** A stroke width like the digit's own: its ink run across one row, kept within a pen's range. */
const penWidth = (run: number) => Math.max(1.5, Math.min(3.5, run * 0.8));

/** The glyph squeezed horizontally about its centre by `f` (< 1): a wide MNIST 7 made steep. */
function narrowed(p: Float32Array, f: number): Float32Array {
  const out = new Float32Array(S * S);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const u = (x - S / 2) / f + S / 2, x0 = Math.floor(u), t = u - x0;
      const at = (X: number) => (X < 0 || X >= S ? 0 : p[y * S + X]!);
      out[y * S + x] = at(x0) * (1 - t) + at(x0 + 1) * t;
    }
  }
  return out;
}

/**
 * An MNIST 7 as Vietnamese clerks write it: made steep (squeezed to 45–80 % of its width, so the
 * top is short and the stem near upright) and crossed by a bar at 45–65 % of its height, 35–60 %
 * of its height long, centred on the stem with some play, slightly tilted; null when the 7 has no
 * stem there.
 */
export function crossedSeven(src: Float32Array, rnd: () => number): Float32Array | null {
  const p = narrowed(src, 0.45 + rnd() * 0.35);
  const b = inkBox(p, 0.3);
  if (!b) return null;
  const h = b.y1 - b.y0 + 1, w = b.x1 - b.x0 + 1;
  const y = b.y0 + h * (0.45 + rnd() * 0.2);
  const row = rowInk(p, y);
  if (!row || row.run > 0.6 * w) return null; // the row crosses more than a stem (a closed 7, a smudge)
  const len = h * (0.35 + rnd() * 0.25);
  const cx = row.cx + (rnd() - 0.5) * 0.3 * len, tilt = (rnd() - 0.6) * 2.5;
  return over(p, drawStrokes([[[cx - len / 2, y + tilt / 2], [cx + len / 2, y - tilt / 2]]], penWidth(row.run)));
}

/**
 * An MNIST 1 with a long flag: from its top down to the left, 30–65 % of its height long, at
 * 25–60° below the horizontal, sometimes with a slight bow; null for an empty glyph.
 */
export function flaggedMnistOne(p: Float32Array, rnd: () => number): Float32Array | null {
  const b = inkBox(p, 0.3);
  if (!b) return null;
  const h = b.y1 - b.y0 + 1;
  const top = rowInk(p, b.y0 + 0.5), mid = rowInk(p, b.y0 + h / 2);
  if (!top || !mid) return null;
  const len = h * (0.3 + rnd() * 0.35), angle = (25 + rnd() * 35) * (Math.PI / 180);
  const T: [number, number] = [top.cx, b.y0 + 0.5];
  const F: [number, number] = [T[0] - len * Math.cos(angle), T[1] + len * Math.sin(angle)];
  const bow = (rnd() - 0.3) * 1.5;
  const M: [number, number] = [(T[0] + F[0]) / 2 - bow * Math.sin(angle), (T[1] + F[1]) / 2 - bow * Math.cos(angle)];
  return over(p, drawStrokes([[F, M, T]], penWidth(mid.run)));
}

/**
 * An MNIST 2 with the loop a Vietnamese hand makes where the diagonal meets the base ("ℓ" at the
 * foot): a small closed loop, 10–18 % of the height across, drawn above the leftmost ink of the
 * glyph's bottom third (the corner), at the stroke's own width; null when no corner is found.
 */
export function loopedTwo(p: Float32Array, rnd: () => number): Float32Array | null {
  const b = inkBox(p, 0.3);
  if (!b) return null;
  const h = b.y1 - b.y0 + 1;
  let cx = S, cy = -1;
  for (let y = Math.round(b.y1 - h / 3); y <= b.y1; y++) for (let x = b.x0; x <= b.x1; x++) if (p[y * S + x]! > 0.3 && x < cx) (cx = x), (cy = y);
  const mid = rowInk(p, b.y0 + h / 2);
  if (cy < 0 || !mid) return null;
  const r = h * (0.05 + rnd() * 0.04), lean = (rnd() - 0.3) * r;
  // The loop's centre above and a little right of the corner: the stroke comes down, turns round it, runs on as the base.
  const ox = cx + r * (0.4 + rnd() * 0.5), oy = cy - r * (0.8 + rnd() * 0.4);
  const loop: [number, number][] = [];
  for (let k = 0; k <= 12; k++) {
    const a = Math.PI / 2 + (k / 12) * 2 * Math.PI;
    loop.push([ox + r * Math.cos(a) + lean * Math.sin(a), oy + r * 1.1 * Math.sin(a)]);
  }
  return over(p, drawStrokes([loop], penWidth(mid.run)));
}
