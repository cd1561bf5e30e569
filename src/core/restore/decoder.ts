/**
 * Second-order Viterbi over a segment's candidate lattice: score = trigram LM log-probability +
 * channelWeight · channel log-probability. States are (previous, current) candidate pairs.
 * Confidence of each choice: a softmax over the candidates at that position with the rest of the
 * best path fixed (the three trigrams touching it), which is cheap and behaves like a posterior.
 */
import type { NgramScorer } from './language-model.js';
import { BOS, EOS } from './lm-tokens.js';

export interface Slot {
  ids: readonly number[];
  /** Channel ln P for each candidate (0 for mark-free input). */
  chan: readonly number[];
  /** A person's name (name-evidence.ts): the document cache leaves it alone. */
  name?: true;
}

export interface SlotResult {
  choice: number;
  confidence: number;
  /** The choice, then up to RANKED_ALTERNATIVES other candidate indices, best first. */
  ranked: number[];
}

/** Alternatives kept per slot: callers show a few, and ranking all of them was a tenth of the time. */
export const RANKED_ALTERNATIVES = 3;

/** States further than this (nats) below the best at a position are dropped. */
const BEAM = 7;
const NO_CTX = -2;
/** Forward-score margin (nats) above which a choice needs no right-context check. */
const EASY_MARGIN = 5;
const BOS_SLOT: Slot = { ids: [BOS], chan: [0] };
const EOS_SLOT: Slot = { ids: [EOS], chan: [0] };

/** Largest candidate list per slot the scratch buffers are laid out for. */
const MAX_CANDIDATES = 24;
const LAYER = MAX_CANDIDATES * MAX_CANDIDATES;
// Scratch buffers reused across calls (decoding is synchronous, so one set suffices).
let backs = new Int32Array(64 * LAYER);
let forward = new Float64Array(64 * MAX_CANDIDATES);
const scoreA = new Float64Array(LAYER), scoreB = new Float64Array(LAYER);
const ctxA = new Int32Array(LAYER), ctxB = new Int32Array(LAYER);
const activeA = new Int32Array(MAX_CANDIDATES);
const localScores = new Float64Array(MAX_CANDIDATES);

export function decodeSegment(lm: NgramScorer, slots: readonly Slot[], channelWeight: number): SlotResult[] {
  const S = [BOS_SLOT, BOS_SLOT, ...slots.map(capped), EOS_SLOT];
  if (backs.length < S.length * LAYER) {
    backs = new Int32Array(S.length * 2 * LAYER);
    forward = new Float64Array(S.length * 2 * MAX_CANDIDATES);
  }
  // Layer i holds states (a in S[i-1], b in S[i]) at k = a * |S[i]| + b; layer 1 is (BOS, BOS).
  let score = scoreA, next = scoreB, ctx = ctxA, nextCtx = ctxB;
  score[0] = 0;
  ctx[0] = NO_CTX;
  backs[LAYER] = 0;
  forward[0] = 0;
  forward[MAX_CANDIDATES] = 0;
  for (let i = 2; i < S.length; i++) {
    const A = S[i - 2]!, B = S[i - 1]!, C = S[i]!;
    const nA = A.ids.length, nB = B.ids.length, nC = C.ids.length;
    let best = -Infinity;
    for (let k = 0; k < nA * nB; k++) if (score[k]! > best) best = score[k]!;
    const floor = best - BEAM;
    const back = i * LAYER;
    const fw = i * MAX_CANDIDATES;
    next.fill(-Infinity, 0, nB * nC);
    nextCtx.fill(NO_CTX, 0, nB * nC);
    forward.fill(-Infinity, fw, fw + nC);
    for (let b = 0; b < nB; b++) {
      const wb = B.ids[b]!;
      // Previous states (a, b) inside the beam; their trigram context is looked up once, lazily.
      let nActive = 0;
      for (let a = 0; a < nA; a++) {
        const k = a * nB + b;
        if (score[k]! < floor) continue;
        if (ctx[k] === NO_CTX) ctx[k] = lm.bigramIndex(A.ids[a]!, wb);
        activeA[nActive++] = a;
      }
      if (nActive === 0) continue;
      for (let c = 0; c < nC; c++) {
        const wc = C.ids[c]!;
        const h = lm.bigramIndex(wb, wc);
        nextCtx[b * nC + c] = h; // the context of state (b, c) at the next position
        const bg = lm.bigramAt(h, wb, wc);
        let top = -Infinity, arg = 0;
        for (let t = 0; t < nActive; t++) {
          const k = activeA[t]! * nB + b;
          const v = score[k]! + lm.trigramFromContext(ctx[k]!, wc, bg);
          if (v > top) { top = v; arg = activeA[t]!; }
        }
        const total = top + channelWeight * C.chan[c]!;
        next[b * nC + c] = total;
        backs[back + b * nC + c] = arg;
        if (total > forward[fw + c]!) forward[fw + c] = total;
      }
    }
    [score, next] = [next, score];
    [ctx, nextCtx] = [nextCtx, ctx];
  }
  // Backtrack: final layer is (a in last word slot, EOS).
  const L = S.length;
  const path = new Int32Array(L);
  const nPrev = S[L - 2]!.ids.length;
  let bestK = 0;
  for (let k = 1; k < nPrev; k++) if (score[k]! > score[bestK]!) bestK = k;
  path[L - 1] = 0;
  path[L - 2] = bestK;
  for (let i = L - 1; i >= 2; i--) path[i - 2] = backs[i * LAYER + path[i - 1]! * S[i]!.ids.length + path[i]!]!;
  return slots.map((_, j) =>
    forwardPosterior(forward, (j + 2) * MAX_CANDIDATES, S[j + 2]!.ids.length, path[j + 2]!) ??
    localPosterior(lm, S, path, j + 2, channelWeight));
}

function capped(s: Slot): Slot {
  return s.ids.length <= MAX_CANDIDATES ? s : { ...s, ids: s.ids.slice(0, MAX_CANDIDATES), chan: s.chan.slice(0, MAX_CANDIDATES) };
}

/**
 * When the chosen candidate already wins clearly on the forward scores (left context only), the
 * softmax of those scores is the confidence; otherwise null and the right context is consulted.
 */
function forwardPosterior(f: Float64Array, at: number, n: number, chosen: number): SlotResult | null {
  if (n === 1) return { choice: 0, confidence: 1, ranked: [0] };
  let second = -Infinity;
  for (let k = 0; k < n; k++) if (k !== chosen && f[at + k]! > second) second = f[at + k]!;
  if (f[at + chosen]! - second < EASY_MARGIN) return null;
  let z = 0;
  for (let k = 0; k < n; k++) z += Math.exp(f[at + k]! - f[at + chosen]!);
  return { choice: chosen, confidence: 1 / z, ranked: [chosen, ...bestOthers(f, at, n, chosen, true)] };
}

/**
 * Up to RANKED_ALTERNATIVES indices other than `chosen`, best score first; equal scores keep index
 * order, as a stable sort would. `finiteOnly` leaves out candidates the beam never reached.
 */
function bestOthers(scores: Float64Array, at: number, n: number, chosen: number, finiteOnly: boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = scores[at + k]!;
    if (k === chosen || (finiteOnly && v === -Infinity)) continue;
    let pos = out.length;
    while (pos > 0 && scores[at + out[pos - 1]!]! < v) pos--;
    if (pos >= RANKED_ALTERNATIVES) continue;
    out.splice(pos, 0, k);
    if (out.length > RANKED_ALTERNATIVES) out.pop();
  }
  return out;
}

function localPosterior(lm: NgramScorer, S: Slot[], path: Int32Array, i: number, w: number): SlotResult {
  const slot = S[i]!;
  const chosen = path[i]!;
  const n = slot.ids.length;
  if (n === 1) return { choice: 0, confidence: 1, ranked: [0] };
  const u = S[i - 2]!.ids[path[i - 2]!]!, v = S[i - 1]!.ids[path[i - 1]!]!;
  const x = i + 1 < S.length ? S[i + 1]!.ids[path[i + 1]!]! : -1;
  const ctxUV = lm.bigramIndex(u, v);
  // The two trigrams that predict the word and its right neighbour (the third adds little).
  const local = localScores;
  let top = -Infinity;
  for (let k = 0; k < n; k++) {
    const c = slot.ids[k]!;
    let s = w * slot.chan[k]! + lm.trigramFromContext(ctxUV, c, lm.bigram(v, c));
    if (x >= 0) s += lm.trigramFromContext(lm.bigramIndex(v, c), x, lm.bigram(c, x));
    local[k] = s;
    if (s > top) top = s;
  }
  let z = 0;
  for (let k = 0; k < n; k++) z += Math.exp(local[k]! - top);
  return { choice: chosen, confidence: Math.exp(local[chosen]! - top) / z, ranked: [chosen, ...bestOthers(local, 0, n, chosen, false)] };
}
