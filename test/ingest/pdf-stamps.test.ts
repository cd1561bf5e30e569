import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFParse } from 'pdf-parse';
import { signedPdf } from '../../scripts/realistic/esign-pdf.js';
import { joinPageText, type TextItemLike } from '../../src/ingest/ocr/pdf-page-text.js';
import { scanPages } from '../../src/ingest/ocr/pdf-objects.js';
import { PdfSource } from '../../src/ingest/ocr/pdf-source.js';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { convert } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';
import { layeredPdf } from './layered-pdf.js';

const HEADER = ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI', 'Số:', 'Quảng Ngãi, ngày', 'BÁO CÁO', 'Kết quả công tác quý III', 'I. KẾT QUẢ', 'Các nhiệm vụ đã hoàn thành đúng hạn.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];
/** As a Word file lays the header out: the label, a blank, the rest of the line drawn apart. */
const PLACED = [{ text: '/BC-UBND', x: 140, line: 2 }, { text: 'tháng 9 năm 2025', x: 200, line: 3 }];
const STAMPS = [{ text: '125', x: 88, line: 2 }, { text: '15', x: 170, line: 3 }];
const BOX = ['Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi', 'Thời gian ký: 15.09.2025 10:21:11'];

const stampedPdf = () => signedPdf({ pages: [HEADER], placed: PLACED, stamps: STAMPS, boxLines: BOX, time: "D:20250915102111+07'00'" });
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));

describe('values stamped into a PDF page by its annotations', () => {
  it("reads the number and day an e-signature stamps into the printed blanks, and leaves the signers' box out", async () => {
    const r = await ingestPdf(await stampedPdf());
    const lines = r.pages[0]!.lines;
    assert.ok(lines.includes('Số: 125 /BC-UBND'), lines.join('\n'));
    assert.ok(lines.includes('Quảng Ngãi, ngày 15 tháng 9 năm 2025'), lines.join('\n'));
    assert.ok(!lines.some((l) => /Ký bởi|Thời gian ký/u.test(l)), 'the box is metadata, not text');
    const d = r.diagnostics.find((x) => x.ruleId === 'pdf/stamped-values');
    assert.match(d?.message ?? '', /"125", "15"/u);
  });

  it('reads them from a Buffer, as a file read gives the bytes', async () => {
    const r = await ingestPdf(Buffer.from(await stampedPdf()));
    assert.ok(r.pages[0]!.lines.includes('Số: 125 /BC-UBND'), r.pages[0]!.lines.join('\n'));
  });

  it('gives the converted document its number and date', async () => {
    const r = await convert({ path: 'signed.pdf', data: await stampedPdf() }, { segment: {} }) as DocumentResult;
    assert.equal(r.meta?.number, '125/BC-UBND');
    assert.equal(r.meta?.date, '2025-09-15');
  });

  it('cuts a line drawn as one string at the blank the stamp fills', async () => {
    const pdf = await signedPdf({ pages: [['ỦY BAN NHÂN DÂN', 'Số:                /BC-UBND']], stamps: [{ text: '7', x: 90, line: 1 }] });
    const r = await ingestPdf(pdf);
    assert.ok(r.pages[0]!.lines.some((l) => /^Số:\s+7\s+\/BC-UBND$/u.test(l)), r.pages[0]!.lines.join('\n'));
  });

  it('looks for stamps only on pages whose fields draw something, and leaves the others to the text layer', async () => {
    // The helper's own signature field has no appearance: nothing drawn, so no second pdf.js pass.
    const plain = await signedPdf({ pages: [HEADER] });
    assert.equal(scanPages(plain)[0]!.drawnAnnotations, false);
    assert.equal(scanPages(await stampedPdf())[0]!.drawnAnnotations, true);
    const source = await PdfSource.open(plain);
    try {
      assert.equal(await source.stampedText(1), null);
    } finally {
      await source.close();
    }
  });

  it('joins text items exactly as the text layer reader does when nothing is stamped', async () => {
    const pdfs = [
      await signedPdf({ pages: [HEADER, ['Trang hai: nơi nhận', 'KT. CHỦ TỊCH']], placed: PLACED }),
      layeredPdf({ lines: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số 12/BC'], renderMode: 0 }),
      fixture('text.pdf'),
    ];
    for (const data of pdfs) {
      const doc = await pdfjs.getDocument({ data: data.slice(), isEvalSupported: false, verbosity: 0 }).promise;
      const source = await PdfSource.open(data);
      try {
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          const view = page.getViewport({ scale: 1 });
          const items = (await page.getTextContent()).items as TextItemLike[];
          const ours = joinPageText(items, [], (x, y) => view.convertToViewportPoint(x, y) as [number, number]);
          // pdf-parse's own join of the page, which the text layer reader gave before it took joinPageText.
          const parser = new PDFParse({ data: data.slice() });
          assert.equal(ours.text, (await parser.getText({ partial: [n], pageJoiner: '' })).pages[0]?.text);
          await parser.destroy();
          assert.equal(await source.text(n), ours.text);
          assert.deepEqual(ours.placed, []);
        }
      } finally {
        await source.close();
        await doc.destroy();
      }
    }
  });
});
