import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripMarks } from '../../../src/core/vi-text/index.js';
import { applyDocumentCache, unifyNames, type DecodedSegment } from '../../../src/core/restore/doc-cache.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const id = (w: string) => model.vocabIndex.get(w)!;
const skeletonOf = (i: number) => stripMarks(model.vocab[i]!);

/** One confident "bán" elsewhere in the document, one unsure "ban" token read as "bàn". */
function segments(key: string): DecodedSegment[] {
  return [
    { slots: [{ ids: [id('bán')], chan: [0] }], wordSlots: [0], keys: ['ban'], results: [{ choice: 0, confidence: 1, ranked: [0] }] },
    { slots: [{ ids: [id('bàn'), id('bán')], chan: [0, -1] }], wordSlots: [0], keys: [key], results: [{ choice: 0, confidence: 0.6, ranked: [0, 1] }] },
  ];
}

describe('document-level cache', () => {
  it('moves an unsure word to the spelling the document used confidently', () => {
    const segs = segments('ban');
    applyDocumentCache(model.lm, segs, 1, { confident: 0.9, unsure: 0.9, bonus: 3, pseudo: 0, channelMargin: 0, passes: 1 }, skeletonOf);
    assert.equal(segs[1]!.slots[0]!.ids[segs[1]!.results[0]!.choice], id('bán'));
  });

  it('ignores evidence for a word spelled with other letters than the token', () => {
    const segs = segments('bao');
    applyDocumentCache(model.lm, segs, 1, { confident: 0.9, unsure: 0.9, bonus: 3, pseudo: 0, channelMargin: 0, passes: 1 }, skeletonOf);
    assert.equal(segs[1]!.results[0]!.choice, 0);
  });

  it('leaves a person\'s name alone: a common word elsewhere is no evidence for it', () => {
    const segs = segments('ban');
    segs[1]!.slots[0] = { ...segs[1]!.slots[0]!, name: true };
    applyDocumentCache(model.lm, segs, 1, { confident: 0.9, unsure: 0.9, bonus: 3, pseudo: 0, channelMargin: 0, passes: 1 }, skeletonOf);
    assert.equal(segs[1]!.results[0]!.choice, 0);
  });

  it('does nothing when switched off', () => {
    const segs = segments('ban');
    applyDocumentCache(model.lm, segs, 1, { confident: 0.9, unsure: 0.9, bonus: 0, pseudo: 0, channelMargin: 0, passes: 1 }, skeletonOf);
    assert.equal(segs[1]!.results[0]!.choice, 0);
  });
});

describe('one spelling per name', () => {
  const ngoc = id('ngọc'), ky = id('kỳ'), ban = id('bàn');
  /** "Ngoc Ky" three times: twice decoded kỳ confidently, once bàn (a stand-in for another spelling). */
  function names(secondText: string) {
    const seg = (choice: number, confidence: number, text = 'Ky') => ({
      slots: [{ ids: [ngoc], chan: [0] }, { ids: [ky, ban], chan: [0, 0] }], wordSlots: [0, 1], keys: ['ngoc', 'ky'], texts: ['Ngoc', text],
      results: [{ choice: 0, confidence: 1, ranked: [0] }, { choice, confidence, ranked: [choice, 1 - choice] }],
    });
    return [seg(0, 0.9), seg(0, 0.8), seg(1, 0.6, secondText)];
  }

  it('gives every occurrence the spelling with the most confidence', () => {
    const segs = names('Ky');
    unifyNames(model.lm, segs, 1);
    assert.deepEqual(segs.map((s) => s.slots[1]!.ids[s.results[1]!.choice]), [ky, ky, ky]);
  });

  it('leaves lower-case words alone', () => {
    const segs = names('ky');
    unifyNames(model.lm, segs, 1);
    assert.equal(segs[2]!.slots[1]!.ids[segs[2]!.results[1]!.choice], ban);
  });
});
