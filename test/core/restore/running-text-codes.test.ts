import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isRunningTextCode, keepingLetters, CHANGE_LETTERS } from '../../../src/core/restore/running-text-codes.js';
import { UNK } from '../../../src/core/restore/lm-tokens.js';
import { restore } from '../../../src/core/restore/index.js';
import { loadModel } from '../../../src/model/load.js';

const at = (text: string, word: string) => isRunningTextCode(text, text.indexOf(word), word);

describe('capitals in running text', () => {
  it('finds short capital words and capital codes among lower-case words', () => {
    assert.ok(at('voi nhung SV chua nhan duoc tien', 'SV'));
    assert.ok(at('dai hoc chinh quy khoa D16 dot 3 va', 'D16'));
  });

  it('leaves header lines in capitals, long capital words and lower-case words alone', () => {
    assert.ok(!at('BO CONG THUONG CONG HOA XA HOI', 'BO'));
    assert.ok(!at('Noi nhan: KT. HIEU TRUONG', 'KT'));
    assert.ok(!at('the hien TRUGNG dai hoc cua nha', 'TRUGNG'));
    assert.ok(!at('sinh vien cua truong', 'cua'));
    // Only the word's own line counts: capitals on the next line do not make it a header.
    assert.ok(at('nhung SV chua nhan duoc\nBO CONG THUONG CONG HOA XA', 'SV'));
  });

  it('keeps a word\'s letters: marks and Đ may come back, other letters cost', () => {
    const c = keepingLetters('SV', { ids: [10, 11], chan: [-3.9, 0], forms: ['sự', 'sv'] });
    assert.deepEqual(c.chan, [-3.9 + CHANGE_LETTERS, 0]);
    const d = keepingLetters('DT', { ids: [12, 13], chan: [-0.7, -1.1], forms: ['đt', 'ớt'] });
    assert.deepEqual(d.chan, [-0.7, -1.1 + CHANGE_LETTERS]);
  });

  it('keeps a capital code as printed at no cost', () => {
    const c = keepingLetters('D16', { ids: [20, UNK], chan: [-11.5, -21], forms: ['đó', 'd16'] });
    assert.deepEqual(c.chan, [-11.5 + CHANGE_LETTERS, 0]);
    const added = keepingLetters('K65', { ids: [21], chan: [-9], forms: ['kể'] });
    assert.deepEqual(added.ids, [21, UNK]);
    assert.deepEqual(added.chan, [-9 + CHANGE_LETTERS, 0]);
  });
});

describe('restore keeps acronyms and class codes of running text (English-model OCR)', () => {
  const model = loadModel();
  const ocr = (text: string) => restore(text, { model, input: 'ocr' }).text;

  it('restores the words around an acronym and leaves the acronym', () => {
    assert.equal(ocr('Cac lép cé SV chwa nép hoc phi theo quy dinh'), 'Các lớp có SV chưa nộp học phí theo quy định');
  });

  it('keeps a class code with digits as printed', () => {
    assert.match(ocr('Sinh vién khéa K65 va K66 dugc dang ky hoc lai'), /khóa K65 và K66 được/);
  });
});
