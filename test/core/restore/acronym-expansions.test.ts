import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acronymsFromExpansions } from '../../../src/core/restore/acronym-expansions.js';
import type { RestoredToken } from '../../../src/core/restore/index.js';

/** Tokens of `restored` (words and acronyms) as restored already, each as read the same. */
function tokensOf(restored: string): RestoredToken[] {
  return [...restored.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({
    original: m[0], restored: m[0], start: m.index!, end: m.index! + m[0].length, confidence: 1, alternatives: [],
  }));
}
const known = () => false;
const run = (text: string, ocr: boolean) => {
  const tokens = tokensOf(text);
  acronymsFromExpansions(text, tokens, ocr, known);
  return tokens.filter((t) => /^[A-ZĐ]+$/.test(t.restored)).map((t) => t.restored);
};

describe('acronyms spelled out in their document', () => {
  it('reads D as Đ where the document has the words in a row', () => {
    assert.deepEqual(run('Công tác thi đua khen thưởng năm nay; Hội đồng TDKT họp.', false), ['TĐKT']);
  });

  it('keeps the letters as read where the document spells those out too', () => {
    assert.deepEqual(run('thi đua khen thưởng; tăng dân kinh tế; TDKT', false), ['TDKT']);
  });

  it('takes P for Đ in OCR text only after three runs of the words, and never in text without marks', () => {
    const three = 'đổi mới sáng tạo, đổi mới sáng tạo và đổi mới sáng tạo: PMST';
    assert.deepEqual(run(three, true), ['ĐMST']);
    assert.deepEqual(run(three, false), ['PMST']);
    assert.deepEqual(run('đổi mới sáng tạo: PMST', true), ['PMST']);
  });

  it('leaves an acronym two spellings fit, a known one, and words with no run behind them', () => {
    assert.deepEqual(run('đất mới dạy; dạy mới đất; DMD', false), ['DMD']);
    const text = 'thi đua khen thưởng: TDKT';
    const tokens = tokensOf(text);
    acronymsFromExpansions(text, tokens, false, (lower) => lower === 'tdkt');
    assert.equal(tokens.at(-1)!.restored, 'TDKT');
    assert.deepEqual(run('không có gì: TDKT', false), ['TDKT']);
  });

  it('counts words of letters and marks in either case as run words, not acronyms in capitals', () => {
    assert.deepEqual(run('Thi Đua Khen Thưởng; TDKT', false), ['TĐKT']);
    // In capitals, "THI" (A–Z only) is taken for an acronym, not a word of the run.
    assert.deepEqual(run('THI ĐUA KHEN THƯỞNG; TDKT', false), ['THI', 'ĐUA', 'KHEN', 'TDKT']);
    // An acronym in capitals between the words breaks the run.
    assert.deepEqual(run('thi đua KT khen thưởng; TDKT', false), ['KT', 'TDKT']);
  });

  it('does not join words across punctuation into one run', () => {
    assert.deepEqual(run('thi đua, khen thưởng: TDKT', false), ['TDKT']);
  });

  it('in Vietnamese-model OCR text, gives an Đ to a D only in an acronym that already has an Đ ("DHĐL"), never to one of plain D', () => {
    const vie = (text: string) => {
      const tokens = tokensOf(text);
      acronymsFromExpansions(text, tokens, false, known, true);
      return tokens.filter((t) => /^[A-ZĐ]{3,}$/.test(t.restored)).map((t) => t.restored);
    };
    assert.deepEqual(vie('Trường Đại học Điện lực; Thông báo TB DHĐL; chương trình đào tạo: CTDT'), ['ĐHĐL', 'CTDT']);
    // Without the words in a row, nothing changes.
    assert.deepEqual(vie('Thông báo TB DHĐL'), ['DHĐL']);
  });

  it('gives every D an Đ when the document spells out the all-Đ initials ("DHDL" under "Đại học Điện lực"), from D only', () => {
    assert.deepEqual(run('Trường Đại học Điện lực; Thông báo DHDL', true), ['ĐHĐL']);
    assert.deepEqual(run('Trường Đại học Điện lực; Thông báo DHDL', false), ['ĐHĐL']);
    // B and P are real letters misread, not lost marks: they never join an all-Đ spelling.
    assert.deepEqual(run('Trường Đại học Điện lực; Thông báo BHDL', true), ['BHDL']);
    // A single-Đ spelling the document spells out wins over the all-Đ one.
    assert.deepEqual(run('đoàn học dân luật; dạy học đọc lớp; DHDL', false), ['DHDL']);
  });
});
