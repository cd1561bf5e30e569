/**
 * A PDF's notes (pages[].annotations) shown by the text writers after the document (txt, md, the
 * Word layout) and listed in the batch's annotations table; a document without notes is unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';
import { documentTables } from '../../src/emit/batch-tables.js';
import { documentBlocks } from '../../src/emit/document-blocks.js';
import { documentMarkdown } from '../../src/emit/md.js';
import { documentText, shownText } from '../../src/emit/txt.js';

let noted: DocumentResult;

describe('notes on a PDF in the text writers and the batch table', () => {
  before(async () => {
    const data = new Uint8Array(readFileSync(new URL('../../fixtures/pdf/noted-signed.pdf', import.meta.url)));
    noted = await convert({ path: 'noted.pdf', data }, { segment: {} }) as DocumentResult;
  });

  it('adds the notes after the text in the txt, with page, kind, author and time', () => {
    const txt = shownText(noted);
    const at = txt.indexOf('[Ghi chú trên tệp PDF]');
    assert.ok(at > txt.indexOf(documentText(noted).trim().split('\n').pop()!), 'after the document');
    assert.ok(txt.includes('Trang 1 · ghi chú gõ trên trang · Văn thư · 02/10/2025 08:30:00 +07:00:\n  Chuyển phòng Tổ chức xem xét, báo cáo trước ngày 15/10.'));
    assert.ok(txt.includes('Trang 1 · tô sáng · Trần Văn Bình:\n  Sai tên đơn vị'));
  });

  it('lists them in the Markdown and as the last block of the Word layout', () => {
    const md = documentMarkdown(noted);
    assert.match(md, /\*Ghi chú trên tệp PDF\*\n\n- \*Trang 1 · ghi chú gõ trên trang · Văn thư · 02\/10\/2025 08:30:00 \+07:00\*\\\n {2}Chuyển phòng Tổ chức xem xét, báo cáo trước ngày 15\/10\./);
    const last = documentBlocks(noted).at(-1)!;
    assert.equal(last.kind, 'notes');
    assert.equal(last.kind === 'notes' && last.notes.length, 3);
  });

  it('gives one row per note in the batch table', () => {
    assert.deepEqual(documentTables(noted).annotations[1], [1, 'Text', 'Nguyễn Thị Hà', '2025-10-03T14:15:00+07:00', 'Đề nghị kiểm tra lại số liệu mục II.', 40, 600, 60, 620]);
  });

  it('changes nothing for a document without notes', () => {
    const plain = { ...noted, pages: noted.pages.map((p) => ({ ...p, annotations: undefined })) };
    assert.ok(!shownText(plain).includes('Ghi chú trên tệp PDF'));
    assert.ok(!documentMarkdown(plain).includes('Ghi chú trên tệp PDF'));
    assert.deepEqual(documentTables(plain).annotations, []);
  });
});
