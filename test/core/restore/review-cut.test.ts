import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentReview, LIKELY_WRONG, documentReviewBelow } from '../../../src/core/restore/calibration.js';

const RULE = { share: 0.05, recall: 0.9, ceiling: 0.999 };
const flaggedBy = (ps: number[], t: number) => ps.filter((p) => p < t).length;

describe('per-document review cut', () => {
  it('spends at most the budget on a document whose words are mostly sure', () => {
    // 1000 words: 900 sure, 100 somewhat unsure; the budget is 50 words.
    const ps = [...Array(900).fill(0.9995), ...Array.from({ length: 100 }, (_, i) => 0.9 + i / 1000)];
    const t = documentReviewBelow(ps, RULE);
    assert.equal(flaggedBy(ps, t), 50);
    // The least sure ones are the ones taken.
    assert.ok(t <= 0.95 + 1e-9 && t > 0.9);
  });

  it('flags every likely-wrong word, whatever the budget', () => {
    const ps = [...Array(90).fill(0.9999), ...Array(10).fill(0.2)];
    const t = documentReviewBelow(ps, RULE);
    assert.ok(flaggedBy(ps, t) >= 10, `${flaggedBy(ps, t)} flagged`);
  });

  it('stops once the flagged words hold the expected share of the wrong words', () => {
    // Two words expected wrong at 0.6 and 0.7; the rest sure enough that they hold under 10 % of the expectation.
    const ps = [0.6, 0.7, ...Array(998).fill(0.99995)];
    const t = documentReviewBelow(ps, RULE);
    assert.equal(flaggedBy(ps, t), 2);
  });

  it('never flags a word at or above the ceiling, and never goes past the budget on ties', () => {
    const ps = Array(1000).fill(0.9995);
    assert.equal(flaggedBy(ps, documentReviewBelow(ps, RULE)), 0);
    const ties = Array(1000).fill(0.95);
    assert.ok(flaggedBy(ties, documentReviewBelow(ties, RULE)) <= 50);
    assert.equal(documentReviewBelow([], RULE), LIKELY_WRONG);
  });
});

describe('document review list gathered word by word', () => {
  it('flags the same words as the cut over all confidences, also past its pruning point', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [1000, 300_000]) {
      // 300,000 words: 240,000 below the ceiling, past the pruning point.
      const ps = Array.from({ length: n }, () => { const r = next(); return r < 0.01 ? r * 40 : r < 0.8 ? 0.95 + r / 20 : 0.9995; });
      const gather = new DocumentReview<number>(RULE);
      ps.forEach((p, i) => gather.push(p, () => i));
      const cut = documentReviewBelow(ps, RULE);
      assert.deepEqual(gather.finish(), ps.flatMap((p, i) => (p < cut ? [i] : [])));
    }
  });
});
