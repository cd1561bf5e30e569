/**
 * The e-signing day offered where no date was read (meta.dateSuggestion) is shown where a person
 * looks, always as a suggestion: documents.csv's last column, the workbook's Documents sheet, the
 * md / txt / docx e-signature block. Never in the date column.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentResult } from '../../src/core/schema.js';
import { convert } from '../../src/pipeline/index.js';
import { DOCUMENT_COLUMNS, DOCUMENT_SHEET_COLUMNS, documentCells, documentRow } from '../../src/emit/sheets.js';
import { documentMarkdown } from '../../src/emit/md.js';
import { documentTxt } from '../../src/emit/txt.js';
import { documentDocx } from '../../src/emit/docx.js';
import { readDocx } from './read-docx.js';
import { SIGNED } from './signed-sample.js';

/** The sample with its date as if not read (handwritten, illegible) and the signing day offered. */
async function suggested(): Promise<DocumentResult> {
  const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(SIGNED) }, { segment: {} });
  assert.ok(r.meta && r.meta.eSignatures?.length, 'the sample is e-signed');
  return { ...r, meta: { ...r.meta, date: null, uncertain: ['date'], dateSuggestion: { date: '2025-09-12', source: 'e-signature', signedAt: '2025-09-12T10:15:23+07:00' } } };
}

const LINE = 'Ngày văn bản: chưa đọc được; gợi ý theo ngày ký số: 12/09/2025 (cần xác nhận)';

describe('the suggested date where a person looks', () => {
  it('is the last column of documents.csv and the Documents sheet (typed as a date), the date column left empty', async () => {
    const row = documentRow(await suggested(), ['a.txt.json']);
    assert.equal(row.structure?.date, '');
    assert.equal(row.dateSuggested, '2025-09-12');
    assert.equal(DOCUMENT_COLUMNS.at(-1)!.header, 'date_suggested');
    assert.equal(DOCUMENT_COLUMNS.at(-2)!.header, 'output_name', 'the columns before keep their places');
    assert.equal(DOCUMENT_SHEET_COLUMNS.at(-1)!.type, 'date');
    assert.equal(documentCells(row).at(-1), '2025-09-12');
  });

  it('is empty when the date was read, even with a suggestion left in the JSON', async () => {
    const r = await suggested();
    const read = { ...r, meta: { ...r.meta!, date: '2025-09-12' } };
    assert.equal(documentRow(read, []).dateSuggested, '');
    assert.ok(!documentMarkdown(read).includes('gợi ý theo ngày ký số'));
  });

  it('is said as a suggestion in the e-signature block of the md, txt and docx', async () => {
    const r = await suggested();
    assert.ok(documentMarkdown(r).includes(LINE));
    const txt = new TextDecoder().decode(documentTxt(r));
    assert.ok(txt.includes(`${LINE}\n`));
    const docx = (await readDocx(await documentDocx(r))).paragraphs.map((p) => p.text);
    assert.ok(docx.some((p) => p.includes(LINE)));
  });
});
