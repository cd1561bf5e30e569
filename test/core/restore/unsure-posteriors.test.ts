import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chosenPosteriors, unsurePosteriors } from '../../../src/core/restore/unsure-posteriors.js';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import { lmMargin } from '../../../src/core/restore/word-evidence.js';
import { documentTable } from '../../../src/core/restore/arc-table.js';
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
        const { posteriors } = chosenPosteriors(model.lm, slots, results, 1, 0.999);
        for (let j = 0; j < slots.length; j++) {
          if (rows[j]) assert.equal(posteriors[j], rows[j]![results[j]!.choice]);
          else assert.ok(Number.isNaN(posteriors[j]));
        }
      }
    }
  });

  it('give word evidence\'s LM margin from the window\'s table, as the language model\'s own trigrams give it', () => {
    let compared = 0;
    for (const text of TEXTS) {
      for (const chan of [() => 0, (k: number) => -k / 7]) {
        const slots = slotsOf(text, chan);
        const table = documentTable(model.lm);
        const results = decodeSegment(model.lm, slots, 1, table);
        const { margins } = chosenPosteriors(model.lm, slots, results, 1, 0.999, undefined, table, true);
        for (let j = 0; j < slots.length; j++) {
          // Only the words the decoder was unsure of (those word evidence asks for), each exactly.
          if (results[j]!.confidence >= 0.999) { assert.ok(Number.isNaN(margins[j])); continue; }
          assert.equal(margins[j], lmMargin(model.lm, slots, results, j));
          compared++;
        }
      }
    }
    assert.ok(compared > 10, `${compared} margins compared`);
  });
});
