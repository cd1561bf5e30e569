/**
 * Posterior of every candidate of a segment by forward–backward over the same second-order
 * lattice the Viterbi decoder searches (decoder.ts): states are (previous, current) candidate
 * pairs, arcs are trigram LM ln P + channelWeight · channel ln P. Where Viterbi keeps the best
 * path into each state, this sums all of them, so a word's probability counts every reading of
 * its neighbours, right context included, not only the best path's margin.
 *
 * The arc scores of the forward pass are kept (one flat buffer, reused) so the backward pass costs
 * no LM look-ups; states further than BEAM nats below the best of their layer are dropped, as the
 * decoder does (their share is below e^-BEAM).
 */
import type { NgramScorer } from './language-model.js';
import { BOS, EOS } from './lm-tokens.js';
import type { Slot } from './decoder.js';
import { MAX_CANDIDATES, scratchTable, type ArcTable } from './arc-table.js';

/** States this far (nats) below the layer's best forward score are left out of the sums. */
const BEAM = 9;
// Scratch buffers reused across calls (restoration is synchronous).
let arcs = new Float64Array(1 << 16);
let alpha = new Float64Array(1 << 12);
let beta = new Float64Array(1 << 12);
/** Per candidate c of the layer's last position: its pair entry (b, c) in the arc table. */
const pairBC = new Int32Array(MAX_CANDIDATES);
const chanP = new Float64Array(MAX_CANDIDATES);
const PRUNE = Math.exp(-BEAM);

// The window being summed over, flat: position p has winLen[p] candidates from winStart[p] in
// winIds / winChan (positions 0 and 1 are <s>, the last </s>). The sums read only these typed
// arrays, never the callers' slot objects, whose shapes vary (candidate lists, fixed words, name
// slots): one shape keeps the compiled sums from being thrown away and compiled again. Each
// position's list in the arc table is winList[p] and each candidate's index in it winSrc.
let winStart: Int32Array = new Int32Array(64), winLen: Int32Array = new Int32Array(64), winList: Int32Array = new Int32Array(64);
let winIds: Int32Array = new Int32Array(1024), winChan: Float64Array = new Float64Array(1024), winSrc: Int32Array = new Int32Array(1024);
let positions = 0, filled = 0;
// Per layer, where its states and the arcs into it start in alpha/beta and arcs (grown, reused).
let stateAt = new Int32Array(64), arcAt = new Int32Array(64);

const BOS_LIST = [BOS], EOS_LIST = [EOS];

/** Starts a window with its two <s> positions. */
export function openWindow(table: ArcTable): void {
  positions = 0;
  filled = 0;
  const bos = table.list(BOS_LIST);
  for (let k = 0; k < 2; k++) { openPosition(bos); addCandidate(BOS, 0, 0); }
}

/** Starts the window's next position, its candidates from `list` of the table (addCandidate). */
export function openPosition(list: number): void {
  if (positions === winStart.length) {
    winStart = grown(winStart, positions * 2);
    winLen = grown(winLen, positions * 2);
    winList = grown(winList, positions * 2);
  }
  winStart[positions] = filled;
  winLen[positions] = 0;
  winList[positions] = list;
  positions++;
}

/** Candidate `src` of the position's list. */
export function addCandidate(id: number, chan: number, src: number): void {
  if (filled === winIds.length) {
    winIds = grown(winIds, filled * 2);
    winSrc = grown(winSrc, filled * 2);
    const c = new Float64Array(filled * 2);
    c.set(winChan);
    winChan = c;
  }
  winIds[filled] = id;
  winChan[filled] = chan;
  winSrc[filled] = src;
  filled++;
  winLen[positions - 1] = winLen[positions - 1]! + 1;
}

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** A slot as the next position of the window, cut to MAX_CANDIDATES (as the decoder sees it). */
function addSlot(slot: Slot, table: ArcTable): void {
  openPosition(table.list(slot.ids));
  const n = Math.min(slot.ids.length, MAX_CANDIDATES);
  for (let k = 0; k < n; k++) addCandidate(slot.ids[k]!, slot.chan[k]!, k);
}

/**
 * P(candidate k at slot j | the whole segment) for every slot j and candidate k (capped to the
 * first MAX_CANDIDATES, as the decoder sees them); each row sums to 1. Computed in probability
 * space with each layer's forward mass scaled to a maximum of 1 (one exp per arc, no logs).
 */
export function slotPosteriors(lm: NgramScorer, slots: readonly Slot[], channelWeight: number, arcs?: ArcTable): number[][] {
  const table = arcs && arcs.lm === lm ? arcs : scratchTable(lm);
  table.startPass();
  openWindow(table);
  for (const slot of slots) addSlot(slot, table);
  sumWindow(table, channelWeight);
  return rowsOf(0, Infinity);
}

/**
 * Forward–backward over the window laid out in the scratch buffers (closed here with </s>), its
 * LM scores from `table`; leaves the scaled sums in alpha / beta for rowsOf and chosenAt.
 */
export function sumWindow(table: ArcTable, channelWeight: number): void {
  openPosition(table.list(EOS_LIST));
  addCandidate(EOS, 0, 0);
  const L = positions;
  // Layer i (1 ≤ i < L) holds states (a at position i-1, b at i) at stateAt[i] + a·|i| + b;
  // arcs into layer i (from layer i-1 state (a, b) to (b, c)) at arcAt[i] + (a·|B| + b)·|C| + c.
  if (stateAt.length < L + 1) { stateAt = new Int32Array(2 * L + 2); arcAt = new Int32Array(2 * L + 2); }
  stateAt[0] = stateAt[1] = arcAt[0] = arcAt[1] = 0;
  for (let i = 1; i < L; i++) {
    stateAt[i + 1] = stateAt[i]! + winLen[i - 1]! * winLen[i]!;
    arcAt[i + 1] = arcAt[i]! + (i >= 2 ? winLen[i - 2]! * winLen[i - 1]! * winLen[i]! : 0);
  }
  if (alpha.length < stateAt[L]!) { alpha = new Float64Array(stateAt[L]! * 2); beta = new Float64Array(stateAt[L]! * 2); }
  if (arcs.length < arcAt[L]!) arcs = new Float64Array(arcAt[L]! * 2);
  alpha.fill(0, 0, stateAt[L]!);
  // arcs needs no clearing: the backward pass reads only the rows of states the forward pass kept (same test).
  alpha[stateAt[1]!] = 1; // (BOS, BOS)

  for (let i = 2; i < L; i++) {
    const offA = winStart[i - 2]!, offB = winStart[i - 1]!, offC = winStart[i]!;
    const nA = winLen[i - 2]!, nB = winLen[i - 1]!, nC = winLen[i]!;
    const prev = stateAt[i - 1]!, here = stateAt[i]!, arc = arcAt[i]!;
    const floor = PRUNE; // the previous layer is scaled to a maximum of 1
    // The LM scores come from the arc table's blocks of the positions' lists (the decoder's, mostly).
    const listA = winList[i - 2]!, listB = winList[i - 1]!, listC = winList[i]!;
    const lenA = table.length(listA), lenB = table.length(listB), lenC = table.length(listC);
    table.reserve(nA * lenB + nB * lenC, lenA + lenB + lenA * lenB, nA * nB * lenC);
    const pairAB = table.pairBlock(listA, listB), pairsBC = table.pairBlock(listB, listC);
    const rowsABC = table.tripleBlock(pairAB, listA, listB, listC);
    // Filled only in the layer's reserve above: no look-up below moves the arrays.
    const vals = table.vals;
    for (let c = 0; c < nC; c++) chanP[c] = Math.exp(channelWeight * winChan[offC + c]!);
    for (let b = 0; b < nB; b++) {
      const wb = winIds[offB + b]!, sb = winSrc[offB + b]!;
      // The pair entries (b, c) and (a, b) are read only for a trigram score still unknown (most
      // are the decoder's, already in the table): a known score is the same number without them.
      for (let c = 0; c < nC; c++) pairBC[c] = -1; // a loop: TypedArray fill is a call into C++
      for (let a = 0; a < nA; a++) {
        const from = alpha[prev + a * nB + b]!;
        if (from < floor) continue;
        const sa = winSrc[offA + a]!;
        let ab = -1;
        const r = table.row(rowsABC + sa * lenB + sb, lenC);
        const row = arc + (a * nB + b) * nC, to = here + b * nC;
        for (let c = 0; c < nC; c++) {
          const sc = winSrc[offC + c]!;
          let x = vals[r + sc]!;
          if (x !== x) {
            if (ab < 0) ab = table.pairEntry(pairAB + sa, lenB, sb, winIds[offA + a]!, wb);
            if (pairBC[c]! < 0) pairBC[c] = table.pairEntry(pairsBC + sb, lenC, sc, wb, winIds[offC + c]!);
            x = table.arc(r + sc, ab, pairBC[c]!, winIds[offC + c]!);
          }
          const p = Math.exp(x) * chanP[c]!;
          arcs[row + c] = p;
          alpha[to + c] = alpha[to + c]! + from * p;
        }
      }
    }
    scaleToMax(alpha, here, nB * nC);
  }

  // Backward, each layer scaled to a maximum of 1 as well (the scales cancel per slot).
  beta.fill(0, 0, stateAt[L]!);
  for (let k = 0; k < winLen[L - 2]!; k++) beta[stateAt[L - 1]! + k] = 1;
  for (let i = L - 1; i >= 2; i--) {
    const nA = winLen[i - 2]!, nB = winLen[i - 1]!, nC = winLen[i]!;
    const prev = stateAt[i - 1]!, here = stateAt[i]!, arc = arcAt[i]!;
    for (let a = 0; a < nA; a++) {
      for (let b = 0; b < nB; b++) {
        if (alpha[prev + a * nB + b]! < PRUNE) continue;
        let acc = 0;
        const row = arc + (a * nB + b) * nC, to = here + b * nC;
        for (let c = 0; c < nC; c++) acc += arcs[row + c]! * beta[to + c]!;
        beta[prev + a * nB + b] = acc;
      }
    }
    scaleToMax(beta, prev, nA * nB);
  }
}

/**
 * P(c at slot i) ∝ Σ_b alpha(b, c) · beta(b, c), normalised per slot, for the window's slots
 * first..last (row r is slot first + r). Plain arrays: a typed array per row cost more to
 * allocate than the sums themselves.
 */
function rowsOf(first: number, last: number): number[][] {
  const out: number[][] = [];
  for (let i = 2 + first; i < positions - 1 && i - 2 <= last; i++) {
    const nB = winLen[i - 1]!, nC = winLen[i]!, here = stateAt[i]!;
    const row: number[] = [];
    for (let c = 0; c < nC; c++) row.push(0);
    let z = 0;
    for (let b = 0; b < nB; b++) {
      for (let c = 0; c < nC; c++) {
        const v = alpha[here + b * nC + c]! * beta[here + b * nC + c]!;
        row[c] = row[c]! + v;
        z += v;
      }
    }
    for (let c = 0; c < nC; c++) row[c] = z > 0 ? row[c]! / z : 1 / nC;
    out.push(row);
  }
  return out;
}

/**
 * The row of window slot `slot` spread over its list's first `n` candidates (those addLikely left
 * out get 0).
 */
export function windowRow(slot: number, n: number): number[] {
  const row = rowsOf(slot, slot)[0]!, start = winStart[2 + slot]!, full: number[] = [];
  while (full.length < n) full.push(0);
  for (let k = 0; k < row.length; k++) full[winSrc[start + k]!] = row[k]!;
  return full;
}

/**
 * rowsOf's value for one candidate: window slot `slot`'s entry for the candidate whose index in
 * its list is `src` (the same sums in the same order, the other entries not kept).
 */
export function chosenAt(slot: number, src: number): number {
  const i = 2 + slot, nB = winLen[i - 1]!, nC = winLen[i]!, here = stateAt[i]!, off = winStart[i]!;
  let mine = 0;
  while (mine < nC && winSrc[off + mine] !== src) mine++;
  let z = 0, sum = 0;
  for (let b = 0; b < nB; b++) {
    for (let c = 0; c < nC; c++) {
      const v = alpha[here + b * nC + c]! * beta[here + b * nC + c]!;
      if (c === mine) sum = sum + v;
      z += v;
    }
  }
  return z > 0 ? sum / z : 1 / nC;
}

function scaleToMax(v: Float64Array, at: number, n: number): void {
  let top = 0;
  for (let k = at; k < at + n; k++) if (v[k]! > top) top = v[k]!;
  if (top > 0) for (let k = at; k < at + n; k++) v[k] = v[k]! / top;
}

