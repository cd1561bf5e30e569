import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import type { NgramScorer } from '../../../src/core/restore/language-model.js';
import { FIRST_WORD_ID } from '../../../src/core/restore/lm-tokens.js';
import { tinyModel } from './tiny-model.js';

/**
 * The same language model with no usable bounds: every score is looked up wherever the decoder
 * would otherwise skip it (maxLogP +∞; a context with trigrams claims one at +∞).
 */
function withoutBounds(lm: NgramScorer): NgramScorer {
  return {
    vocabSize: lm.vocabSize, maxLogP: Infinity, lastLogP: 0, lastBackoff: 0, lastMaxTrigram: -Infinity,
    unigram: (w) => lm.unigram(w), bigramIndex: (v, w) => lm.bigramIndex(v, w), bigram: (v, w) => lm.bigram(v, w),
    trigramFromContext: (ctx, w, bg) => lm.trigramFromContext(ctx, w, bg), trigram: (u, v, w) => lm.trigram(u, v, w),
    lookupBigram(v, w) {
      const ctx = lm.lookupBigram(v, w);
      this.lastLogP = lm.lastLogP;
      this.lastBackoff = lm.lastBackoff;
      this.lastMaxTrigram = lm.lastMaxTrigram === -Infinity ? -Infinity : Infinity;
      return ctx;
    },
  };
}

describe('decoder: look-ups skipped under its bounds', () => {
  const model = tinyModel();
  const words = model.vocab.length - FIRST_WORD_ID;
  let seed = 11;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

  it('give the same choices, confidences and alternatives as looking every score up', () => {
    const loose = withoutBounds(model.lm);
    for (let round = 0; round < 300; round++) {
      // Half the lattices mark-free (every channel score 0, as stripped text), half OCR-like.
      const flat = round % 2 === 0;
      const slots: Slot[] = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
        const n = 1 + Math.floor(random() * 12);
        const ids = Array.from({ length: n }, () => FIRST_WORD_ID + Math.floor(random() * words));
        return { ids, chan: ids.map(() => (flat ? 0 : -random() * 6)) };
      });
      assert.deepEqual(decodeSegment(model.lm, slots, 1), decodeSegment(loose, slots, 1), `round ${round}`);
    }
  });
});

describe('trigram LM: bounds the decoder skips look-ups with', () => {
  it('no score is above maxLogP, and a context\'s bound is its likeliest stored trigram exactly', () => {
    const { lm, vocab } = tinyModel();
    let contexts = 0;
    for (let u = 0; u < vocab.length; u++) {
      for (let v = 0; v < vocab.length; v++) {
        const ctx = lm.lookupBigramFresh(u, v), bound = lm.lastMaxTrigram;
        let most = -Infinity;
        for (let w = 0; w < vocab.length; w++) {
          assert.ok(lm.trigram(u, v, w) <= lm.maxLogP && lm.bigram(v, w) <= lm.maxLogP);
          const code = ctx >= 0 ? lm.trigramCode(ctx, w) : -1;
          if (code >= 0 && lm.trigramLogP(code) > most) most = lm.trigramLogP(code);
        }
        if (ctx >= 0 && bound > -Infinity) contexts++;
        assert.equal(bound, most, `${vocab[u]} ${vocab[v]}`);
      }
    }
    assert.ok(contexts > 10);
  });
});
