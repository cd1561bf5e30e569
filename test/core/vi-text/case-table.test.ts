import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { casePattern, isTitleWord } from '../../../src/core/vi-text/case.js';

// The string definitions the per-code-unit tables stand for (case.ts before the tables).
const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();
function patternByStrings(word: string): string {
  let letters = 0, upper = 0, firstUpper = false, laterUpper = false;
  for (const ch of word) {
    if (isUpper(ch)) { if (letters === 0) firstUpper = true; else laterUpper = true; upper++; letters++; } else if (isLower(ch)) letters++;
  }
  if (upper === 0) return 'lower';
  if (upper === letters) return letters === 1 ? 'title' : 'upper';
  return firstUpper && !laterUpper ? 'title' : 'mixed';
}
const titleByStrings = (w: string) => w.length > 1 && w[0] !== w[0]!.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase();

// Final sigma, a dotted capital I that lower-cases to two units, a title-case digraph, astral letters, a lone surrogate.
const NEIGHBOURS = ['a', 'A', 'Σ', 'ς', 'İ', 'ǅ', '\u{1D400}', '\u{1D41A}', '\uD800', 'đ', 'Đ', 'ệ', '1', ' '];

describe('case tables by code unit', () => {
  it('give casePattern and isTitleWord the string definitions for every BMP code unit beside others', () => {
    let checked = 0;
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const o of NEIGHBOURS) {
        for (const w of [ch, ch + o, o + ch, o + ch + o]) {
          assert.equal(casePattern(w), patternByStrings(w), JSON.stringify(w));
          assert.equal(isTitleWord(w), titleByStrings(w), JSON.stringify(w));
          checked++;
        }
      }
    }
    assert.ok(checked > 3_000_000);
  });

  it('read Vietnamese words as before', () => {
    for (const w of ['Nguyễn', 'NGUYỄN', 'nguyễn', 'ViỆt', 'Đ', 'Đà', 'X4', 'x4', 'Ién']) {
      assert.equal(casePattern(w), patternByStrings(w));
      assert.equal(isTitleWord(w), titleByStrings(w));
    }
    assert.equal(isTitleWord('Nguyễn'), true);
    assert.equal(isTitleWord('NGuyễn'), false);
  });
});
