/**
 * Notes people put on a PDF (markup annotations) are kept beside its text: pages[].annotations,
 * an info diagnostic, never text.original, paragraphs or the structure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { PdfObjects } from '../../src/ingest/ocr/pdf-object-reader.js';
import { pdfAnnotations } from '../../src/ingest/pdf-annotations.js';
import { convert } from '../../src/pipeline/index.js';
import { validateDocumentResult, type DocumentResult } from '../../src/core/schema.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/pdf/${name}.pdf`, import.meta.url)));

/** What scripts/fixtures/encrypted-pdfs.ts put on the page that carries a note (not the empty highlight, the link or the signature widget). */
const NOTES = [
  { subtype: 'FreeText', text: 'Chuyển phòng Tổ chức xem xét, báo cáo trước ngày 15/10.', author: 'Văn thư', modified: '2025-10-02T08:30:00+07:00', rect: [330, 700, 560, 740] },
  { subtype: 'Text', text: 'Đề nghị kiểm tra lại số liệu mục II.', author: 'Nguyễn Thị Hà', modified: '2025-10-03T14:15:00+07:00', rect: [40, 600, 60, 620] },
  { subtype: 'Highlight', text: 'Sai tên đơn vị', author: 'Trần Văn Bình', modified: null, rect: [56, 770, 200, 800] },
];

async function pdfWith(annots: Record<string, string | number[]>[], pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let k = 0; k < pages; k++) doc.addPage([595, 842]);
  for (const a of annots) {
    const { page, ...rest } = a as Record<string, string | number[]> & { page?: number[] };
    const d = doc.context.obj({ Type: 'Annot', Subtype: rest.Subtype as string, Rect: (rest.Rect as number[] | undefined) ?? [10, 10, 50, 50] });
    for (const key of ['Contents', 'T', 'RC']) if (typeof rest[key] === 'string') d.set(PDFName.of(key), PDFHexString.fromText(rest[key] as string));
    if (typeof rest.M === 'string') d.set(PDFName.of('M'), PDFString.of(rest.M));
    doc.getPage(page?.[0] ?? 0).node.addAnnot(doc.context.register(d));
  }
  return doc.save();
}

describe('PDF notes (markup annotations)', () => {
  it('reads typed notes, sticky notes and commented highlights with author, time and place', () => {
    assert.deepEqual(pdfAnnotations(new PdfObjects(fixture('noted-signed'))), [NOTES]);
  });

  it('takes the rich text when there is no plain /Contents, keeps a note\'s lines and leaves links and empty notes out', async () => {
    const data = await pdfWith([
      { Subtype: 'FreeText', RC: '<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>Kính chuyển &amp; đề nghị</p><p>xử lý gấp.</p></body>' },
      { Subtype: 'Stamp', Contents: 'ĐÃ DUYỆT', T: 'Giám đốc', M: 'D:20240105' },
      { Subtype: 'Ink', Contents: '  \n ' },
      { Subtype: 'Link', Contents: 'không phải ghi chú' },
      { Subtype: 'Popup', Contents: 'cửa sổ' },
      { Subtype: 'Text', Contents: 'Dòng một\r\nDòng hai', page: [1] },
    ], 2);
    const notes = pdfAnnotations(new PdfObjects(data));
    assert.deepEqual(notes.map((p) => p.map((a) => [a.subtype, a.text])), [[['FreeText', 'Kính chuyển & đề nghị\nxử lý gấp.'], ['Stamp', 'ĐÃ DUYỆT']], [['Text', 'Dòng một\nDòng hai']]]);
    assert.equal(notes[0]![1]!.modified, '2024-01-05');
  });

  it('keeps a rich-text entity it cannot decode as written: out of range, a surrogate or a control character', async () => {
    const data = await pdfWith([
      { Subtype: 'FreeText', RC: '<body><p>Số &#x110000; và &#99999999999; xong</p><p>ký &#1; tự &#xD800; lạ &#x1EA0;</p></body>' },
    ]);
    const notes = pdfAnnotations(new PdfObjects(data));
    assert.deepEqual(notes.map((p) => p.map((a) => a.text)), [['Số &#x110000; và &#99999999999; xong\nký &#1; tự &#xD800; lạ Ạ']]);
  });

  it('keeps the notes in pages[].annotations of the converted result, out of its text and structure', async () => {
    for (const name of ['noted-signed', 'noted-signed-aes-128']) {
      const r = await convert({ path: `${name}.pdf`, data: fixture(name) }, { segment: {} }) as DocumentResult;
      assert.ok(validateDocumentResult(r).ok, 'the JSON validates (schema 1.6)');
      assert.deepEqual(r.pages[0]?.annotations, NOTES, name);
      const elsewhere = JSON.stringify({ ...r, pages: r.pages.map((p) => ({ ...p, annotations: undefined })), diagnostics: [] });
      assert.ok(!elsewhere.includes('Tổ chức xem xét'), 'the note is in no text, paragraph or structure field');
      assert.ok(r.diagnostics.some((d) => d.ruleId === 'pdf/annotations' && d.severity === 'info' && d.place?.page === 1));
      assert.equal(r.diagnostics.some((d) => d.ruleId === 'pdf/decrypted'), name.endsWith('aes-128'));
      assert.equal(r.meta?.eSignatures?.[0]?.time, '2025-09-12T10:15:23+07:00');
    }
  });

  it('numbers the notes by the pages read when only some are', async () => {
    const data = await pdfWith([{ Subtype: 'Text', Contents: 'Ghi chú trang hai', page: [1] }], 2);
    const r = await convert({ path: 'two.pdf', data }, { ingest: { pages: [{ from: 2, to: 2 }], ocrMode: 'never' } }) as DocumentResult;
    assert.deepEqual(r.pages.map((p) => [p.number, p.annotations?.map((a) => a.text)]), [[2, ['Ghi chú trang hai']]]);
  });
});
