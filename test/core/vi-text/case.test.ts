import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyCase, casePattern, lowerCase } from '../../../src/core/vi-text/index.js';

describe('casePattern', () => {
  const cases: Array<[string, string]> = [
    ['người', 'lower'], ['ĐẢNG', 'upper'], ['UBND', 'upper'], ['Đảng', 'title'], ['Việt', 'title'],
    ['A', 'title'], ['Đ', 'title'], ['a', 'lower'], ['iPhone', 'mixed'], ['ViỆt', 'mixed'], ['McDonald', 'mixed'],
    ['2023', 'lower'], ['', 'lower'], ['ỦY', 'upper'], ['Ủy', 'title'],
  ];
  for (const [word, pattern] of cases) {
    it(`classifies ${JSON.stringify(word)} as ${pattern}`, () => assert.equal(casePattern(word), pattern));
  }
});

describe('applyCase', () => {
  it('applies each pattern to a Vietnamese word', () => {
    assert.equal(applyCase('đảng', 'upper'), 'ĐẢNG');
    assert.equal(applyCase('ĐẢNG', 'lower'), 'đảng');
    assert.equal(applyCase('đẢNG', 'title'), 'Đảng');
    assert.equal(applyCase('ủy', 'title'), 'Ủy');
    assert.equal(applyCase('ViỆt', 'mixed'), 'ViỆt');
  });
  it('round-trips the pattern of a word onto its restored form', () => {
    for (const [orig, restored, expected] of [
      ['Ket', 'kết', 'Kết'], ['KET', 'kết', 'KẾT'], ['ket', 'kết', 'kết'], ['Pang', 'đảng', 'Đảng'],
    ] as const) {
      assert.equal(applyCase(restored, casePattern(orig)), expected);
    }
  });
  it('handles the empty string', () => {
    assert.equal(applyCase('', 'title'), '');
  });
});

describe('lowerCase', () => {
  it('lower-cases as toLowerCase does, every BMP code unit alone and in words', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(lowerCase(ch), ch.toLowerCase(), `U+${c.toString(16)}`);
      assert.equal(lowerCase('a' + ch + 'b'), ('a' + ch + 'b').toLowerCase(), `aU+${c.toString(16)}b`);
    }
  });
  it('keeps the contextual and surrogate cases of toLowerCase (final sigma, a capital İ, letters past the BMP)', () => {
    for (const w of ['ΟΔΟΣ', 'οδοσ', 'İstanbul', 'i̇', '𐐀𐐁', '𐐨𐐩', 'a𐐀', 'ĐẢNG', 'đảng', 'Người', 'người', 'UBND', 'ubnd', '', '\ud800a', 'x\udc00']) {
      assert.equal(lowerCase(w), w.toLowerCase(), JSON.stringify(w));
    }
  });
  it('hands back a word already in lower case as it is', () => {
    const w = 'người ' + 'dân'.repeat(2);
    assert.equal(lowerCase(w), w);
  });
});
