/**
 * A training glyph made to look like what the pen reader hands the model (session 15): not MNIST's
 * soft grey strokes at 20 px, but a scanned ballpoint digit at 150–300 dpi, thresholded into a
 * bilevel component (src/ingest/pen/segment.ts's inkOf gives the model 0/1 pixels at the page's own
 * scale). Each call draws: a digit height of 22–64 px (a 3–5 mm pen digit from 150 to 300 dpi),
 * a blur of the scanner's optics, grain, a threshold that makes the stroke thicker or thinner,
 * sometimes one more pixel of dilation (a thick pen) or erosion, and sometimes a crop: the top or
 * bottom cut off by the blank's crop, or a sliver of a neighbour touching at one side.
 * Deterministic given `rnd`.
 */
import type { InkMap } from '../../src/ingest/pen/digit-model.js';

/** The ink map's box over a threshold. */
export function box(ink: InkMap, threshold: number): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = ink.width, y0 = ink.height, x1 = -1, y1 = -1;
  for (let y = 0; y < ink.height; y++) for (let x = 0; x < ink.width; x++) if (ink.data[y * ink.width + x]! > threshold) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** Bilinear resampling of the ink box (plus a margin) by `f`. */
export function resample(ink: InkMap, b: { x0: number; y0: number; x1: number; y1: number }, f: number, pad: number): InkMap {
  const bw = b.x1 - b.x0 + 1, bh = b.y1 - b.y0 + 1;
  const width = Math.max(1, Math.round(bw * f)) + 2 * pad, height = Math.max(1, Math.round(bh * f)) + 2 * pad;
  const data = new Float32Array(width * height);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= ink.width || y >= ink.height ? 0 : ink.data[y * ink.width + x]!);
  for (let y = 0; y < height; y++) {
    const sy = b.y0 + (y - pad + 0.5) / f - 0.5, y0 = Math.floor(sy), fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = b.x0 + (x - pad + 0.5) / f - 0.5, x0 = Math.floor(sx), fx = sx - x0;
      data[y * width + x] = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
    }
  }
  return { data, width, height };
}

/** Separable Gaussian blur of standard deviation `sigma` px. */
export function blur(ink: InkMap, sigma: number): InkMap {
  if (sigma < 0.2) return ink;
  const r = Math.ceil(2 * sigma), w: number[] = [];
  for (let i = -r; i <= r; i++) w.push(Math.exp(-(i * i) / (2 * sigma * sigma)));
  const sum = w.reduce((a, b) => a + b, 0);
  const { width, height } = ink;
  const tmp = new Float32Array(width * height), out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    let s = 0;
    for (let i = -r; i <= r; i++) { const X = x + i; if (X >= 0 && X < width) s += w[i + r]! * ink.data[y * width + X]!; }
    tmp[y * width + x] = s / sum;
  }
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    let s = 0;
    for (let i = -r; i <= r; i++) { const Y = y + i; if (Y >= 0 && Y < height) s += w[i + r]! * tmp[Y * width + x]!; }
    out[y * width + x] = s / sum;
  }
  return { data: out, width, height };
}

/** 3×3 dilation (`grow`) or erosion of a 0/1 map. */
function morph3(ink: InkMap, grow: boolean): InkMap {
  const { width, height, data } = ink;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    let v = grow ? 0 : 1;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const X = x + dx, Y = y + dy;
      const p = X < 0 || Y < 0 || X >= width || Y >= height ? 0 : data[Y * width + X]!;
      v = grow ? Math.max(v, p) : Math.min(v, p);
    }
    out[y * width + x] = v;
  }
  return { data: out, width, height };
}

/**
 * A glyph (any size, grey 0..1) as a scanned, thresholded pen glyph; null when nothing is left.
 * `leaders` (0..1): the share of glyphs written over a blank's dotted leader (withLeader).
 */
export function scanned(ink: InkMap, rnd: () => number, leaders = 0): InkMap | null {
  const b = box(ink, 0.1);
  if (!b) return null;
  const height = 22 + rnd() * 42, f = height / (b.y1 - b.y0 + 1);
  let g = resample(ink, b, f, 3);
  // Optics: a blur growing with the scale (one MNIST pixel is f scan pixels), then grain.
  g = blur(g, (0.2 + rnd() * 0.5) * Math.min(3, f / 1.5));
  const grain = rnd() * 0.12;
  // The threshold sets the stroke's width: low is a heavy pen, high a light one.
  const t = 0.25 + rnd() * 0.4;
  const data = new Float32Array(g.data.length);
  for (let i = 0; i < data.length; i++) data[i] = g.data[i]! + grain * (rnd() - 0.5) * 2 > t ? 1 : 0;
  g = { data, width: g.width, height: g.height };
  const m = rnd();
  if (m < 0.15) g = morph3(g, true);
  else if (m < 0.22) g = morph3(g, false);
  if (!box(g, 0.5)) return null;
  const c = rnd();
  if (c < 0.08) g = cutRows(g, rnd, true);
  else if (c < 0.13) g = cutRows(g, rnd, false);
  else if (c < 0.23) g = withSliver(g, rnd);
  if (leaders > 0 && rnd() < leaders) g = withLeader(g, rnd);
  return box(g, 0.5) ? g : null;
}

/**
 * The glyph written over a blank's dotted leader ("Số: ……/TB"): a row of round dots near its
 * foot (the print's baseline, 0–25 % of the glyph's height above its bottom), 0.2–0.4 heights
 * apart, each 0.06–0.12 heights across. Only the dots the stroke touches stay: the reader hands
 * the model one ink component, and a dot apart from the digit is another one. A foot joined to
 * dots is how a pen "7" over a leader comes to read "2".
 */
function withLeader(g: InkMap, rnd: () => number): InkMap {
  const b = box(g, 0.5)!;
  const h = b.y1 - b.y0 + 1;
  const r = Math.max(1, (0.03 + rnd() * 0.03) * h), step = (0.2 + rnd() * 0.2) * h;
  const cy = b.y1 - rnd() * 0.25 * h;
  const data = Float32Array.from(g.data);
  for (let cx = b.x0 - rnd() * step; cx <= b.x1 + r; cx += step) {
    const px: number[] = [];
    let touches = false;
    for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
      if (x < 0 || y < 0 || x >= g.width || y >= g.height) continue;
      const d = Math.hypot(x - cx, y - cy);
      if (d <= r) px.push(y * g.width + x);
      if (d <= r + 1.5 && g.data[y * g.width + x]! > 0.5) touches = true;
    }
    if (touches) for (const p of px) data[p] = 1;
  }
  return { data, width: g.width, height: g.height };
}

/** The top (or bottom) 5–18 % of the ink's rows cut off, as a crop's edge cuts a tall digit. */
function cutRows(g: InkMap, rnd: () => number, top: boolean): InkMap {
  const b = box(g, 0.5)!;
  const n = Math.round((b.y1 - b.y0 + 1) * (0.05 + rnd() * 0.13));
  const data = Float32Array.from(g.data);
  for (let k = 0; k < n; k++) {
    const y = top ? b.y0 + k : b.y1 - k;
    data.fill(0, y * g.width, (y + 1) * g.width);
  }
  return { data, width: g.width, height: g.height };
}

/**
 * A short stroke of a neighbour (a digit or a printed letter) touching one side: up to a sixth of
 * the glyph's width, at a random height, joined to its ink.
 */
function withSliver(g: InkMap, rnd: () => number): InkMap {
  const b = box(g, 0.5)!;
  // A narrow digit ("1") with a stroke beside it would be two digits.
  if (b.x1 - b.x0 + 1 < 0.5 * (b.y1 - b.y0 + 1)) return g;
  const h = b.y1 - b.y0 + 1, w = Math.max(2, Math.round((b.x1 - b.x0 + 1) * (0.06 + rnd() * 0.12)));
  const left = rnd() < 0.5, thick = Math.max(2, Math.round(h * (0.06 + rnd() * 0.06)));
  const len = Math.round(h * (0.2 + rnd() * 0.5)), y0 = b.y0 + Math.round(rnd() * (h - len));
  const width = g.width + w, data = new Float32Array(width * g.height), off = left ? w : 0;
  for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) data[y * width + x + off] = g.data[y * g.width + x]!;
  // A near-vertical stroke whose inner edge overlaps the glyph's outermost inked column.
  const edge = left ? b.x0 + off : b.x1 + off;
  for (let y = y0; y < Math.min(g.height, y0 + len); y++) {
    for (let k = 0; k < thick; k++) {
      const x = left ? edge - w + k + 1 : edge + w - k - 1;
      if (x >= 0 && x < width) data[y * width + x] = 1;
    }
    // Joined to the glyph: a bridge across the gap on the stroke's middle row.
    if (y === y0 + (len >> 1)) for (let x = Math.min(edge, left ? edge - w : edge + w); x <= Math.max(edge, left ? edge - w : edge + w); x++) if (x >= 0 && x < width) data[y * width + x] = 1;
  }
  return { data, width, height: g.height };
}
