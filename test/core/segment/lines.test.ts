/** Which text the segmenter reads: restored lines laid on the ingested pages, else paragraphs, else the original. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkingDocument } from '../../../src/core/document.js';
import { linesFromDocument, linesFromText, spanOf } from '../../../src/core/segment/lines.js';

function doc(original: string, pages: string[][], restored?: string): WorkingDocument {
  return {
    source: { path: 'x.txt', kind: 'text', sha256: '', bytes: original.length, pages: pages.length, encoding: 'utf-8' },
    original, pages: pages.map((lines, i) => ({ number: i + 1, lines, method: 'text' })),
    paragraphs: [{ text: 'Bao cao ket qua', restored: 'Báo cáo kết quả', page: 1, lineStart: 1, lineEnd: 1 }],
    diagnostics: [], ...(restored !== undefined ? { restored } : {}),
  };
}

describe('lines the segmenter reads', () => {
  it('takes the restored text line by line when it keeps the pages and lines', () => {
    const r = linesFromDocument(doc('Bao cao\fKet qua', [['Bao cao'], ['Ket qua']], 'Báo cáo\fKết quả'));
    assert.equal(r.from, 'restored-lines');
    assert.deepEqual(r.lines.map((l) => [l.page, l.lineStart, l.text, l.original]), [[1, 1, 'Báo cáo', 'Bao cao'], [2, 1, 'Kết quả', 'Ket qua']]);
  });
  it('lays the restored lines on pages that ingest inferred from blank runs', () => {
    const original = 'Bao cao\n\n\n\nKet qua\nNoi nhan:\n';
    const r = linesFromDocument(doc(original, [['Bao cao', '', '', ''], ['Ket qua', 'Noi nhan:']], 'Báo cáo\n\n\n\nKết quả\nNơi nhận:\n'));
    assert.equal(r.from, 'restored-lines');
    assert.deepEqual(r.lines.filter((l) => l.text).map((l) => [l.page, l.lineStart, l.text]), [[1, 1, 'Báo cáo'], [2, 1, 'Kết quả'], [2, 2, 'Nơi nhận:']]);
  });
  it('falls back to restored paragraphs when the restored text does not line up', () => {
    const r = linesFromDocument(doc('Bao cao\nKet qua', [['Bao cao', 'Ket qua']], 'Báo cáo kết quả'));
    assert.equal(r.from, 'paragraphs');
    assert.equal(r.lines[0]!.text, 'Báo cáo kết quả');
  });
  it('reads the original pages when nothing was restored', () => {
    const d = doc('Bao cao', [['Bao cao']]);
    d.paragraphs = [];
    assert.equal(linesFromDocument(d).from, 'original-lines');
  });

  it('gives a span that runs past its page the line where it ends on the later page', () => {
    const lines = linesFromText('a\nb\nc\fd\ne');
    assert.deepEqual(spanOf(lines, 0, 2), { page: 1, lineStart: 1, lineEnd: 3 });
    assert.deepEqual(spanOf(lines, 1, 4), { page: 1, lineStart: 2, lineEnd: 3, end: { page: 2, line: 2 } });
  });
});
