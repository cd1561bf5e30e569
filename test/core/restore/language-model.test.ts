import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tinyModel } from './tiny-model.js';

describe('trigram LM: the bound on a context\'s trigrams', () => {
  it('is -Infinity exactly for a context with no stored trigram, else at least its likeliest one', () => {
    const { lm, vocab } = tinyModel();
    let withTrigrams = 0, without = 0;
    for (let u = 0; u < vocab.length; u++) {
      for (let v = 0; v < vocab.length; v++) {
        const ctx = lm.lookupBigram(u, v);
        if (ctx < 0) continue;
        const bound = lm.lastMaxTrigram;
        let most = -Infinity;
        for (let w = 0; w < vocab.length; w++) {
          const code = lm.trigramCode(ctx, w);
          if (code >= 0 && lm.trigramLogP(code) > most) most = lm.trigramLogP(code);
        }
        if (most === -Infinity) { assert.equal(bound, -Infinity, `context ${vocab[u]} ${vocab[v]}`); without++; }
        else { assert.ok(bound >= most && bound <= lm.maxTrigramLogP, `context ${vocab[u]} ${vocab[v]}`); withTrigrams++; }
      }
    }
    assert.ok(withTrigrams > 10 && without > 0, `${withTrigrams} contexts with trigrams, ${without} without`);
  });
});

describe('trigram LM: look-ups without its caches', () => {
  it('give the same handle, log P, backoff, bound and trigram scores as the cached ones', () => {
    const { lm, vocab } = tinyModel();
    let found = 0;
    for (let u = 0; u < vocab.length; u++) {
      for (let v = 0; v < vocab.length; v++) {
        const ctx = lm.lookupBigram(u, v);
        const cached = [ctx, lm.lastLogP, lm.lastBackoff, lm.lastMaxTrigram];
        assert.deepEqual([lm.lookupBigramFresh(u, v), lm.lastLogP, lm.lastBackoff, lm.lastMaxTrigram], cached, `${vocab[u]} ${vocab[v]}`);
        if (ctx < 0 || lm.lastMaxTrigram === -Infinity) continue;
        found++;
        for (let w = 0; w < vocab.length; w++) {
          const bg = lm.bigram(v, w);
          assert.equal(lm.trigramFresh(ctx, w, bg), lm.trigramFromContext(ctx, w, bg), `${vocab[u]} ${vocab[v]} ${vocab[w]}`);
        }
      }
    }
    assert.ok(found > 10, `${found} contexts with trigrams`);
  });
});
