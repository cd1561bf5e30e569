import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, editDistanceWithin } from '../../../src/core/segment/fold.js';

/** The textbook table, kept apart from the code under test. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

describe('editDistanceWithin', () => {
  it('is the edit distance when within the budget, and above the budget otherwise', () => {
    let x = 7;
    const next = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
    const word = () => Array.from({ length: next(12) }, () => 'ACDGHNOU'[next(8)]).join('');
    for (let k = 0; k < 20_000; k++) {
      const a = word(), b = word(), budget = next(6);
      const d = levenshtein(a, b), within = editDistanceWithin(a, b, budget);
      if (d <= budget) assert.equal(within, d, `${a} ${b} ${budget}`);
      else assert.ok(within > budget, `${a} ${b} ${budget}: ${within}`);
      assert.equal(editDistance(a, b), d, `${a} ${b}`);
    }
  });

  it('is exact past the bit-parallel width, on marks and on any code unit', () => {
    let x = 11;
    const next = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
    const units = ['A', 'Ă', 'Đ', 'đ', '\u0301', '\ud835', '\udc00', '0', ' ', '\uffff', 'A'];
    const word = (max: number) => Array.from({ length: next(max) }, () => units[next(units.length)]).join('');
    for (let k = 0; k < 5_000; k++) {
      // Lengths around 30 and 31 units, where the comparison changes method.
      const a = word(40), b = word(40), budget = next(40);
      const d = levenshtein(a, b), within = editDistanceWithin(a, b, budget);
      if (d <= budget) assert.equal(within, d, `${JSON.stringify(a)} ${JSON.stringify(b)} ${budget}`);
      else assert.ok(within > budget, `${JSON.stringify(a)} ${JSON.stringify(b)} ${budget}: ${within}`);
      assert.equal(editDistance(a, b), d);
      assert.equal(editDistance(b, a), d);
    }
    assert.equal(editDistance('', 'ABC'), 3);
    assert.equal(editDistance('ABC', ''), 3);
    assert.equal(editDistance('A'.repeat(30), 'A'.repeat(29) + 'B'), 1);
    assert.equal(editDistance('B'.repeat(31), 'A'.repeat(31)), 31);
  });
});
