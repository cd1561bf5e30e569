import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unsurePosteriors } from '../../../src/core/restore/posterior.js';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import { WindowMemo } from '../../../src/core/restore/window-memo.js';
import { SegmentMemo } from '../../../src/core/restore/segment-memo.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const slotsOf = (text: string): Slot[] => text.split(' ').map((w) => {
  const ids = [...(model.skeletonIndex.get(w) ?? [])];
  return { ids, chan: ids.map(() => 0) };
});

describe('unsure windows summed once per document', () => {
  it('gives the rows of a repeated phrase, bit for bit, as summing it again would', () => {
    const slots = slotsOf('ong ay ban ca o cho ong ay ban ca o cho ban giao ket qua');
    const results = decodeSegment(model.lm, slots, 1);
    const plain = unsurePosteriors(model.lm, slots, results, 1, 0.999);
    const memo = new WindowMemo();
    assert.deepEqual(unsurePosteriors(model.lm, slots, results, 1, 0.999, memo), plain);
    // Again with every window already in the memo.
    assert.deepEqual(unsurePosteriors(model.lm, slots, results, 1, 0.999, memo), plain);
    assert.ok(plain.some((row) => row !== undefined));
  });

  it('gives a segment decoded before the same results, and decodes one that differs in a channel score afresh', () => {
    const slots = slotsOf('ong ay ban ca o cho ban giao ket qua');
    const plain = decodeSegment(model.lm, slots, 1);
    const memo = new SegmentMemo();
    const first = memo.decode(model.lm, slots, 1);
    assert.deepEqual(first, plain);
    // Other slot objects with the same content: the memo's answer.
    assert.equal(memo.decode(model.lm, slots.map((s) => ({ ids: [...s.ids], chan: [...s.chan] })), 1), first);
    const nudged = slots.map((s, j) => (j === 2 ? { ids: s.ids, chan: s.chan.map((c, k) => (k === 1 ? c + 4 : c)) } : s));
    const other = memo.decode(model.lm, nudged, 1);
    assert.notEqual(other, first);
    assert.deepEqual(other, decodeSegment(model.lm, nudged, 1));
  });

  it('does not answer for a window that differs in one channel score, even under the same hash', () => {
    const memo = new WindowMemo();
    const ids = new Int32Array([5, 6, 7]), lens = new Int32Array([1, 2]);
    const chan = new Float64Array([0, -1, -2]), other = new Float64Array([0, -1, -2.5]);
    const rows = [[0.25, 0.75]];
    memo.set(42, ids, chan, 3, lens, 2, rows);
    assert.equal(memo.get(42, ids, chan, 3, lens, 2), rows);
    assert.equal(memo.get(42, ids, other, 3, lens, 2), undefined);
    assert.equal(memo.get(42, ids, chan, 3, new Int32Array([2, 1]), 2), undefined);
    assert.notEqual(WindowMemo.hash(ids, chan, 3, lens, 2), WindowMemo.hash(ids, other, 3, lens, 2));
  });
});
