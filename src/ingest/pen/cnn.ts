/**
 * The pen-digit classifier as a small convolutional network (session 15): two 5×5 convolutions,
 * each with ReLU and 2×2 max pooling, then a hidden layer and the 11 classes (the digits and "not a
 * digit"). It reads the same 28×28 normalised glyph as the perceptron (digit-model.ts). A CNN
 * shares its weights over positions, so a stroke is recognised wherever it falls: fewer weights
 * (about 20 000 against 100 000) learned from the same 8 000 MNIST digits, which generalise better
 * to hands MNIST hardly holds. Its logits are divided by a temperature fitted at build time
 * (scripts/build-digits.ts --cnn), so its probabilities are calibrated for the pipeline's
 * thresholds. Plain float32 loops: no runtime dependency.
 */
/** The glyph's side (digit-model.ts's SIDE; not imported, digit-model.ts imports this file). */
const SIDE = 28;

export interface CnnModel {
  kind: 'cnn';
  classes: number;
  upright?: boolean;
  /** Filters of the first and second convolution, the hidden units. */
  c1: number;
  c2: number;
  hidden: number;
  /** Softmax temperature (logits / temperature). */
  temperature: number;
  /** c1 × 5 × 5, then c1 biases. */
  k1: Float32Array;
  kb1: Float32Array;
  /** c2 × c1 × 5 × 5, then c2 biases. */
  k2: Float32Array;
  kb2: Float32Array;
  /** hidden × (c2 × 4 × 4), hidden biases; classes × hidden, classes biases. */
  w3: Float32Array;
  b3: Float32Array;
  w4: Float32Array;
  b4: Float32Array;
}

export const K = 5;
/** Side of the first convolution's output (valid), of its pooling, of the second's, of its pooling. */
export const S1 = SIDE - K + 1, P1 = S1 / 2, S2 = P1 - K + 1, P2 = S2 / 2;

/** What a forward pass keeps for the way back (training). */
export interface CnnTrace {
  a1: Float32Array; // c1 × S1 × S1 after ReLU
  p1: Float32Array; // c1 × P1 × P1
  i1: Int32Array; // index into a1 of each pooled maximum
  a2: Float32Array; // c2 × S2 × S2 after ReLU
  p2: Float32Array; // c2 × P2 × P2 (the flattened features)
  i2: Int32Array;
  h: Float32Array; // hidden after ReLU
  logits: Float32Array;
}

export function cnnTrace(m: CnnModel): CnnTrace {
  return {
    a1: new Float32Array(m.c1 * S1 * S1), p1: new Float32Array(m.c1 * P1 * P1), i1: new Int32Array(m.c1 * P1 * P1),
    a2: new Float32Array(m.c2 * S2 * S2), p2: new Float32Array(m.c2 * P2 * P2), i2: new Int32Array(m.c2 * P2 * P2),
    h: new Float32Array(m.hidden), logits: new Float32Array(m.classes),
  };
}

/** Valid 5×5 convolution of `cin` maps of side `s` into `cout` maps, bias and ReLU. */
function conv(input: Float32Array, cin: number, s: number, k: Float32Array, kb: Float32Array, cout: number, out: Float32Array): void {
  const so = s - K + 1;
  for (let o = 0; o < cout; o++) {
    const base = o * so * so;
    out.fill(kb[o]!, base, base + so * so);
    for (let c = 0; c < cin; c++) {
      const kk = (o * cin + c) * K * K, ib = c * s * s;
      for (let dy = 0; dy < K; dy++) {
        for (let dx = 0; dx < K; dx++) {
          const w = k[kk + dy * K + dx]!;
          if (w === 0) continue;
          for (let y = 0; y < so; y++) {
            const row = ib + (y + dy) * s + dx, orow = base + y * so;
            for (let x = 0; x < so; x++) out[orow + x] = out[orow + x]! + w * input[row + x]!;
          }
        }
      }
    }
    for (let i = base; i < base + so * so; i++) if (out[i]! < 0) out[i] = 0;
  }
}

/** 2×2 max pooling of `c` maps of side `s`, with the index of each maximum. */
function pool(input: Float32Array, c: number, s: number, out: Float32Array, at: Int32Array): void {
  const h = s / 2;
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < h; x++) {
        let best = ch * s * s + 2 * y * s + 2 * x, v = input[best]!;
        for (const d of [1, s, s + 1]) {
          const i = ch * s * s + 2 * y * s + 2 * x + d;
          if (input[i]! > v) { v = input[i]!; best = i; }
        }
        const o = ch * h * h + y * h + x;
        out[o] = v;
        at[o] = best;
      }
    }
  }
}

/** Class probabilities of one normalised 28×28 glyph; `trace` keeps the intermediates for training. */
export function cnnForward(m: CnnModel, input: Float32Array, trace: CnnTrace = cnnTrace(m), temperature = m.temperature): Float32Array {
  const t = trace;
  conv(input, 1, SIDE, m.k1, m.kb1, m.c1, t.a1);
  pool(t.a1, m.c1, S1, t.p1, t.i1);
  conv(t.p1, m.c1, P1, m.k2, m.kb2, m.c2, t.a2);
  pool(t.a2, m.c2, S2, t.p2, t.i2);
  const F = t.p2.length;
  for (let j = 0; j < m.hidden; j++) {
    let s = m.b3[j]!;
    const row = j * F;
    for (let i = 0; i < F; i++) s += m.w3[row + i]! * t.p2[i]!;
    t.h[j] = s > 0 ? s : 0;
  }
  const out = new Float32Array(m.classes);
  let max = -Infinity;
  for (let k = 0; k < m.classes; k++) {
    let s = m.b4[k]!;
    for (let j = 0; j < m.hidden; j++) s += m.w4[k * m.hidden + j]! * t.h[j]!;
    t.logits[k] = s;
    out[k] = s / temperature;
    if (out[k]! > max) max = out[k]!;
  }
  let z = 0;
  for (let k = 0; k < m.classes; k++) z += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < m.classes; k++) out[k] = out[k]! / z;
  return out;
}

/** Sizes of the weight arrays of a model with these dimensions. */
export function cnnSizes(c1: number, c2: number, hidden: number, classes: number) {
  return { k1: c1 * K * K, kb1: c1, k2: c2 * c1 * K * K, kb2: c2, w3: hidden * c2 * P2 * P2, b3: hidden, w4: classes * hidden, b4: classes };
}
