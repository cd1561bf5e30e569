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

/** Largest candidate list per slot the scratch buffers are laid out for (longer lists are cut). */
const MAX_CANDIDATES = 24;
const LAYER = MAX_CANDIDATES * MAX_CANDIDATES;
/**
 * Positions the scratch buffers hold from the start: a segment of restore() (at most 400 words,
 * index.ts) fits, so they grow only for longer ones. A growth branch run for the first time
 * mid-document throws away the decoder's compiled code (1.2 MB, touched only as far as used).
 */
const CAPACITY = 512;
// Scratch buffers reused across calls (decoding is synchronous, so one set suffices).
let backs = new Int32Array(CAPACITY * LAYER);
let forward = new Float64Array(CAPACITY * MAX_CANDIDATES);
const scoreA = new Float64Array(LAYER), scoreB = new Float64Array(LAYER);
const ctxA = new Int32Array(LAYER), ctxB = new Int32Array(LAYER);
// Per state, the backoff weight of its context bigram (set with the context).
const bowA = new Float64Array(LAYER), bowB = new Float64Array(LAYER);
// Per state, the likeliest trigram under its context (lm.lastMaxTrigram; -Infinity: none stored).
const topA = new Float64Array(LAYER), topB = new Float64Array(LAYER);
const localScores = new Float64Array(MAX_CANDIDATES);
// The states (a, b) inside the beam for one b, best score first: candidate index, score, context
// bigram, its backoff weight, its likeliest trigram.
const activeA = new Int32Array(MAX_CANDIDATES);
const activeScore = new Float64Array(MAX_CANDIDATES);
const activeCtx = new Int32Array(MAX_CANDIDATES);
const activeBow = new Float64Array(MAX_CANDIDATES);
const activeTop = new Float64Array(MAX_CANDIDATES);
let pathBuf = new Int32Array(CAPACITY);

/**
 * The segment's lattice in flat typed arrays: position p (0, 1 are <s>, the last </s>) has
 * latLen[p] candidates from latStart[p] in latIds / latChan.
 */
export interface Lattice {
  positions: number;
  latStart: Int32Array;
  latLen: Int32Array;
  latIds: Int32Array;
  latChan: Float64Array;
}
const lattice: Lattice = {
  positions: 0, latStart: new Int32Array(0), latLen: new Int32Array(0), latIds: new Int32Array(0), latChan: new Float64Array(0),
};
// Stored a second time at once: a field stored only once is a constant to V8's optimizing compiler,
// and the first longer segment's growth would then throw away the decoder's compiled code.
growLattice(CAPACITY, CAPACITY * MAX_CANDIDATES);

function growLattice(positions: number, total: number): void {
  if (lattice.latStart.length < positions) { lattice.latStart = new Int32Array(positions); lattice.latLen = new Int32Array(positions); }
  if (lattice.latIds.length < total) { lattice.latIds = new Int32Array(total); lattice.latChan = new Float64Array(total); }
}

/** Lays `slots` out in the shared lattice buffers, each cut to MAX_CANDIDATES. */
function layOut(slots: readonly Slot[]): Lattice {
  const L = slots.length + 3;
  let total = 3;
  for (let j = 0; j < slots.length; j++) total += Math.min(slots[j]!.ids.length, MAX_CANDIDATES);
  if (lattice.latStart.length < L || lattice.latIds.length < total) growLattice(L * 2, total * 2);
  const { latStart, latLen, latIds, latChan } = lattice;
  latStart[0] = 0; latLen[0] = 1; latIds[0] = BOS; latChan[0] = 0;
  latStart[1] = 1; latLen[1] = 1; latIds[1] = BOS; latChan[1] = 0;
  let at = 2;
  for (let j = 0; j < slots.length; j++) {
    const { ids, chan } = slots[j]!;
    const n = Math.min(ids.length, MAX_CANDIDATES);
    latStart[j + 2] = at;
    latLen[j + 2] = n;
    for (let k = 0; k < n; k++) { latIds[at + k] = ids[k]!; latChan[at + k] = chan[k]!; }
    at += n;
  }
  latStart[L - 1] = at; latLen[L - 1] = 1; latIds[at] = EOS; latChan[at] = 0;
  lattice.positions = L;
  return lattice;
}

export function decodeSegment(lm: NgramScorer, slots: readonly Slot[], channelWeight: number): SlotResult[] {
  const { latStart, latLen, latIds, latChan } = layOut(slots);
  const L = slots.length + 3;
  if (backs.length < L * LAYER) {
    backs = new Int32Array(L * 2 * LAYER);
    forward = new Float64Array(L * 2 * MAX_CANDIDATES);
  }
  // Layer i holds states (a in position i-1, b in i) at k = a * |i| + b; layer 1 is (BOS, BOS).
  let score = scoreA, next = scoreB, ctx = ctxA, nextCtx = ctxB, bow = bowA, nextBow = bowB, top3 = topA, nextTop3 = topB;
  score[0] = 0;
  ctx[0] = NO_CTX;
  backs[LAYER] = 0;
  forward[0] = 0;
  forward[MAX_CANDIDATES] = 0;
  for (let i = 2; i < L; i++) {
    const offA = latStart[i - 2]!, offB = latStart[i - 1]!, offC = latStart[i]!;
    const nA = latLen[i - 2]!, nB = latLen[i - 1]!, nC = latLen[i]!;
    let best = -Infinity;
    for (let k = 0; k < nA * nB; k++) if (score[k]! > best) best = score[k]!;
    const floor = best - BEAM;
    const back = i * LAYER;
    const fw = i * MAX_CANDIDATES;
    next.fill(-Infinity, 0, nB * nC);
    nextCtx.fill(NO_CTX, 0, nB * nC);
    forward.fill(-Infinity, fw, fw + nC);
    for (let b = 0; b < nB; b++) {
      const wb = latIds[offB + b]!;
      // Previous states (a, b) inside the beam, best first; their trigram context is looked up once, lazily.
      let nActive = 0;
      for (let a = 0; a < nA; a++) {
        const k = a * nB + b;
        const s = score[k]!;
        if (s < floor) continue;
        let cx = ctx[k]!;
        if (cx === NO_CTX) { ctx[k] = cx = lm.lookupBigram(latIds[offA + a]!, wb); bow[k] = lm.lastBackoff; top3[k] = lm.lastMaxTrigram; }
        let t = nActive++;
        while (t > 0 && activeScore[t - 1]! < s) {
          activeA[t] = activeA[t - 1]!; activeScore[t] = activeScore[t - 1]!; activeCtx[t] = activeCtx[t - 1]!;
          activeBow[t] = activeBow[t - 1]!; activeTop[t] = activeTop[t - 1]!;
          t--;
        }
        activeA[t] = a; activeScore[t] = s; activeCtx[t] = cx; activeBow[t] = bow[k]!; activeTop[t] = top3[k]!;
      }
      if (nActive === 0) continue;
      for (let c = 0; c < nC; c++) {
        const wc = latIds[offC + c]!;
        // The context of state (b, c) at the next position, and log P(wc | wb).
        nextCtx[b * nC + c] = lm.lookupBigram(wb, wc);
        nextBow[b * nC + c] = lm.lastBackoff;
        nextTop3[b * nC + c] = lm.lastMaxTrigram;
        const bg = lm.lastLogP;
        // The best previous state, the first by candidate index on a tie. A state that cannot
        // reach the best so far even with its context's likeliest trigram is not looked up, nor
        // one whose context has no trigrams (it backs off).
        let top = -Infinity, arg = 0;
        for (let t = 0; t < nActive; t++) {
          const s = activeScore[t]!, cx = activeCtx[t]!;
          let v: number;
          if (cx < 0) v = s + bg;
          else {
            const off = activeBow[t]! + bg, most = activeTop[t]!;
            if (s + (off > most ? off : most) < top) continue;
            if (most === -Infinity) v = s + off;
            else {
              const code = lm.trigramCode(cx, wc);
              v = s + (code >= 0 ? lm.trigramLogP(code) : off);
            }
          }
          const a = activeA[t]!;
          if (v > top || (v === top && a < arg)) { top = v; arg = a; }
        }
        const total = top + channelWeight * latChan[offC + c]!;
        next[b * nC + c] = total;
        backs[back + b * nC + c] = arg;
        if (total > forward[fw + c]!) forward[fw + c] = total;
      }
    }
    const swapScore = score; score = next; next = swapScore;
    const swapCtx = ctx; ctx = nextCtx; nextCtx = swapCtx;
    const swapBow = bow; bow = nextBow; nextBow = swapBow;
    const swapTop = top3; top3 = nextTop3; nextTop3 = swapTop;
  }
  // Backtrack: final layer is (a in last word slot, EOS).
  if (pathBuf.length < L) pathBuf = new Int32Array(L * 2);
  const path = pathBuf;
  const nPrev = latLen[L - 2]!;
  let bestK = 0;
  for (let k = 1; k < nPrev; k++) if (score[k]! > score[bestK]!) bestK = k;
  path[L - 1] = 0;
  path[L - 2] = bestK;
  for (let i = L - 1; i >= 2; i--) path[i - 2] = backs[i * LAYER + path[i - 1]! * latLen[i]! + path[i]!]!;
  const out: SlotResult[] = new Array(slots.length);
  for (let j = 0; j < slots.length; j++) {
    out[j] = forwardPosterior(forward, (j + 2) * MAX_CANDIDATES, latLen[j + 2]!, path[j + 2]!) ?? localPosterior(lm, lattice, path, j + 2, channelWeight);
  }
  return out;
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
  return { choice: chosen, confidence: 1 / z, ranked: bestOthers(f, at, n, chosen, true) };
}

/**
 * `chosen`, then up to RANKED_ALTERNATIVES other indices, best score first; equal scores keep
 * index order, as a stable sort would. `finiteOnly` leaves out candidates the beam never reached.
 */
function bestOthers(scores: Float64Array, at: number, n: number, chosen: number, finiteOnly: boolean): number[] {
  const out: number[] = [chosen];
  for (let k = 0; k < n; k++) {
    const v = scores[at + k]!;
    if (k === chosen || (finiteOnly && v === -Infinity)) continue;
    let pos = out.length;
    while (pos > 1 && scores[at + out[pos - 1]!]! < v) pos--;
    if (pos > RANKED_ALTERNATIVES) continue;
    // Insert at pos, the last falling off a full list (no splice: it allocated an array per call).
    let end = out.length;
    if (end <= RANKED_ALTERNATIVES) out.push(k);
    else end = RANKED_ALTERNATIVES;
    for (let q = end; q > pos; q--) out[q] = out[q - 1]!;
    out[pos] = k;
  }
  return out;
}

function localPosterior(lm: NgramScorer, lat: Lattice, path: Int32Array, i: number, w: number): SlotResult {
  const { latStart, latLen, latIds, latChan } = lat;
  const off = latStart[i]!, n = latLen[i]!;
  const chosen = path[i]!;
  if (n === 1) return { choice: 0, confidence: 1, ranked: [0] };
  const u = latIds[latStart[i - 2]! + path[i - 2]!]!, v = latIds[latStart[i - 1]! + path[i - 1]!]!;
  const x = i + 1 < lat.positions ? latIds[latStart[i + 1]! + path[i + 1]!]! : -1;
  const ctxUV = lm.bigramIndex(u, v);
  // The two trigrams that predict the word and its right neighbour (the third adds little).
  const local = localScores;
  let top = -Infinity;
  for (let k = 0; k < n; k++) {
    const c = latIds[off + k]!;
    const vc = lm.lookupBigram(v, c);
    let s = w * latChan[off + k]! + lm.trigramFromContext(ctxUV, c, lm.lastLogP);
    if (x >= 0) {
      lm.lookupBigram(c, x);
      s += lm.trigramFromContext(vc, x, lm.lastLogP);
    }
    local[k] = s;
    if (s > top) top = s;
  }
  let z = 0;
  for (let k = 0; k < n; k++) z += Math.exp(local[k]! - top);
  return { choice: chosen, confidence: Math.exp(local[chosen]! - top) / z, ranked: bestOthers(local, 0, n, chosen, false) };
}
