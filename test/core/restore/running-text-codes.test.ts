import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isRunningTextAcronym, keepingLetters, vowelReadingLetters, CHANGE_LETTERS } from '../../../src/core/restore/running-text-codes.js';
import { restore } from '../../../src/core/restore/index.js';
import { loadModel } from '../../../src/model/load.js';

const AMBIGUOUS = new Set(['g', 'd', 'i']);
const at = (text: string, word: string) => isRunningTextAcronym(text, text.indexOf(word), word, AMBIGUOUS);

describe('acronyms in running text', () => {
  it('finds a short word in capitals among lower-case words', () => {
    assert.ok(at('voi nhung SV chua nhan duoc tien', 'SV'));
    assert.ok(at('gui ve phong KT truoc ngay', 'KT'));
  });

  it('leaves header lines in capitals, long capital words, lower-case words and capitals that may be damaged vowels', () => {
    assert.ok(!at('BO CONG THUONG CONG HOA XA HOI', 'BO'));
    assert.ok(!at('Noi nhan: KT. HIEU TRUONG', 'KT'));
    assert.ok(!at('the hien TRUONG dai hoc cua nha', 'TRUONG'));
    assert.ok(!at('sinh vien cua truong', 'cua'));
    // "G" is a usual reading of ở: "SG" may be Sở.
    assert.ok(!at('phoi hop voi SG Giao duc va Dao tao', 'SG'));
    // Only the word's own line counts: capitals on the next line do not make it a header.
    assert.ok(at('nhung SV chua nhan duoc\nBO CONG THUONG CONG HOA XA', 'SV'));
  });

  it('keeps a word\'s letters: marks and Đ (read as D, P or B) may come back, other letters cost', () => {
    const c = keepingLetters('SV', { ids: [10, 11], chan: [-3.9, 0], forms: ['sự', 'sv'] });
    assert.deepEqual(c.chan, [-3.9 + CHANGE_LETTERS, 0]);
    const d = keepingLetters('HPND', { ids: [12, 13], chan: [-1, -2], forms: ['hđnd', 'hạnh'] });
    assert.deepEqual(d.chan, [-1, -2 + CHANGE_LETTERS]);
  });

  it('takes the ambiguous letters from the channel: those it often reads for a marked vowel', () => {
    const channel = { learnedReadings: (v: string) => (v === 'ợ' ? [['o', -0.6], ['g', -0.8]] : v === 'ố' ? [['o', -0.7], ['q', -5]] : []) as [string, number][] };
    assert.deepEqual([...vowelReadingLetters(channel)], ['g']);
  });
});

describe('restore keeps acronyms of running text (English-model OCR)', () => {
  it('restores the words around an acronym and leaves the acronym', () => {
    assert.equal(restore('Cac lép cé SV chwa nép hoc phi theo quy dinh', { model: loadModel(), input: 'ocr' }).text, 'Các lớp có SV chưa nộp học phí theo quy định');
  });
});
