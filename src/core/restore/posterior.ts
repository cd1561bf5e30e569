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
import type { TrigramLM } from './language-model.js';
import { BOS, EOS } from './lm-tokens.js';
import type { Slot } from './decoder.js';

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

/**
 * P(candidate k at slot j | the whole segment) for every slot j and candidate k (capped to the
 * first MAX_CANDIDATES, as the decoder sees them); each row sums to 1.
 */
export function slotPosteriors(lm: TrigramLM, slots: readonly Slot[], channelWeight: number): Float64Array[] {
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
  alpha.fill(-Infinity, 0, stateAt[L]!);
  arcs.fill(-Infinity, 0, arcAt[L]!);
  alpha[stateAt[1]!] = 0; // (BOS, BOS)

  for (let i = 2; i < L; i++) {
    const A = S[i - 2]!, B = S[i - 1]!, C = S[i]!;
    const nA = size(i - 2), nB = size(i - 1), nC = size(i);
    const prev = stateAt[i - 1]!, here = stateAt[i]!, arc = arcAt[i]!;
    let best = -Infinity;
    for (let k = 0; k < nA * nB; k++) if (alpha[prev + k]! > best) best = alpha[prev + k]!;
    const floor = best - BEAM;
    for (let b = 0; b < nB; b++) {
      const wb = B.ids[b]!;
      for (let c = 0; c < nC; c++) bigrams[c] = lm.bigram(wb, C.ids[c]!);
      for (let a = 0; a < nA; a++) {
        const from = alpha[prev + a * nB + b]!;
        if (from < floor) continue;
        const ctx = lm.bigramIndex(A.ids[a]!, wb);
        for (let c = 0; c < nC; c++) {
          const s = lm.trigramFromContext(ctx, C.ids[c]!, bigrams[c]!) + channelWeight * C.chan[c]!;
          arcs[arc + (a * nB + b) * nC + c] = s;
          const to = here + b * nC + c;
          alpha[to] = logAdd(alpha[to]!, from + s);
        }
      }
    }
  }

  // Backward: beta of the final layer (last word, EOS) is 0.
  beta.fill(-Infinity, 0, stateAt[L]!);
  for (let k = 0; k < size(L - 2); k++) beta[stateAt[L - 1]! + k] = 0;
  for (let i = L - 1; i >= 2; i--) {
    const nA = size(i - 2), nB = size(i - 1), nC = size(i);
    const prev = stateAt[i - 1]!, here = stateAt[i]!, arc = arcAt[i]!;
    for (let a = 0; a < nA; a++) {
      for (let b = 0; b < nB; b++) {
        if (alpha[prev + a * nB + b] === -Infinity) continue;
        let acc = -Infinity;
        const row = arc + (a * nB + b) * nC;
        for (let c = 0; c < nC; c++) {
          const s = arcs[row + c]!;
          if (s !== -Infinity) acc = logAdd(acc, s + beta[here + b * nC + c]!);
        }
        beta[prev + a * nB + b] = acc;
      }
    }
  }

  // P(c at slot i) ∝ Σ_b alpha(b, c) · beta(b, c); normalised per slot (robust to rounding).
  const out: Float64Array[] = [];
  for (let i = 2; i < L - 1; i++) {
    const nB = size(i - 1), nC = size(i), here = stateAt[i]!;
    const logs = new Float64Array(nC).fill(-Infinity);
    let top = -Infinity;
    for (let b = 0; b < nB; b++) {
      for (let c = 0; c < nC; c++) {
        const v = alpha[here + b * nC + c]! + beta[here + b * nC + c]!;
        if (v !== -Infinity) logs[c] = logAdd(logs[c]!, v);
      }
    }
    for (let c = 0; c < nC; c++) if (logs[c]! > top) top = logs[c]!;
    let z = 0;
    for (let c = 0; c < nC; c++) z += (logs[c] = logs[c]! === -Infinity ? 0 : Math.exp(logs[c]! - top));
    for (let c = 0; c < nC; c++) logs[c] = z > 0 ? logs[c]! / z : 1 / nC;
    out.push(logs);
  }
  return out;
}

function logAdd(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}
