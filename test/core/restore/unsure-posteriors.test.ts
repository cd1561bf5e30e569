import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chosenPosteriors, unsurePosteriors } from '../../../src/core/restore/unsure-posteriors.js';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const slotsOf = (text: string, chan: (k: number) => number): Slot[] => text.split(' ').map((w) => {
  const ids = [...(model.skeletonIndex.get(w) ?? [])];
  return { ids, chan: ids.map((_, k) => chan(k)) };
});
const TEXTS = [
  'ong ay ban ca o cho ban giao ket qua', 'ban giao ket qua cho dang uy xa', 'ket qua thuc hien cong tac cai cach hanh chinh cua xa',
  'ca o cho ban', 'ban',
];

describe('posteriors of the decoder\'s choices at its unsure words', () => {
  it('are the entries of the full rows for the chosen candidates, bit for bit, and NaN where nothing was summed', () => {
    for (const text of TEXTS) {
      for (const chan of [() => 0, (k: number) => -k / 7]) {
        const slots = slotsOf(text, chan);
        const results = decodeSegment(model.lm, slots, 1);
        const rows = unsurePosteriors(model.lm, slots, results, 1, 0.999);
        const posteriors = chosenPosteriors(model.lm, slots, results, 1, 0.999);
        for (let j = 0; j < slots.length; j++) {
          if (rows[j]) assert.equal(posteriors[j], rows[j]![results[j]!.choice]);
          else assert.ok(Number.isNaN(posteriors[j]));
        }
      }
    }
  });
});
