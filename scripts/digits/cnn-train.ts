/**
 * Training of the convolutional pen-digit model (src/ingest/pen/cnn.ts) for
 * scripts/build-digits.ts --cnn: He-initialised weights from the build's seeded PRNG, the way back
 * through the network, Adam updates over minibatches, and the softmax temperature fitted on
 * glyphs held apart from training (calibration: the pipeline fills a digit at probability 0.6, so
 * 0.6 should mean about 60 % right on glyphs like those it reads).
 */
import { cnnForward, cnnSizes, cnnTrace, K, P1, P2, type CnnModel, type CnnTrace } from '../../src/ingest/pen/cnn.js';

const ARRAYS = ['k1', 'kb1', 'k2', 'kb2', 'w3', 'b3', 'w4', 'b4'] as const;
type Arrays = Record<(typeof ARRAYS)[number], Float32Array>;

export function initCnn(c1: number, c2: number, hidden: number, classes: number, gauss: () => number): CnnModel {
  const n = cnnSizes(c1, c2, hidden, classes);
  const he = (len: number, fanIn: number) => Float32Array.from({ length: len }, () => gauss() * Math.sqrt(2 / fanIn));
  return {
    kind: 'cnn', classes, c1, c2, hidden, temperature: 1,
    k1: he(n.k1, K * K), kb1: new Float32Array(c1),
    k2: he(n.k2, c1 * K * K), kb2: new Float32Array(c2),
    w3: he(n.w3, c2 * P2 * P2), b3: new Float32Array(hidden),
    w4: he(n.w4, hidden), b4: new Float32Array(classes),
  };
}

/** Minibatch Adam trainer: `add` accumulates one sample's gradient, `update` applies the batch's. */
export class CnnTrainer {
  private readonly t: CnnTrace;
  private readonly g: Arrays;
  private readonly m1: Arrays;
  private readonly m2: Arrays;
  private readonly d = { h: new Float32Array(0), p2: new Float32Array(0), a2: new Float32Array(0), p1: new Float32Array(0), a1: new Float32Array(0) };
  private batch = 0;
  private steps = 0;

  constructor(private readonly m: CnnModel) {
    this.t = cnnTrace(m);
    const zeros = () => Object.fromEntries(ARRAYS.map((k) => [k, new Float32Array(m[k].length)])) as Arrays;
    this.g = zeros();
    this.m1 = zeros();
    this.m2 = zeros();
    this.d = { h: new Float32Array(m.hidden), p2: new Float32Array(this.t.p2.length), a2: new Float32Array(this.t.a2.length), p1: new Float32Array(this.t.p1.length), a1: new Float32Array(this.t.a1.length) };
  }

  /** One sample's cross-entropy gradient, added to the batch's; returns its loss. */
  add(x: Float32Array, label: number): number {
    const { m, t, g, d } = this;
    const p = cnnForward(m, x, t, 1);
    const loss = -Math.log(Math.max(1e-12, p[label]!));
    d.h.fill(0);
    for (let k = 0; k < m.classes; k++) {
      const e = p[k]! - (k === label ? 1 : 0);
      g.b4[k] = g.b4[k]! + e;
      for (let j = 0; j < m.hidden; j++) {
        g.w4[k * m.hidden + j] = g.w4[k * m.hidden + j]! + e * t.h[j]!;
        d.h[j] = d.h[j]! + e * m.w4[k * m.hidden + j]!;
      }
    }
    const F = t.p2.length;
    d.p2.fill(0);
    for (let j = 0; j < m.hidden; j++) {
      if (t.h[j]! <= 0) continue;
      const e = d.h[j]!, row = j * F;
      g.b3[j] = g.b3[j]! + e;
      for (let i = 0; i < F; i++) {
        g.w3[row + i] = g.w3[row + i]! + e * t.p2[i]!;
        d.p2[i] = d.p2[i]! + e * m.w3[row + i]!;
      }
    }
    unpool(d.p2, t.i2, t.a2, d.a2);
    d.p1.fill(0);
    convBack(t.p1, m.c1, P1, m.k2, m.c2, d.a2, g.k2, g.kb2, d.p1);
    unpool(d.p1, t.i1, t.a1, d.a1);
    convBack(x, 1, 28, m.k1, m.c1, d.a1, g.k1, g.kb1, null);
    this.batch++;
    return loss;
  }

  /** Adam step over the accumulated batch (mean gradient), then the gradients cleared. */
  update(lr: number): void {
    if (!this.batch) return;
    const b1 = 0.9, b2 = 0.999, eps = 1e-8;
    this.steps++;
    const c1 = 1 - Math.pow(b1, this.steps), c2 = 1 - Math.pow(b2, this.steps);
    for (const k of ARRAYS) {
      const w = this.m[k], g = this.g[k], m1 = this.m1[k], m2 = this.m2[k];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]! / this.batch;
        m1[i] = b1 * m1[i]! + (1 - b1) * gi;
        m2[i] = b2 * m2[i]! + (1 - b2) * gi * gi;
        w[i] = w[i]! - (lr * (m1[i]! / c1)) / (Math.sqrt(m2[i]! / c2) + eps);
      }
      g.fill(0);
    }
    this.batch = 0;
  }
}

/** Max-pool way back: each pooled gradient to the position of its maximum, through the ReLU. */
function unpool(dp: Float32Array, at: Int32Array, a: Float32Array, da: Float32Array): void {
  da.fill(0);
  for (let o = 0; o < dp.length; o++) if (a[at[o]!]! > 0) da[at[o]!] = da[at[o]!]! + dp[o]!;
}

/** Way back through a valid 5×5 convolution: kernel and bias gradients, and the input's (unless null). */
function convBack(input: Float32Array, cin: number, s: number, k: Float32Array, cout: number, dout: Float32Array, gk: Float32Array, gb: Float32Array, din: Float32Array | null): void {
  const so = s - K + 1;
  for (let o = 0; o < cout; o++) {
    const base = o * so * so;
    let sum = 0;
    for (let i = base; i < base + so * so; i++) sum += dout[i]!;
    gb[o] = gb[o]! + sum;
    if (sum === 0 && !hasAny(dout, base, so * so)) continue;
    for (let c = 0; c < cin; c++) {
      const kk = (o * cin + c) * K * K, ib = c * s * s;
      for (let dy = 0; dy < K; dy++) {
        for (let dx = 0; dx < K; dx++) {
          const w = k[kk + dy * K + dx]!;
          let acc = 0;
          for (let y = 0; y < so; y++) {
            const row = ib + (y + dy) * s + dx, orow = base + y * so;
            for (let x = 0; x < so; x++) {
              const e = dout[orow + x]!;
              if (e === 0) continue;
              acc += e * input[row + x]!;
              if (din) din[row + x] = din[row + x]! + e * w;
            }
          }
          gk[kk + dy * K + dx] = gk[kk + dy * K + dx]! + acc;
        }
      }
    }
  }
}

function hasAny(a: Float32Array, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (a[i] !== 0) return true;
  return false;
}

/**
 * The temperature that minimises the negative log-likelihood of `samples` (logits from the model
 * at temperature 1), searched over 0.5–4 on a log grid refined twice.
 */
export function fitTemperature(m: CnnModel, samples: { x: Float32Array; label: number }[]): number {
  const t = cnnTrace(m);
  const logits = samples.map((s) => { cnnForward(m, s.x, t, 1); return { l: Float32Array.from(t.logits), label: s.label }; });
  const nll = (T: number) => logits.reduce((sum, { l, label }) => {
    let max = -Infinity;
    for (const v of l) max = Math.max(max, v / T);
    let z = 0;
    for (const v of l) z += Math.exp(v / T - max);
    return sum - (l[label]! / T - max - Math.log(z));
  }, 0);
  let best = 1, lo = Math.log(0.5), hi = Math.log(4);
  for (let round = 0; round < 3; round++) {
    const step = (hi - lo) / 20;
    let bestV = Infinity;
    for (let i = 0; i <= 20; i++) {
      const T = Math.exp(lo + i * step), v = nll(T);
      if (v < bestV) { bestV = v; best = T; }
    }
    lo = Math.log(best) - step;
    hi = Math.log(best) + step;
  }
  return best;
}
