import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntPairMap } from '../../../src/core/restore/int-pair-map.js';

describe('the arc table block map (two integer keys to an integer)', () => {
  it('finds every pair set, past several growths, and nothing else; clear forgets them all', () => {
    const map = new IntPairMap();
    const n = 50_000;
    for (let i = 0; i < n; i++) map.set(i % 977, Math.floor(i / 977), i);
    for (let i = 0; i < n; i++) assert.equal(map.get(i % 977, Math.floor(i / 977)), i);
    assert.equal(map.get(977, 0), -1);
    assert.equal(map.get(0, Math.ceil(n / 977) + 1), -1);
    map.clear();
    assert.equal(map.get(5, 5), -1);
    map.set(5, 5, 7);
    assert.equal(map.get(5, 5), 7);
  });
});
