/**
 * Random distortions of an MNIST glyph for training the pen-digit model: rotation, shear (pen
 * slant), scale, stroke thickening or thinning. Output is an ink map on a 40×40 canvas, which the
 * model's own normalisation (src/ingest/pen/digit-model.ts) then boxes and centres.
 */
import type { InkMap } from '../../src/ingest/pen/digit-model.js';

const OUT = 40;

export function distort(pixels: Float32Array, rnd: () => number): InkMap {
  const angle = (rnd() - 0.5) * 0.35, shear = (rnd() - 0.5) * 0.7, sx = 0.85 + rnd() * 0.3, sy = 0.85 + rnd() * 0.3;
  const cos = Math.cos(angle), sin = Math.sin(angle);
  // Forward map (about the centre): p' = R · Sh · S · p; sample by its inverse.
  const a = cos * sx, b = (cos * shear - sin) * sy, c = sin * sx, d = (sin * shear + cos) * sy;
  const det = a * d - b * c;
  const ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
  const data = new Float32Array(OUT * OUT);
  for (let y = 0; y < OUT; y++) {
    for (let x = 0; x < OUT; x++) {
      const u = x - OUT / 2, v = y - OUT / 2;
      data[y * OUT + x] = bilinear(pixels, ia * u + ib * v + 14, ic * u + id * v + 14);
    }
  }
  const r = rnd();
  const ink = { data, width: OUT, height: OUT };
  return r < 0.25 ? morph(ink, Math.max) : r < 0.4 ? morph(ink, Math.min) : ink;
}

function bilinear(p: Float32Array, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
  const at = (X: number, Y: number) => (X < 0 || Y < 0 || X >= 28 || Y >= 28 ? 0 : p[Y * 28 + X]!);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/** A 2×2 max (thicker strokes) or min (thinner) filter. */
function morph(ink: InkMap, op: (a: number, b: number) => number): InkMap {
  const { data, width, height } = ink;
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = data[y * width + x]!;
      if (x + 1 < width) v = op(v, data[y * width + x + 1]!);
      if (y + 1 < height) v = op(v, data[(y + 1) * width + x]!);
      if (x + 1 < width && y + 1 < height) v = op(v, data[(y + 1) * width + x + 1]!);
      out[y * width + x] = v;
    }
  }
  return { data: out, width, height };
}
