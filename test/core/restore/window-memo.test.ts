import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chosenPosteriors, unsurePosteriors } from '../../../src/core/restore/unsure-posteriors.js';
import { decodeSegment, type Slot, type SlotResult } from '../../../src/core/restore/decoder.js';
import { WindowMemo } from '../../../src/core/restore/window-memo.js';
import { SegmentMemo } from '../../../src/core/restore/segment-memo.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const slotsOf = (text: string): Slot[] => text.split(' ').map((w) => {
  const ids = [...(model.skeletonIndex.get(w) ?? [])];
  return { ids, chan: ids.map(() => 0) };
});

/** chosenPosteriors as a plain array (undefined where no window was summed), checked against unsurePosteriors' rows. */
function chosen(slots: Slot[], results: SlotResult[], memo?: WindowMemo): (number | undefined)[] {
  const got = Array.from(chosenPosteriors(model.lm, slots, results, 1, 0.999, memo).subarray(0, slots.length), (p) => (p === p ? p : undefined));
  const rows = unsurePosteriors(model.lm, slots, results, 1, 0.999);
  assert.deepEqual(got, Array.from(rows, (row, j) => row?.[results[j]!.choice]));
  return got;
}

describe('unsure windows summed once per document', () => {
  it('gives the posteriors of a repeated phrase, bit for bit, as summing it again would', () => {
    const slots = slotsOf('ong ay ban ca o cho ong ay ban ca o cho ban giao ket qua');
    const results = decodeSegment(model.lm, slots, 1);
    const plain = chosen(slots, results);
    const memo = new WindowMemo();
    assert.deepEqual(chosen(slots, results, memo), plain);
    // Again with every window already in the memo.
    assert.deepEqual(chosen(slots, results, memo), plain);
    assert.ok(plain.some((p) => p !== undefined));
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
    chosen(slots, results, memo);
    const nudged = slots.map((s, j) => (j === 2 ? { ids: s.ids, chan: s.chan.map((c, k) => (k === 0 ? c - 1 : c)) } : s));
    const plain = chosen(nudged, results);
    assert.ok(plain[2] !== undefined);
    assert.deepEqual(chosen(nudged, results, memo), plain);
    assert.notEqual(plain[2], chosen(slots, results)[2]);
  });
});
