import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';
import { documentRow } from '../../src/emit/sheets.js';

const text = new TextEncoder().encode('BÁO CÁO\n\nI. KẾT QUẢ\n\n1. Công tác triển khai\nđã ban hành kế hoạch\n\fTrang hai\n');

describe('a documents.csv row', () => {
  it('names the JSON, the restore mode and the review count', async () => {
    const result = await convert({ path: 'a.txt', data: text }, { restore: false });
    const row = documentRow({ ...result, restoreMode: 'stripped', review: [{ page: 1, line: 1, original: 'a', restored: 'á', confidence: 0.4, alternatives: [] }] }, ['x/a.txt.json', 'x/a.txt.md']);
    assert.equal(row.json, 'x/a.txt.json');
    assert.equal(row.restoreMode, 'stripped');
    assert.equal(row.review, 1);
    assert.equal(row.ocrConfidence, null, 'no page was read by OCR');
  });

  it('averages OCR confidence over OCR pages and picks the most severe diagnostic', async () => {
    const result = await convert({ path: 'a.txt', data: text }, { restore: false });
    const scanned: DocumentResult = {
      ...result,
      pages: [
        { number: 1, method: 'ocr', lines: ['a'], confidence: 80 },
        { number: 2, method: 'ocr', lines: ['b'], confidence: 91 },
        { number: 3, method: 'pdf-text', lines: ['c'] },
      ],
      diagnostics: [
        { ruleId: 'ingest/x', message: 'an info', severity: 'info' },
        { ruleId: 'segment/y', message: 'a warning', severity: 'warning' },
        { ruleId: 'restore/z', message: 'a second warning', severity: 'warning' },
      ],
    };
    const row = documentRow(scanned, []);
    assert.equal(row.ocrConfidence, 85.5);
    assert.equal(row.worstDiagnostic, 'warning segment/y: a warning');
    assert.equal(row.json, '');
  });

  it('weights the mean paragraph confidence by paragraph length', async () => {
    const result = await convert({ path: 'a.txt', data: text }, { restore: false });
    const p = (t: string, confidence: number) => ({ text: t, original: t, provenance: { page: 1, lineStart: 1, lineEnd: 1 }, confidence });
    const row = documentRow({ ...result, preamble: [p('x'.repeat(30), 1), p('y'.repeat(10), 0.6)], sections: [], closing: null }, []);
    assert.equal(row.meanConfidence, 0.9);
  });
});
