import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyCase, casePattern } from '../../../src/core/vi-text/index.js';

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
