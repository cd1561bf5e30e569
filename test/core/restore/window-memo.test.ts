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

  it('sums a window afresh when one of its slots differs in a channel score', () => {
    const slots = slotsOf('ong ay ban ca o cho');
    const results = decodeSegment(model.lm, slots, 1);
    const memo = new WindowMemo();
    unsurePosteriors(model.lm, slots, results, 1, 0.999, memo);
    const nudged = slots.map((s, j) => (j === 2 ? { ids: s.ids, chan: s.chan.map((c, k) => (k === 0 ? c - 1 : c)) } : s));
    const plain = unsurePosteriors(model.lm, nudged, results, 1, 0.999);
    assert.ok(plain[2] !== undefined);
    assert.deepEqual(unsurePosteriors(model.lm, nudged, results, 1, 0.999, memo), plain);
    assert.notDeepEqual(plain[2], unsurePosteriors(model.lm, slots, results, 1, 0.999)[2]);
  });
});
