import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, editDistanceWithin } from '../../../src/core/segment/fold.js';

describe('editDistanceWithin', () => {
  it('is the edit distance when within the budget, and above the budget otherwise', () => {
    let x = 7;
    const next = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
    const word = () => Array.from({ length: next(12) }, () => 'ACDGHNOU'[next(8)]).join('');
    for (let k = 0; k < 20_000; k++) {
      const a = word(), b = word(), budget = next(6);
      const d = editDistance(a, b), within = editDistanceWithin(a, b, budget);
      if (d <= budget) assert.equal(within, d, `${a} ${b} ${budget}`);
      else assert.ok(within > budget, `${a} ${b} ${budget}: ${within}`);
    }
  });
});
