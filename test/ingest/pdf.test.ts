import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';
import { createOcrPool } from '../../src/ingest/ocr/pool.js';
import { PdfSource } from '../../src/ingest/ocr/pdf-source.js';
import { hasCatalogEntry, ingestPdf, isUsableTextLayer } from '../../src/ingest/pdf.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));

/** A one-page PDF of `w` × `h` points holding only a drawn square: no text layer, no image, so OCR needs a rendering. */
function vectorOnlyPdf(w: number, h: number): Uint8Array {
  const content = '0 0 0 rg 20 20 60 60 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => { const at = pdf.length; pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/** Pixel width of a PNG (IHDR). */
const pngWidth = (png: Uint8Array) => new DataView(png.buffer, png.byteOffset).getUint32(16);

/** A pool that records what it was asked to read and answers from `reply`. */
function fakePool(reply: (n: number) => Promise<{ lines: string[] }>): OcrPool & { calls: number } {
  const pool = {
    size: 2, calls: 0,
    async recognize() {
      const r = await reply(++pool.calls);
      return { lines: r.lines, words: [], confidence: 90 };
    },
    async terminate() {},
  };
  return pool;
}

describe('PDF input', () => {
  it('takes a born-digital page from its text layer, NFC, without OCR', async () => {
    const ocr = fakePool(async () => { throw new Error('must not OCR'); });
    const r = await ingestPdf(fixture('text.pdf'), { ocr });
    assert.equal(ocr.calls, 0);
    assert.deepEqual(r.pages.map((p) => p.method), ['pdf-text']);
    assert.equal(r.pages[0]!.lines[0], 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    assert.ok(r.pages[0]!.lines.every((l) => l === l.normalize('NFC')));
    assert.ok(r.pages[0]!.lines.includes('Ủy ban nhân dân xã đã ban hành kế hoạch và tổ chức triển khai thực hiện.'));
  });

  it('reads a mixed PDF page by page: text layer where there is one, OCR where there is not', async () => {
    const ocr = fakePool(async () => ({ lines: ['trang quét'] }));
    const r = await ingestPdf(fixture('mixed.pdf'), { ocr });
    assert.deepEqual(r.pages.map((p) => [p.number, p.method]), [[1, 'pdf-text'], [2, 'ocr']]);
    assert.deepEqual(r.pages[1]!.lines, ['trang quét']);
    assert.equal(ocr.calls, 1);
  });

  it('reads a scan stored as JPEG 2000 (JPXDecode) with the decoder pdf.js ships, offline', async () => {
    const source = await PdfSource.open(fixture('jpx.pdf'));
    try {
      const { image } = await source.image(1);
      const sharp = (await import('sharp')).default;
      const { width, height } = await sharp(image).metadata();
      assert.deepEqual([width, height], [1500, 330]);
      const { channels } = await sharp(image).stats();
      assert.ok(channels[0]!.min < 100, 'the page image holds the dark print, not a blank');
    } finally {
      await source.close();
    }
    const ocr = fakePool(async () => ({ lines: ['Trang hai của bản quét thử nghiệm'] }));
    const r = await ingestPdf(fixture('jpx.pdf'), { ocr });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.equal(ocr.calls, 1);
  });

  it('turns a page whose OCR fails into an ocr/page-failed diagnostic and keeps the other pages', async () => {
    const ocr = fakePool(async (n) => { if (n === 1) throw new Error('worker crashed'); return { lines: ['ok'] }; });
    const r = await ingestPdf(fixture('scanned-2p.pdf'), { ocr });
    assert.equal(r.pages.length, 2);
    const failed = r.diagnostics.filter((d) => d.ruleId === 'ocr/page-failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.message, /worker crashed/);
    assert.equal(r.pages.filter((p) => p.lines[0] === 'ok').length, 1);
  });

  it('reports a corrupt PDF as an ingest/pdf-corrupt error instead of throwing', async () => {
    const r = await ingestPdf(fixture('corrupt.pdf'), { ocr: fakePool(async () => ({ lines: [] })) });
    assert.deepEqual(r.pages, []);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.ruleId, 'ingest/pdf-corrupt');
    assert.equal(r.diagnostics[0]!.severity, 'error');
  });

  it('refuses junk behind a %PDF- header from a look for the catalog, without pdf.js rebuilding its xref', async () => {
    const junk = new Uint8Array(4 << 20);
    junk.set(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Rotate 0 /R 1 >>\nendobj\n'));
    const r = await ingestPdf(junk, { ocr: fakePool(async () => ({ lines: [] })) });
    assert.deepEqual(r.pages, []);
    assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['ingest/pdf-corrupt', 'error']]);
    assert.match(r.diagnostics[0]!.message, /^not a readable PDF: Invalid PDF structure\. \(no document catalog/);
  });

  it('finds the catalog entry however the trailer spells it, so readable PDFs still go to pdf.js', () => {
    const has = (s: string) => hasCatalogEntry(new TextEncoder().encode(s));
    assert.equal(hasCatalogEntry(vectorOnlyPdf(72, 72)), true);
    assert.equal(hasCatalogEntry(fixture('text.pdf')), true);
    assert.equal(has('trailer<</Size 3/Root\r\n12\n0 R>>'), true);
    assert.equal(has('<< /Type /XRef /Root % the catalog\n 5 0 R >>'), true);
    assert.equal(has('trailer << /Root << /Pages 2 0 R >> >>'), true);
    assert.equal(has('<< /R#6foot 1 0 R >>'), true, 'an escaped name is left to pdf.js');
    assert.equal(has('<< /Root /Catalog >> /Rooted 1 0 R /Root 1 R'), false);
    assert.equal(hasCatalogEntry(fixture('corrupt.pdf')), false);
  });

  it('says that a file named .pdf without a PDF header is no PDF, and names the web page or text it holds', async () => {
    const said = async (bytes: string) => (await ingestPdf(new TextEncoder().encode(bytes), { ocr: fakePool(async () => ({ lines: [] })) })).diagnostics[0]!;
    const html = await said('<!DOCTYPE html>\n<html><body>Phiên làm việc đã hết hạn</body></html>');
    assert.equal(html.ruleId, 'ingest/pdf-corrupt');
    assert.match(html.message, /^not a PDF: no %PDF- header; it is a web page \(HTML\), perhaps an error page saved under a \.pdf name$/);
    const text = await said('BÁO CÁO\nKết quả công tác năm 2023\n');
    assert.match(text.message, /^not a PDF: no %PDF- header; it is text: rename it \.txt to convert it$/);
  });

  it('renders a page with nothing embedded at the OCR resolution, not finer, and never above 300 dpi', async () => {
    const source = await PdfSource.open(vectorOnlyPdf(144, 72)); // 2 × 1 inch
    try {
      const at200 = await source.image(1, 200);
      assert.equal(at200.source, 'rendered');
      assert.equal(pngWidth(at200.image), 400);
      assert.deepEqual(at200.pageSizePt?.map(Math.round), [144, 72]);
      assert.equal(pngWidth((await source.image(1, 600)).image), 600);
      assert.equal(pngWidth((await source.image(1, 0)).image), 600, 'reduction off: the 300 dpi rendering');
    } finally {
      await source.close();
    }
  });

  it('treats page numbers, stray marks and unmappable glyphs as no usable text layer', () => {
    assert.equal(isUsableTextLayer(''), false);
    assert.equal(isUsableTextLayer('  - 3 -  '), false);
    assert.equal(isUsableTextLayer('\uFFFD\uFFFD\uFFFD\uE001\uE002 abc '.repeat(10)), false);
    assert.equal(isUsableTextLayer('Ủy ban nhân dân xã đã ban hành kế hoạch.'), true);
  });

  describe('with the real OCR engine', () => {
    let pool: OcrPool;
    before(() => { pool = createOcrPool({ jobs: 1 }); });
    after(async () => { await pool.terminate(); });

    it('OCRs an image-only PDF from its embedded page images, keeping word boxes as provenance', async () => {
      const r = await ingestPdf(fixture('scanned-2p.pdf'), { ocr: pool });
      assert.deepEqual(r.pages.map((p) => p.method), ['ocr', 'ocr']);
      assert.match(r.pages[0]!.lines.join('\n'), /Báo cáo kết quả công tác cải cách hành chính/);
      assert.match(r.pages[1]!.lines.join('\n'), /cổng dịch vụ công trực tuyến/);
      assert.ok(r.pages.every((p) => (p.words?.length ?? 0) > 10 && (p.confidence ?? 0) > 80));
    });
  });
});
