import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCorrections, findWord, reviewTargets, type Correction } from '../../src/core/corrections.js';
import { DocumentResultSchema, SCHEMA_VERSION, type DocumentResult } from '../../src/core/schema.js';

/** Two pages without form feeds (pages inferred from blank lines), a paragraph over two lines, the word "năm" three times. */
function sample(): DocumentResult {
  const page1 = ['Báo cáo năm 2023 của xã', 'năm nay và năm sau'];
  const page2 = ['Bảng số liệu năm'];
  const restored = [...page1, ...page2].join('\n');
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { path: 'a.txt', kind: 'text', sha256: 'a'.repeat(64), bytes: 10, pages: 2, encoding: 'utf-8' },
    text: { original: restored, restored },
    pages: [
      { number: 1, method: 'text', lines: page1 },
      { number: 2, method: 'text', lines: page2 },
    ],
    paragraphs: [
      { text: 'x', restored: 'Báo cáo năm 2023 của xã năm nay và năm sau', page: 1, lineStart: 1, lineEnd: 2 },
      { text: 'y', restored: 'Bảng số liệu năm', page: 2, lineStart: 1, lineEnd: 1 },
    ],
    review: [
      { page: 1, line: 2, original: 'nam', restored: 'năm', confidence: 0.4, alternatives: ['nằm'] },
      { page: 1, line: 2, original: 'nam', restored: 'năm', confidence: 0.4, alternatives: ['nam'] },
      { page: 2, line: 1, original: 'Bang', restored: 'Bảng', confidence: 0.3, alternatives: ['Băng'] },
    ],
    diagnostics: [],
  };
}

const at = (c: Partial<Correction> & Pick<Correction, 'page' | 'line' | 'start' | 'before' | 'after'>): Correction => ({ end: c.start + c.before.length, time: '2026-01-01T00:00:00Z', ...c });

describe('corrections', () => {
  it('finds whole words only', () => {
    assert.equal(findWord('nămnay năm', 'năm'), 7);
    assert.equal(findWord('Năm năm', 'năm'), 4);
  });

  it('places repeated unsure words of one line left to right, on later pages by their line within the page', () => {
    const t = reviewTargets(sample());
    assert.deepEqual(t.map((x) => [x.page, x.line, x.start]), [[1, 2, 0], [1, 2, 11], [2, 1, 0]]);
  });

  it('applies corrections beside the machine reading and into the paragraph holding that occurrence', () => {
    const doc = sample();
    const t = reviewTargets(doc);
    const { json, view, stale } = applyCorrections(doc, [
      at({ page: 1, line: 2, start: t[1]!.start!, before: 'năm', after: 'nằm' }),
      at({ page: 2, line: 1, start: 0, before: 'Bảng', after: 'Băng' }),
    ]);
    assert.deepEqual(stale, []);
    assert.equal(json.text.restored, doc.text.restored, 'the machine text is kept');
    assert.equal(json.text.corrected, 'Báo cáo năm 2023 của xã\nnăm nay và nằm sau\nBăng số liệu năm');
    assert.equal(json.corrections!.length, 2);
    // The third "năm" of the paragraph (the second of its line 2) is the one changed.
    assert.equal(view.paragraphs[0]!.restored, 'Báo cáo năm 2023 của xã năm nay và nằm sau');
    assert.equal(view.paragraphs[1]!.restored, 'Băng số liệu năm');
    assert.equal(view.text.restored, json.text.corrected);
    assert.ok(DocumentResultSchema.safeParse(json).success);
  });

  it('takes the last decision per place and sets aside corrections that no longer match the text', () => {
    const doc = sample();
    const { json, stale } = applyCorrections(doc, [
      at({ page: 2, line: 1, start: 0, before: 'Bảng', after: 'Băng' }),
      at({ page: 2, line: 1, start: 0, before: 'Bảng', after: 'Bảng' }),
      at({ page: 1, line: 1, start: 0, before: 'Công', after: 'Cổng' }),
    ]);
    assert.equal(json.text.corrected, doc.text.restored);
    assert.equal(stale.length, 1);
    assert.equal(stale[0]!.before, 'Công');
  });

  it('validates an older JSON without corrections', () => {
    const doc = sample();
    const { json } = applyCorrections(doc, []);
    assert.equal(json.corrections, undefined);
    assert.equal(json.text.corrected, undefined);
    assert.ok(DocumentResultSchema.safeParse(doc).success);
  });
});
