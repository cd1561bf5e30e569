import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import type { NgramScorer } from '../../../src/core/restore/language-model.js';
import { BOS, EOS, FIRST_WORD_ID } from '../../../src/core/restore/lm-tokens.js';
import { tinyModel } from './tiny-model.js';

/** The decoder's beam (decoder.ts BEAM): states this far below their layer's best are not expanded. */
const BEAM = 7;

/**
 * Second-order Viterbi written plainly: every layer scans all its states for the best and keeps
 * those within BEAM of it, every kept state is expanded to every next candidate with the full
 * trigram score, ties go to the lowest previous candidate. The sums are made in the decoder's
 * order ((state + LM) + weight · channel), so the best path is the same bit for bit.
 */
function plainViterbi(lm: NgramScorer, slots: readonly Slot[], w: number): number[] {
  const pos = [[BOS], [BOS], ...slots.map((s) => s.ids), [EOS]];
  const chan = [[0], [0], ...slots.map((s) => s.chan), [0]];
  let score: number[][] = [[0]]; // score[a][b]: states (a at i-1, b at i)
  const backs: number[][][] = [];
  for (let i = 2; i < pos.length; i++) {
    const A = pos[i - 2]!, B = pos[i - 1]!, C = pos[i]!;
    let best = -Infinity;
    for (const row of score) for (const s of row) if (s > best) best = s;
    const next = B.map(() => C.map(() => -Infinity)), back = B.map(() => C.map(() => 0));
    for (let b = 0; b < B.length; b++) {
      for (let c = 0; c < C.length; c++) {
        let top = -Infinity, arg = 0;
        for (let a = 0; a < A.length; a++) {
          const s = score[a]![b]!;
          if (s < best - BEAM) continue;
          const v = s + lm.trigram(A[a]!, B[b]!, C[c]!);
          if (v > top) { top = v; arg = a; }
        }
        next[b]![c] = top + w * chan[i]![c]!;
        back[b]![c] = arg;
      }
    }
    backs[i] = back;
    score = next;
  }
  const last = pos.length - 1;
  let bestK = 0;
  for (let k = 1; k < score.length; k++) if (score[k]![0]! > score[bestK]![0]!) bestK = k;
  const path = new Array<number>(pos.length).fill(0);
  path[last - 1] = bestK;
  for (let i = last; i >= 2; i--) path[i - 2] = backs[i]![path[i - 1]!]![path[i]!]!;
  return path.slice(2, last);
}

describe('decoder: the beam', () => {
  const model = tinyModel();
  const words = model.vocab.length - FIRST_WORD_ID;
  let seed = 23;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

  it('chooses what a plain Viterbi that scans every state of every layer chooses', () => {
    for (let round = 0; round < 300; round++) {
      // Channel scores flat (stripped text), OCR-like, or spread far apart, so that many states
      // fall outside the beam and a layer keeps only some of each candidate's previous states.
      const spread = [0, 6, 40][round % 3]!;
      const slots: Slot[] = Array.from({ length: 1 + Math.floor(random() * 10) }, () => {
        const n = 1 + Math.floor(random() * 32);
        const ids = Array.from({ length: n }, () => FIRST_WORD_ID + Math.floor(random() * words));
        return { ids, chan: ids.map(() => -random() * spread) };
      });
      const choices = decodeSegment(model.lm, slots, 1).map((r) => r.choice);
      assert.deepEqual(choices, plainViterbi(model.lm, slots, 1), `round ${round}`);
    }
  });
});
