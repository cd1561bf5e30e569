import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSegment, SURE, type Slot } from '../../../src/core/restore/decoder.js';
import { ArcTable } from '../../../src/core/restore/arc-table.js';
import type { NgramScorer } from '../../../src/core/restore/language-model.js';
import { FIRST_WORD_ID } from '../../../src/core/restore/lm-tokens.js';
import { lmMargin } from '../../../src/core/restore/word-evidence.js';
import { tinyModel } from './tiny-model.js';

describe("the decoder's LM margin (lattice-margin.ts)", () => {
  const model = tinyModel();
  const words = model.vocab.length - FIRST_WORD_ID;
  let seed = 29;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lattice = (flat: boolean): Slot[] => Array.from({ length: 1 + Math.floor(random() * 9) }, () => {
    const n = 1 + Math.floor(random() * 10);
    const ids = Array.from({ length: n }, () => FIRST_WORD_ID + Math.floor(random() * words));
    return { ids, chan: ids.map(() => (flat ? 0 : -random() * 4)) };
  });

  it("is word evidence's lmMargin to the last bit on every unsure slot, with a fresh or a shared table", () => {
    const shared = new ArcTable(model.lm);
    let compared = 0;
    for (let round = 0; round < 400; round++) {
      const slots = lattice(round % 2 === 0);
      const results = decodeSegment(model.lm, slots, 1, round % 3 === 0 ? shared : undefined);
      results.forEach((r, j) => {
        const wanted = r.confidence < SURE && r.ranked.length > 1;
        assert.equal(r.margin !== undefined && !Number.isNaN(r.margin), wanted, `round ${round} slot ${j}`);
        if (!wanted) return;
        assert.ok(Object.is(r.margin, lmMargin(model.lm, slots, results, j)), `round ${round} slot ${j}: ${r.margin}`);
        compared++;
      });
    }
    // Enough unsure slots to mean something, at the first slot, the last and in between.
    assert.ok(compared > 300, `${compared} margins compared`);
  });

  it('is left out (NaN) for another language model, whose table scores need not be lm.trigram\'s', () => {
    const lm = model.lm;
    const wrapped: NgramScorer = {
      vocabSize: lm.vocabSize, maxLogP: lm.maxLogP, lastLogP: 0, lastBackoff: 0, lastMaxTrigram: -Infinity,
      unigram: (w) => lm.unigram(w), bigramIndex: (v, w) => lm.bigramIndex(v, w), bigram: (v, w) => lm.bigram(v, w),
      trigramFromContext: (ctx, w, bg) => lm.trigramFromContext(ctx, w, bg), trigram: (u, v, w) => lm.trigram(u, v, w),
      lookupBigram(v, w) {
        const ctx = lm.lookupBigram(v, w);
        this.lastLogP = lm.lastLogP; this.lastBackoff = lm.lastBackoff; this.lastMaxTrigram = lm.lastMaxTrigram;
        return ctx;
      },
    };
    let unsure = 0;
    for (let round = 0; round < 50; round++) {
      for (const r of decodeSegment(wrapped, lattice(false), 1)) {
        assert.ok(Number.isNaN(r.margin));
        if (r.confidence < SURE && r.ranked.length > 1) unsure++;
      }
    }
    assert.ok(unsure > 10);
  });
});
