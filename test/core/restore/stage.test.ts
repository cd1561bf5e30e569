import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkingDocument } from '../../../src/core/document.js';
import { restoreStage } from '../../../src/core/restore/stage.js';
import { tinyModel } from './tiny-model.js';

function doc(original: string): WorkingDocument {
  const pages = original.split('\f').map((p, i) => ({ number: i + 1, lines: p.split('\n'), method: 'text' as const }));
  return {
    source: { path: 'x.txt', kind: 'text', sha256: '', bytes: original.length, pages: pages.length, encoding: 'utf-8' },
    original,
    pages,
    paragraphs: [{ text: 'ket qua thuc hien', page: 2, lineStart: 1, lineEnd: 1 }],
    diagnostics: [],
  };
}

describe('restore stage', () => {
  it('fills the restored text, paragraph text and review list, keeping the original', () => {
    const d = restoreStage(doc('Bao cao cong tac\nnam 2023\fket qua thuc hien ban'), { model: tinyModel(), input: 'stripped', reviewBelow: 1.01 });
    assert.equal(d.original, 'Bao cao cong tac\nnam 2023\fket qua thuc hien ban');
    assert.equal(d.restored?.split('\f').length, 2);
    assert.equal(d.restored?.split('\f')[0]!.split('\n').length, 2);
    assert.match(d.restored ?? '', /^Báo cáo công tác/);
    assert.equal(d.paragraphs[0]!.restored, 'kết quả thực hiện');
    const ban = d.review?.find((r) => r.original === 'ban');
    assert.deepEqual(ban && { page: ban.page, line: ban.line }, { page: 2, line: 1 });
  });

  // Which text a paragraph takes from the whole restoration is tested in paragraph-text.test.ts;
  // here the stage's wiring, and its fallback for a paragraph that is not its lines as read.
  it('gives a paragraph its restored lines, joined, and decodes an edited paragraph on its own', () => {
    const d = doc('Bao cao\nket qua thuc hien\ncong tac\fnam 2023');
    d.paragraphs = [
      { text: 'ket qua thuc hien cong tac', page: 1, lineStart: 2, lineEnd: 3 },
      { text: 'nam 2023 (edited)', page: 2, lineStart: 1, lineEnd: 1 },
    ];
    const r = restoreStage(d, { model: tinyModel(), input: 'stripped' });
    const lines = r.restored!.split(/\f|\n/);
    assert.equal(r.paragraphs[0]!.restored, `${lines[1]} ${lines[2]}`);
    assert.match(r.paragraphs[0]!.restored!, /^kết quả thực hiện công tác$/);
    assert.match(r.paragraphs[1]!.restored!, /\(edited\)$/);
  });

  it('reports a diagnostic instead of throwing when no model is available', () => {
    const d = restoreStage(doc('ket qua'), {});
    assert.equal(d.restored, undefined);
    assert.equal(d.diagnostics[0]?.ruleId, 'restore/no-model');
  });
});
