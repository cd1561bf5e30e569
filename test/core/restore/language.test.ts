import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkingDocument } from '../../../src/core/document.js';
import { restoreStage } from '../../../src/core/restore/stage.js';
import { vietnameseWordShare } from '../../../src/core/restore/language.js';
import { tinyModel } from './tiny-model.js';

const ENGLISH = 'REPORT\nNo. 12/BC\nThis is an English annual report of the company for the year 2023.\nRevenue increased by ten percent and the board approved a new plan for the next year.';

function doc(original: string): WorkingDocument {
  const lines = original.split('\n');
  return {
    source: { path: 'x.txt', kind: 'text', sha256: '', bytes: original.length, pages: 1, encoding: 'utf-8' },
    original,
    pages: [{ number: 1, lines, method: 'text' }],
    paragraphs: lines.map((text, i) => ({ text, page: 1, lineStart: i + 1, lineEnd: i + 1 })),
    diagnostics: [],
  };
}

describe('restoring a text that is not Vietnamese', () => {
  it('counts mark-free Vietnamese and English-model OCR words as Vietnamese, English words not', () => {
    assert.ok(vietnameseWordShare('Ket qua thuc hien cong tac tuyen truyen nguoi dan duoc nang cao') > 0.9);
    assert.ok(vietnameseWordShare('Kết quả thực hiện công tác tuyên truyền người dân được nâng cao') > 0.9);
    assert.ok(vietnameseWordShare(ENGLISH) < 0.5);
  });

  it('keeps an English document as read, with a warning, instead of giving its words Vietnamese marks', () => {
    // "an" → "ẩn", "ten" → "tên" were written into the restored text before.
    const d = restoreStage(doc(ENGLISH), { model: tinyModel() });
    assert.equal(d.restored, ENGLISH);
    assert.deepEqual(d.paragraphs.map((p) => p.restored), d.paragraphs.map((p) => p.text));
    assert.equal(d.restoreMode, 'not-vietnamese');
    assert.deepEqual(d.review, []);
    assert.equal(d.diagnostics.find((x) => x.ruleId === 'restore/not-vietnamese')?.severity, 'warning');
  });

  it('still restores English text when the input kind is asked for', () => {
    const d = restoreStage(doc(ENGLISH), { model: tinyModel(), input: 'stripped' });
    assert.equal(d.restoreMode, 'stripped');
    assert.equal(d.diagnostics.length, 0);
  });
});
