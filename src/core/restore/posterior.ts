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

/** Decoder confidence from which a word's posterior is not summed again (27% of words fall below on OCR pairs). */
export const SURE = 0.999;
/** Candidates this far (nats, weighted) below a slot's best channel score are left out of the sums. */
const CHANNEL_BEAM = 10;
/** States this far (nats) below the layer's best forward score are left out of the sums. */
const BEAM = 9;
/** Candidates per slot the decoder looks at (decoder.ts caps its lists the same way). */
const MAX_CANDIDATES = 24;
const BOS_SLOT: Slot = { ids: [BOS], chan: [0] };
const EOS_SLOT: Slot = { ids: [EOS], chan: [0] };

// Scratch buffers reused across calls (restoration is synchronous).
let arcs = new Float64Array(1 << 16);
let alpha = new Float64Array(1 << 12);
let beta = new Float64Array(1 << 12);
const bigrams = new Float64Array(MAX_CANDIDATES);
const chanP = new Float64Array(MAX_CANDIDATES);
const PRUNE = Math.exp(-BEAM);

/**
 * P(candidate k at slot j | the whole segment) for every slot j and candidate k (capped to the
 * first MAX_CANDIDATES, as the decoder sees them); each row sums to 1. Computed in probability
 * space with each layer's forward mass scaled to a maximum of 1 (one exp per arc, no logs).
 */
export function slotPosteriors(lm: NgramScorer, slots: readonly Slot[], channelWeight: number): number[][] {
  const S = [BOS_SLOT, BOS_SLOT, ...slots, EOS_SLOT];
  const L = S.length;
  const size = (i: number) => Math.min(S[i]!.ids.length, MAX_CANDIDATES);
  // Layer i (1 ≤ i < L) holds states (a in S[i-1], b in S[i]) at stateAt[i] + a·|S[i]| + b;
  // arcs into layer i (from layer i-1 state (a, b) to (b, c)) at arcAt[i] + (a·|B| + b)·|C| + c.
  const stateAt = new Int32Array(L + 1), arcAt = new Int32Array(L + 1);
  for (let i = 1; i < L; i++) {
    stateAt[i + 1] = stateAt[i]! + size(i - 1) * size(i);
    arcAt[i + 1] = arcAt[i]! + (i >= 2 ? size(i - 2) * size(i - 1) * size(i) : 0);
  }
  if (alpha.length < stateAt[L]!) { alpha = new Float64Array(stateAt[L]! * 2); beta = new Float64Array(stateAt[L]! * 2); }
  if (arcs.length < arcAt[L]!) arcs = new Float64Array(arcAt[L]! * 2);
  alpha.fill(0, 0, stateAt[L]!);
  // arcs needs no clearing: the backward pass reads only the rows of states the forward pass kept (same test).
  alpha[stateAt[1]!] = 1; // (BOS, BOS)

  for (let i = 2; i < L; i++) {
    const A = S[i - 2]!, B = S[i - 1]!, C = S[i]!;
    const nA = size(i - 2), nB = size(i - 1), nC = size(i);
    const prev = stateAt[i - 1]!, here = stateAt[i]!, arc = arcAt[i]!;
    const floor = PRUNE; // the previous layer is scaled to a maximum of 1
    for (let c = 0; c < nC; c++) chanP[c] = Math.exp(channelWeight * C.chan[c]!);
    for (let b = 0; b < nB; b++) {
      const wb = B.ids[b]!;
      let bigramsDone = false;
      for (let a = 0; a < nA; a++) {
        const from = alpha[prev + a * nB + b]!;
        if (from < floor) continue;
        // lookupBigram leaves the same log P as bigram(), from the cache entry on a hit (no model read).
        if (!bigramsDone) { for (let c = 0; c < nC; c++) { lm.lookupBigram(wb, C.ids[c]!); bigrams[c] = lm.lastLogP; } bigramsDone = true; }
        const ctx = lm.bigramIndex(A.ids[a]!, wb);
        const row = arc + (a * nB + b) * nC, to = here + b * nC;
        for (let c = 0; c < nC; c++) {
          const p = Math.exp(lm.trigramFromContext(ctx, C.ids[c]!, bigrams[c]!)) * chanP[c]!;
          arcs[row + c] = p;
          alpha[to + c] = alpha[to + c]! + from * p;
        }
      }
    }
    scaleToMax(alpha, here, nB * nC);
  }

  // Backward, each layer scaled to a maximum of 1 as well (the scales cancel per slot).
  beta.fill(0, 0, stateAt[L]!);
  for (let k = 0; k < size(L - 2); k++) beta[stateAt[L - 1]! + k] = 1;
  for (let i = L - 1; i >= 2; i--) {
    const nA = size(i - 2), nB = size(i - 1), nC = size(i);
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

  // P(c at slot i) ∝ Σ_b alpha(b, c) · beta(b, c), normalised per slot.
  // Plain arrays: a typed array per row cost more to allocate than the sums themselves.
  const out: number[][] = [];
  for (let i = 2; i < L - 1; i++) {
    const nB = size(i - 1), nC = size(i), here = stateAt[i]!;
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

function scaleToMax(v: Float64Array, at: number, n: number): void {
  let top = 0;
  for (let k = at; k < at + n; k++) if (v[k]! > top) top = v[k]!;
  if (top > 0) for (let k = at; k < at + n; k++) v[k] = v[k]! / top;
}

/**
 * Posteriors where the decoder was unsure: runs of slots whose decoder confidence is below `sure`
 * (runs closer than two slots merged, as a trigram ties them) are summed over with the two decoded
 * words on each side held fixed, which gives them their exact trigram context. Other slots get
 * no row (the decoder's own confidence stands): the cost follows the doubt, not the text length.
 */
export function unsurePosteriors(
  lm: NgramScorer, lattice: readonly Slot[], results: readonly { choice: number; confidence: number }[], channelWeight: number, sure: number,
): (number[] | undefined)[] {
  const out: (number[] | undefined)[] = new Array(lattice.length);
  const unsure = (j: number) => lattice[j]!.ids.length > 1 && results[j]!.confidence < sure;
  const fixed = (j: number): Slot => ({ ids: [lattice[j]!.ids[results[j]!.choice]!], chan: [lattice[j]!.chan[results[j]!.choice]!] });
  for (let j = 0; j < lattice.length; j++) {
    if (!unsure(j)) continue;
    let e = j;
    for (let k = j + 1; k < lattice.length && k <= e + 2; k++) if (unsure(k)) e = k;
    const from = Math.max(0, j - 2), to = Math.min(lattice.length - 1, e + 2);
    const window: Slot[] = [], kept: (number[] | null)[] = [];
    for (let k = from; k <= to; k++) {
      if (k < j || k > e) { window.push(fixed(k)); kept.push(null); continue; }
      const [slot, map] = likelyOnly(lattice[k]!, results[k]!.choice, channelWeight);
      window.push(slot);
      kept.push(map);
    }
    const rows = slotPosteriors(lm, window, channelWeight);
    for (let k = j; k <= e; k++) {
      const map = kept[k - from]!, row = rows[k - from]!;
      if (map.length === row.length && map.length === lattice[k]!.ids.length) { out[k] = row; continue; }
      const full: number[] = [];
      for (let n = Math.min(lattice[k]!.ids.length, MAX_CANDIDATES); full.length < n;) full.push(0);
      for (let n = 0; n < map.length; n++) if (map[n]! < full.length) full[map[n]!] = row[n]!;
      out[k] = full;
    }
    j = e;
  }
  return out;
}

/**
 * The slot without candidates whose channel score is CHANNEL_BEAM nats below its best (an English-
 * model OCR token has 16 or more, most of them far-fetched): they would need as large an LM
 * advantage to carry any mass. The decoder's choice always stays. Also the kept indices.
 */
function likelyOnly(slot: Slot, choice: number, channelWeight: number): [Slot, number[]] {
  const n = Math.min(slot.ids.length, MAX_CANDIDATES);
  let best = -Infinity;
  for (let k = 0; k < n; k++) if (slot.chan[k]! > best) best = slot.chan[k]!;
  const floor = best - CHANNEL_BEAM / Math.max(channelWeight, 1e-9);
  const map: number[] = [];
  for (let k = 0; k < n; k++) if (k === choice || slot.chan[k]! >= floor) map.push(k);
  if (map.length === slot.ids.length) return [slot, map];
  return [{ ids: map.map((k) => slot.ids[k]!), chan: map.map((k) => slot.chan[k]!) }, map];
}
