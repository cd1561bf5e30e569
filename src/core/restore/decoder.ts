/**
 * Second-order Viterbi over a segment's candidate lattice: score = trigram LM log-probability +
 * channelWeight · channel log-probability. States are (previous, current) candidate pairs.
 * Confidence of each choice: a softmax over the candidates at that position with the rest of the
 * best path fixed (the three trigrams touching it), which is cheap and behaves like a posterior.
 */
import type { NgramScorer } from './language-model.js';
import { BOS, EOS } from './lm-tokens.js';
// Lists longer than MAX_CANDIDATES are cut (the scratch buffers are laid out for it).
import { MAX_CANDIDATES, PAIR_FIELDS, scratchTable, type ArcTable } from './arc-table.js';

export interface Slot {
  ids: readonly number[];
  /** Channel ln P for each candidate (0 for mark-free input). */
  chan: readonly number[];
  /** The candidates' lower-case spellings (slot-shape.ts: every slot restore() makes has them). */
  forms?: readonly string[];
  /** A person's name (name-evidence.ts): the document cache leaves it alone. */
  name?: boolean;
}

export interface SlotResult {
  choice: number;
  confidence: number;
  /** The choice, then up to RANKED_ALTERNATIVES other candidate indices, best first. */
  ranked: number[];
}

/** Alternatives kept per slot: callers show a few, and ranking all of them was a tenth of the time. */
export const RANKED_ALTERNATIVES = 3;

/** The result of every one-candidate slot (one object: callers never change a result). */
const ONLY_CANDIDATE: SlotResult = { choice: 0, confidence: 1, ranked: [0] };

/** States further than this (nats) below the best at a position are dropped. */
const BEAM = 7;
/** Forward-score margin (nats) above which a choice needs no right-context check. */
const EASY_MARGIN = 5;

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
const localScores = new Float64Array(MAX_CANDIDATES);
// The states (a, b) inside the beam for one b, best score first: candidate index, score, and where
// its row of trigram scores starts.
const activeA = new Int32Array(MAX_CANDIDATES), activeRow = new Int32Array(MAX_CANDIDATES);
const activeScore = new Float64Array(MAX_CANDIDATES);
// Per candidate b of a layer's last position, the a (ascending) of its states (a, b) that may be
// inside the beam: the layer before lists each state it scores within BEAM of its best so far (a
// superset of those within BEAM of its final best, which only rises), so a layer reads only these
// instead of scanning all |A|·|B| scores. Two sets, swapped with the score layers.
let liveA = new Int32Array(LAYER), liveN = new Int32Array(MAX_CANDIDATES);
let nextLiveA = new Int32Array(LAYER), nextLiveN = new Int32Array(MAX_CANDIDATES);
let pathBuf = new Int32Array(CAPACITY);

/**
 * The segment's lattice in flat typed arrays: position p (0, 1 are <s>, the last </s>) has
 * latLen[p] candidates from latStart[p] in latIds / latChan; latList[p] is its list in the arc
 * table, latPair[p] the pair block of positions (p-1, p) and latRows[p] the triple block of
 * (p-2, p-1, p) (arc-table.ts).
 */
interface Lattice {
  positions: number;
  latStart: Int32Array; latLen: Int32Array; latIds: Int32Array; latChan: Float64Array;
  latList: Int32Array; latPair: Int32Array; latRows: Int32Array;
}
const lattice: Lattice = {
  positions: 0, latStart: new Int32Array(0), latLen: new Int32Array(0), latIds: new Int32Array(0), latChan: new Float64Array(0),
  latList: new Int32Array(0), latPair: new Int32Array(0), latRows: new Int32Array(0),
};
// Stored a second time at once: a field stored only once is a constant to V8's optimizing compiler,
// and the first longer segment's growth would then throw away the decoder's compiled code.
growLattice(CAPACITY, CAPACITY * MAX_CANDIDATES);

function growLattice(positions: number, total: number): void {
  if (lattice.latStart.length < positions) {
    lattice.latStart = new Int32Array(positions); lattice.latLen = new Int32Array(positions); lattice.latList = new Int32Array(positions);
    lattice.latPair = new Int32Array(positions); lattice.latRows = new Int32Array(positions);
  }
  if (lattice.latIds.length < total) { lattice.latIds = new Int32Array(total); lattice.latChan = new Float64Array(total); }
}

const BOS_LIST = [BOS], EOS_LIST = [EOS];

/** Lays `slots` out in the shared lattice buffers, each cut to MAX_CANDIDATES, with their lists in `table`. */
function layOut(slots: readonly Slot[], table: ArcTable): Lattice {
  const L = slots.length + 3;
  let total = 3;
  for (let j = 0; j < slots.length; j++) total += Math.min(slots[j]!.ids.length, MAX_CANDIDATES);
  if (lattice.latStart.length < L || lattice.latIds.length < total) growLattice(L * 2, total * 2);
  const { latStart, latLen, latIds, latChan, latList } = lattice;
  const bos = table.list(BOS_LIST);
  latStart[0] = 0; latLen[0] = 1; latIds[0] = BOS; latChan[0] = 0; latList[0] = bos;
  latStart[1] = 1; latLen[1] = 1; latIds[1] = BOS; latChan[1] = 0; latList[1] = bos;
  let at = 2;
  for (let j = 0; j < slots.length; j++) {
    const { ids, chan } = slots[j]!;
    const n = Math.min(ids.length, MAX_CANDIDATES);
    latStart[j + 2] = at;
    latLen[j + 2] = n;
    latList[j + 2] = table.list(ids);
    for (let k = 0; k < n; k++) { latIds[at + k] = ids[k]!; latChan[at + k] = chan[k]!; }
    at += n;
  }
  latStart[L - 1] = at; latLen[L - 1] = 1; latIds[at] = EOS; latChan[at] = 0; latList[L - 1] = table.list(EOS_LIST);
  lattice.positions = L;
  return lattice;
}

/**
 * The best path and each slot's confidence. `arcs` is the document's table of LM scores
 * (arc-table.ts); without one (or one for another LM) a scratch table serves this call alone.
 */
export function decodeSegment(lm: NgramScorer, slots: readonly Slot[], channelWeight: number, arcs?: ArcTable): SlotResult[] {
  const table = arcs && arcs.lm === lm ? arcs : scratchTable(lm);
  table.startPass();
  const { latStart, latLen, latIds, latChan, latList, latPair, latRows } = layOut(slots, table);
  const L = slots.length + 3;
  const maxLogP = lm.maxLogP;
  if (backs.length < L * LAYER) {
    backs = new Int32Array(L * 2 * LAYER);
    forward = new Float64Array(L * 2 * MAX_CANDIDATES);
  }
  // Layer i holds states (a in position i-1, b in i) at k = a * |i| + b; layer 1 is (BOS, BOS).
  let score = scoreA, next = scoreB;
  score[0] = 0;
  liveN[0] = 1;
  liveA[0] = 0;
  // The best score of the layer being read: the layer before's best (its layerBest below), 0 for (BOS, BOS).
  let best = 0;
  backs[LAYER] = 0;
  forward[0] = 0;
  forward[MAX_CANDIDATES] = 0;
  table.reserve(0, 1, 0);
  latPair[1] = table.pairBlock(latList[0]!, latList[1]!);
  for (let i = 2; i < L; i++) {
    const offA = latStart[i - 2]!, offB = latStart[i - 1]!, offC = latStart[i]!;
    const nA = latLen[i - 2]!, nB = latLen[i - 1]!, nC = latLen[i]!;
    // This layer's blocks: the states' contexts (pair block of A, B, filled by the layer before or
    // now), the next states' contexts and bigrams (B, C), the trigram rows (A, B, C).
    table.reserve(nA * nB + nB * nC, nB + nA * nB, nA * nB * nC);
    const pairAB = latPair[i - 1]!;
    const pairBC = latPair[i] = table.pairBlock(latList[i - 1]!, latList[i]!);
    const rowsABC = latRows[i] = table.tripleBlock(pairAB, latList[i - 2]!, latList[i - 1]!, latList[i]!);
    const pairs = table.pairs, vals = table.vals;
    const floor = best - BEAM;
    const back = i * LAYER;
    const fw = i * MAX_CANDIDATES;
    // A loop, not TypedArray fill (a call into C++ that costs more than these few stores). The next
    // layer's scores are written below for every b with a state in the beam (-Infinity for the rest
    // only in the last layer: the others are read through their lists).
    for (let k = fw; k < fw + nC; k++) forward[k] = -Infinity;
    // The best state of this layer so far: one further than BEAM below it is never expanded (the
    // next layer's floor is at least that high).
    let layerBest = -Infinity;
    // The b without a live previous state (bit b), whose scores are left unwritten.
    let dead = 0;
    for (let c = 0; c < nC; c++) nextLiveN[c] = 0;
    for (let b = 0; b < nB; b++) {
      const wb = latIds[offB + b]!;
      // Previous states (a, b) inside the beam, best first, with their row of trigram scores. Their
      // contexts' pair entries are read only where a score is still unknown (below).
      let nActive = 0;
      for (let j = 0, live = b * MAX_CANDIDATES, nLive = liveN[b]!; j < nLive; j++) {
        const a = liveA[live + j]!;
        const k = a * nB + b;
        const s = score[k]!;
        if (s < floor) continue;
        // Called unconditionally (it allocates only on first use, and is inlined): a call site
        // whose branch a document rarely takes had no type feedback when the decoder was
        // optimized, and taking it later threw the compiled code away (--trace-deopt).
        const r = table.row(rowsABC + k, nC);
        let t = nActive++;
        while (t > 0 && activeScore[t - 1]! < s) {
          activeA[t] = activeA[t - 1]!; activeScore[t] = activeScore[t - 1]!; activeRow[t] = activeRow[t - 1]!;
          t--;
        }
        activeA[t] = a; activeScore[t] = s; activeRow[t] = r;
      }
      if (nActive === 0) {
        // A layer reads only the states listed for it (liveA), so these need no score, but for the
        // last layer, whose every state the backtrack compares.
        if (i === L - 1) for (let k = b * nC; k < b * nC + nC; k++) next[k] = -Infinity;
        dead |= 1 << b;
        continue;
      }
      const rb = table.pairRow(pairBC + b, nC);
      for (let c = 0; c < nC; c++) {
        const wc = latIds[offC + c]!;
        // The pair entry of (b, c): log P(wc | wb) for the bound and the backoff, read only when a
        // trigram score is still unknown (once the table knows the scores it is not touched).
        const e = PAIR_FIELDS * (rb + c);
        // The best previous state, the first by candidate index on a tie. A trigram score already
        // in the table is read; otherwise a state that cannot reach the best so far even with its
        // context's likeliest trigram is not looked up (the same choice either way).
        // Below `cut` this state's score changes nothing: it is under the next layer's floor (never
        // expanded, never on the path) and under a score the candidate already has (its forward
        // score stays). A previous state that cannot lift it to `cut` even with the likeliest score
        // (maxLogP), nor any after it (best first), is not read, and a look-up that cannot is not
        // made; the state's score is then only a lower bound (or -Infinity), read by nothing. The
        // rare forms of a long list (maxSkeleton 'all') mostly end here after their first b.
        const wChan = channelWeight * latChan[offC + c]!, f = forward[fw + c]!, beamFloor = layerBest - BEAM;
        const cut = (f < beamFloor ? f : beamFloor) - wChan;
        let top = -Infinity, arg = 0;
        for (let t = 0; t < nActive; t++) {
          const s = activeScore[t]!;
          if (s + maxLogP < cut) break;
          const at = activeRow[t]! + c;
          let x = vals[at]!;
          const a = activeA[t]!;
          if (x !== x) {
            if (pairs[e] !== pairs[e]) table.fillPair(rb + c, wb, wc);
            // The context (a, b): its bigram handle, backoff weight and likeliest trigram.
            const uv = table.pairRow(pairAB + a, nB) + b, p = PAIR_FIELDS * uv;
            if (pairs[p] !== pairs[p]) table.fillPair(uv, latIds[offA + a]!, wb);
            if (pairs[p]! >= 0) {
              const off = pairs[p + 2]! + pairs[e + 1]!, most = pairs[p + 3]!, bound = s + (off > most ? off : most);
              if (bound < top || bound < cut) continue;
            }
            x = table.arc(at, uv, rb + c, wc);
          }
          const v = s + x;
          if (v > top || (v === top && a < arg)) { top = v; arg = a; }
        }
        const total = top + wChan;
        next[b * nC + c] = total;
        backs[back + b * nC + c] = arg;
        if (total > f) forward[fw + c] = total;
        if (total > layerBest) layerBest = total;
        // Not `>=`: a NaN score (a zero weight times an impossible channel score) stays listed, as the full scan read it.
        if (!(total < layerBest - BEAM)) { const n = nextLiveN[c]!; nextLiveA[c * MAX_CANDIDATES + n] = b; nextLiveN[c] = n + 1; }
      }
    }
    // No finite score in this layer (every candidate's channel score -∞, say): the next layer's
    // floor is -∞ and the full scan read every state, the unwritten ones as -∞. So do the same.
    // (Such a path then runs through back-pointers no layer wrote, left by earlier decodes, as it
    // did before the lists: checked against 353fcc0's decoder on such lattices, not testable
    // against a plain Viterbi.)
    if (layerBest === -Infinity) allLive(next, dead, nB, nC);
    const swapScore = score; score = next; next = swapScore;
    const swapA = liveA; liveA = nextLiveA; nextLiveA = swapA;
    const swapN = liveN; liveN = nextLiveN; nextLiveN = swapN;
    best = layerBest;
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
    out[j] = forwardPosterior(forward, (j + 2) * MAX_CANDIDATES, latLen[j + 2]!, path[j + 2]!) ?? localPosterior(table, lattice, path, j + 2, channelWeight);
  }
  return out;
}

/** Lists every state (b, c) of a layer for the next, the dead b's scores set to -∞ (decodeSegment). */
function allLive(scores: Float64Array, dead: number, nB: number, nC: number): void {
  for (let b = 0; b < nB; b++) if ((dead & (1 << b)) !== 0) for (let k = b * nC; k < b * nC + nC; k++) scores[k] = -Infinity;
  for (let c = 0; c < nC; c++) {
    for (let b = 0; b < nB; b++) nextLiveA[c * MAX_CANDIDATES + b] = b;
    nextLiveN[c] = nB;
  }
}

/**
 * When the chosen candidate already wins clearly on the forward scores (left context only), the
 * softmax of those scores is the confidence; otherwise null and the right context is consulted.
 */
function forwardPosterior(f: Float64Array, at: number, n: number, chosen: number): SlotResult | null {
  if (n === 1) return ONLY_CANDIDATE;
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
  const out = rankedBuf;
  out[0] = chosen;
  let len = 1;
  for (let k = 0; k < n; k++) {
    const v = scores[at + k]!;
    if (k === chosen || (finiteOnly && v === -Infinity)) continue;
    let pos = len;
    while (pos > 1 && scores[at + out[pos - 1]!]! < v) pos--;
    if (pos > RANKED_ALTERNATIVES) continue;
    // Insert at pos, the last falling off a full list.
    let end = len;
    if (end <= RANKED_ALTERNATIVES) len++;
    else end = RANKED_ALTERNATIVES;
    for (let q = end; q > pos; q--) out[q] = out[q - 1]!;
    out[pos] = k;
  }
  // Built in a scratch buffer, handed out at its size (a growing array allocated twice).
  return len === 1 ? [out[0]!] : len === 2 ? [out[0]!, out[1]!] : len === 3 ? [out[0]!, out[1]!, out[2]!] : len === 4 ? [out[0]!, out[1]!, out[2]!, out[3]!] : Array.from(out.subarray(0, len));
}
const rankedBuf = new Int32Array(RANKED_ALTERNATIVES + 1);

function localPosterior(table: ArcTable, lat: Lattice, path: Int32Array, i: number, w: number): SlotResult {
  const { latStart, latLen, latIds, latChan, latPair, latRows } = lat;
  const off = latStart[i]!, n = latLen[i]!;
  const chosen = path[i]!;
  if (n === 1) return ONLY_CANDIDATE;
  const pu = path[i - 2]!, pv = path[i - 1]!, nV = latLen[i - 1]!;
  const u = latIds[latStart[i - 2]! + pu]!, v = latIds[latStart[i - 1]! + pv]!;
  const right = i + 1 < lat.positions;
  const px = right ? path[i + 1]! : 0, nX = right ? latLen[i + 1]! : 0, x = right ? latIds[latStart[i + 1]! + px]! : -1;
  table.reserve(nV + n + n * nX, 0, n + n * nX);
  const uv = table.pairEntry(latPair[i - 1]! + pu, nV, pv, u, v);
  const rowUV = table.row(latRows[i]! + pu * nV + pv, n);
  // The two trigrams that predict the word and its right neighbour (the third adds little).
  const local = localScores;
  let top = -Infinity;
  for (let k = 0; k < n; k++) {
    const c = latIds[off + k]!;
    const vc = table.pairEntry(latPair[i]! + pv, n, k, v, c);
    let s = w * latChan[off + k]! + table.arc(rowUV + k, uv, vc, c);
    if (right) {
      const cx = table.pairEntry(latPair[i + 1]! + k, nX, px, c, x);
      s += table.arc(table.row(latRows[i + 1]! + pv * n + k, nX) + px, vc, cx, x);
    }
    local[k] = s;
    if (s > top) top = s;
  }
  let z = 0;
  for (let k = 0; k < n; k++) z += Math.exp(local[k]! - top);
  return { choice: chosen, confidence: Math.exp(local[chosen]! - top) / z, ranked: bestOthers(local, 0, n, chosen, false) };
}
