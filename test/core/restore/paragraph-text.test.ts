import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkingDocument } from '../../../src/core/document.js';
import { paragraphsFromWhole } from '../../../src/core/restore/paragraph-text.js';

function doc(original: string, pages: string[][], paragraphs: WorkingDocument['paragraphs']): WorkingDocument {
  return {
    source: { path: 'x.txt', kind: 'text', sha256: '', bytes: original.length, pages: pages.length, encoding: 'utf-8' },
    original,
    pages: pages.map((lines, i) => ({ number: i + 1, lines, method: 'text' as const })),
    paragraphs,
    diagnostics: [],
  };
}

describe('paragraph text from the whole restored text', () => {
  it('joins a paragraph\'s restored lines as ingest joined them, page by page at form feeds', () => {
    const d = doc('Bao cao\nso 72/KH-\nUBND ngay\fnam 2023', [['Bao cao', 'so 72/KH-', 'UBND ngay'], ['nam 2023']], [
      { text: 'so 72/KH-UBND ngay', page: 1, lineStart: 2, lineEnd: 3 },
      { text: 'nam 2023', page: 2, lineStart: 1, lineEnd: 1 },
    ]);
    assert.deepEqual(paragraphsFromWhole(d, 'Báo cáo\nsố 72/KH-\nUBND ngày\fnăm 2023'), ['số 72/KH-UBND ngày', 'năm 2023']);
  });

  it('counts lines across pages that ingest inferred in a text without form feeds', () => {
    const d = doc('mot\nhai\nba', [['mot', 'hai'], ['ba']], [{ text: 'ba', page: 2, lineStart: 1, lineEnd: 1 }]);
    assert.deepEqual(paragraphsFromWhole(d, 'một\nhai\nba!'), ['ba!']);
  });

  it('leaves out a paragraph that is not its lines as read, or whose lines the restored text lacks', () => {
    const d = doc('mot\nhai', [['mot', 'hai']], [
      { text: 'mot (edited)', page: 1, lineStart: 1, lineEnd: 1 },
      { text: 'hai', page: 1, lineStart: 2, lineEnd: 2 },
    ]);
    assert.deepEqual(paragraphsFromWhole(d, 'một\nhai'), [undefined, 'hai']);
    assert.deepEqual(paragraphsFromWhole(d, 'một'), [undefined, undefined]);
  });
});
