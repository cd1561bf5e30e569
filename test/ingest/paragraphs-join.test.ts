import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinParts } from '../../src/core/paragraphs.js';
import { pagePlacer } from '../../src/pipeline/index.js';
import type { WorkingDocument } from '../../src/core/document.js';

describe('joinParts', () => {
  it('joins wrapped lines with a space, and a code cut after its hyphen without one', () => {
    assert.equal(joinParts(['Kế hoạch số 72/KH-', 'UBND ngày 30', 'tháng 12']), 'Kế hoạch số 72/KH-UBND ngày 30 tháng 12');
    assert.equal(joinParts(['văn hóa -', 'xã hội']), 'văn hóa - xã hội');
    assert.equal(joinParts(['kinh tế-', 'xã hội']), 'kinh tế- xã hội');
    assert.equal(joinParts(['số 5-', '6 tháng']), 'số 5-6 tháng');
  });

  it('looks only at the end of the text so far, even when a line is a lone hyphen or letter', () => {
    assert.equal(joinParts(['ab', '-', 'C']), 'ab - C');
    assert.equal(joinParts(['x', 'Đ-', 'UBND']), 'x Đ-UBND');
    // A letter outside the BMP is two UTF-16 units: the tail kept must hold both and the hyphen.
    assert.equal(joinParts(['x 𝐀-', 'B']), 'x 𝐀-B');
  });

  it('joins half a million one-character lines into one paragraph', () => {
    const parts = Array.from({ length: 500_000 }, (_, i) => 'abcdefghik'[i % 10]!);
    const text = joinParts(parts);
    assert.equal(text.length, 999_999);
    assert.equal(text.slice(0, 9), 'a b c d e');
  });
});

describe('pagePlacer', () => {
  const doc = (original: string, pages: string[][]) =>
    ({ original, pages: pages.map((lines, i) => ({ number: i + 1, lines, method: 'text' })) }) as unknown as WorkingDocument;

  it('moves a place counted over the whole text onto pages cut at blank runs', () => {
    const place = pagePlacer(doc('a\nb\n\n\n\nc\nd', [['a', 'b', '', '', ''], [], ['c', 'd']]));
    assert.deepEqual(place(1, 2), { page: 1, line: 2 });
    assert.deepEqual(place(1, 5), { page: 1, line: 5 });
    assert.deepEqual(place(1, 6), { page: 3, line: 1 });
    assert.deepEqual(place(1, 7), { page: 3, line: 2 });
    assert.deepEqual(place(1, 8), { page: 1, line: 8 }, 'past the end: as given');
  });

  it('leaves places alone when the text has form feeds or one page', () => {
    assert.deepEqual(pagePlacer(doc('a\fb', [['a'], ['b']]))(2, 1), { page: 2, line: 1 });
    assert.deepEqual(pagePlacer(doc('a\nb', [['a', 'b']]))(1, 2), { page: 1, line: 2 });
  });
});
