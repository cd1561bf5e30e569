import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';
import { scanPages } from '../../src/ingest/ocr/pdf-objects.js';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { stripAgreement } from '../../src/ingest/text-layer-strip.js';
import { judgeTextLayer, vietnameseShare } from '../../src/ingest/text-layer-trust.js';
import { layeredPdf } from './layered-pdf.js';

const scan = { bytes: new Uint8Array(readFileSync(new URL('../../fixtures/scans/page2.jpg', import.meta.url))), width: 1500, height: 330 };
// What a scanner without Vietnamese lays over such a page, and what a Vietnamese OCR lays there.
const JUNK = ['Trang hai cua ban quet thu nghiem', 'Ngiroi dan dtroc huang dan thu tuc hanh chinh', 'tren c6ng dich vu cong tnrc tuyen cua tinh.'];
const GOOD = ['Trang hai của bản quét thử nghiệm', 'Người dân được hướng dẫn thủ tục hành chính', 'trên cổng dịch vụ công trực tuyến của tỉnh.'];
// Vietnamese, but another page’s text (a layer shifted or mismatched by the scanner software).
const OTHER = ['Báo cáo kết quả thực hiện nhiệm vụ năm', 'Ủy ban nhân dân xã tổ chức tuyên truyền', 'pháp luật về đất đai cho nhân dân thôn.'];

/** A pool that counts its calls and answers with fixed lines. */
function fakePool(lines: string[] | Error): OcrPool & { calls: number } {
  const pool = {
    size: 1, calls: 0,
    async recognize() {
      pool.calls++;
      if (lines instanceof Error) throw lines;
      return { lines, words: lines.flatMap((l, i) => l.split(' ').map((text) => ({ text, confidence: 90, bbox: [0, 0, 1, 1] as [number, number, number, number], line: i + 1 }))), confidence: 90 };
    },
    async terminate() {},
  };
  return pool;
}

describe('PDF text layers: trusted or OCR’d again', () => {
  it('tells an invisible text layer and a full-page image from the PDF objects', () => {
    const [over] = scanPages(layeredPdf({ lines: JUNK, renderMode: 3, jpeg: scan }));
    assert.deepEqual(over!.layers, { invisibleText: true, pageImage: true });
    const [plain] = scanPages(layeredPdf({ lines: GOOD, renderMode: 0 }));
    assert.deepEqual(plain!.layers, { invisibleText: false, pageImage: false });
    // An image of the page's size under visible text, and invisible text alone, each count.
    assert.deepEqual(scanPages(layeredPdf({ lines: JUNK, renderMode: 0, jpeg: scan }))[0]!.layers, { invisibleText: false, pageImage: true });
    assert.deepEqual(scanPages(layeredPdf({ lines: JUNK, renderMode: 3, pagePt: [360, 79] }))[0]!.layers, { invisibleText: true, pageImage: false });
  });

  it('measures how much of a text reads as Vietnamese syllables with marks', () => {
    assert.equal(vietnameseShare(JUNK.join('\n')).marked, 0);
    assert.ok(vietnameseShare(GOOD.join('\n')).share > 0.7);
    assert.equal(vietnameseShare('').share, 0);
    // An English layer is not Vietnamese either.
    assert.ok(vietnameseShare('The committee approved the annual report on administrative reform').share < 0.1);
  });

  it('trusts a layer with nothing under it whatever it reads like, and one over a scan only when it reads as Vietnamese', () => {
    assert.equal(judgeTextLayer(JUNK.join('\n'), { invisibleText: false, pageImage: false }).trusted, true);
    assert.equal(judgeTextLayer(JUNK.join('\n'), undefined).trusted, true);
    assert.equal(judgeTextLayer(GOOD.join('\n'), { invisibleText: true, pageImage: true }).trusted, true);
    // Too few words to judge (a page of figures and codes): taken.
    assert.equal(judgeTextLayer('STT 1 2 3 UBND ĐVT 1.250 tr.đ', { invisibleText: true, pageImage: true }).trusted, true);
    const v = judgeTextLayer(JUNK.join('\n'), { invisibleText: true, pageImage: true });
    assert.equal(v.trusted, false);
    assert.match(v.reason!, /drawn invisibly and over a full-page image.*0 of 26 words \(0 %\)/);
  });

  it('OCRs the page image under a junk scanner layer, with a warning naming the page and why', async () => {
    const ocr = fakePool(['Trang hai của bản quét']);
    const r = await ingestPdf(layeredPdf({ lines: JUNK, renderMode: 3, jpeg: scan }), { ocr });
    assert.equal(ocr.calls, 1);
    assert.equal(r.pages[0]!.method, 'ocr');
    assert.deepEqual(r.pages[0]!.lines, ['Trang hai của bản quét']);
    const d = r.diagnostics.find((x) => x.ruleId === 'ingest/untrusted-text-layer');
    assert.equal(d?.severity, 'warning');
    assert.deepEqual(d?.place, { page: 1, line: 1 });
    assert.match(d!.message, /^page 1: .*does not read as Vietnamese/);
  });

  it('takes a Vietnamese layer over the scan as text when it agrees with OCR of a band of the image', async () => {
    const ocr = fakePool(GOOD);
    const r = await ingestPdf(layeredPdf({ lines: GOOD, renderMode: 3, jpeg: scan }), { ocr });
    assert.equal(ocr.calls, 1, 'one band read, no page OCR');
    assert.equal(r.pages[0]!.method, 'pdf-text');
    assert.deepEqual(r.pages[0]!.lines, GOOD);
    assert.equal(r.diagnostics.length, 0);
  });

  it('OCRs the page under a Vietnamese layer that is not what its image says, with a warning', async () => {
    const ocr = fakePool(GOOD);
    const r = await ingestPdf(layeredPdf({ lines: OTHER, renderMode: 3, jpeg: scan }), { ocr });
    assert.equal(ocr.calls, 2, 'the band, then the page');
    assert.equal(r.pages[0]!.method, 'ocr');
    const d = r.diagnostics.find((x) => x.ruleId === 'ingest/untrusted-text-layer');
    assert.match(d!.message, /^page 1: its text layer does not agree with OCR of its image: of 2\d word pairs .* the layer has [0-9] /);
  });

  it('keeps a Vietnamese layer when its band cannot be read or says too little', async () => {
    const broken = await ingestPdf(layeredPdf({ lines: OTHER, renderMode: 3, jpeg: scan }), { ocr: fakePool(new Error('worker crashed')) });
    assert.equal(broken.pages[0]!.method, 'pdf-text');
    const blank = await ingestPdf(layeredPdf({ lines: OTHER, renderMode: 3, jpeg: scan }), { ocr: fakePool(['Trang hai']) });
    assert.equal(blank.pages[0]!.method, 'pdf-text');
  });

  it('counts pairs of confident neighbouring words on one line as the band’s evidence', () => {
    const w = (text: string, line = 1, confidence = 90) => ({ text, confidence, line });
    // "Người dân", "dân được" found; "được đi" broken by an unsure word; "xe" starts line 2 alone.
    assert.deepEqual(stripAgreement('Người dân được hướng dẫn', [w('Người'), w('dân'), w('được'), w('đi', 1, 30), w('hướng'), w('dẫn'), w('xe', 2)]),
      { pairs: 3, found: 3, agreement: 1 });
    assert.deepEqual(stripAgreement('dân được hướng', [w('Người'), w('dân'), w('được')]), { pairs: 2, found: 1, agreement: 0.5 });
    assert.deepEqual(stripAgreement('x', []), { pairs: 0, found: 0, agreement: 1 });
  });

  it('keeps the junk layer when the page image cannot be OCR’d, so nothing given is lost', async () => {
    const r = await ingestPdf(layeredPdf({ lines: JUNK, renderMode: 3, jpeg: scan }), { ocr: fakePool(new Error('worker crashed')) });
    assert.equal(r.pages[0]!.method, 'pdf-text');
    assert.deepEqual(r.pages[0]!.lines, JUNK);
    assert.ok(r.diagnostics.every((d) => d.severity !== 'error'));
    assert.ok(r.diagnostics.some((d) => d.ruleId === 'ocr/page-failed' && /text layer is kept/.test(d.message)));
  });

  it('--ocr never takes the junk layer as it is; --ocr force OCRs even a born-digital page', async () => {
    const never = fakePool(new Error('must not OCR'));
    const a = await ingestPdf(layeredPdf({ lines: JUNK, renderMode: 3, jpeg: scan }), { ocr: never, ocrMode: 'never' });
    assert.equal(a.pages[0]!.method, 'pdf-text');
    assert.equal(never.calls, 0);
    const force = fakePool(['đọc lại']);
    const b = await ingestPdf(layeredPdf({ lines: GOOD, renderMode: 0 }), { ocr: force, ocrMode: 'force' });
    assert.equal(force.calls, 1);
    assert.deepEqual([b.pages[0]!.method, b.pages[0]!.lines], ['ocr', ['đọc lại']]);
  });

  it('refuses an unknown ocrMode with an error diagnostic', async () => {
    const r = await ingestPdf(layeredPdf({ lines: GOOD, renderMode: 0 }), { ocr: fakePool([]), ocrMode: 'sometimes' as never });
    assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['ingest/bad-option', 'error']]);
  });

  describe('with the real OCR engine', () => {
    let pool: OcrPool;
    before(() => { pool = createOcrPool({ jobs: 1 }); });
    after(async () => { await pool.terminate(); });

    it('reads the words of the scan under a junk layer, marks and all', async () => {
      const r = await ingestPdf(layeredPdf({ lines: JUNK, renderMode: 3, jpeg: scan }), { ocr: pool });
      assert.equal(r.pages[0]!.method, 'ocr');
      assert.match(r.pages[0]!.lines.join('\n'), /hướng dẫn thủ tục hành chính/);
    });

    it('trusts the scan’s own Vietnamese text as its layer and OCRs the page under another text', async () => {
      const good = await ingestPdf(layeredPdf({ lines: GOOD, renderMode: 3, jpeg: scan }), { ocr: pool });
      assert.equal(good.pages[0]!.method, 'pdf-text');
      const other = await ingestPdf(layeredPdf({ lines: OTHER, renderMode: 3, jpeg: scan }), { ocr: pool });
      assert.equal(other.pages[0]!.method, 'ocr');
      assert.match(other.pages[0]!.lines.join('\n'), /hướng dẫn thủ tục hành chính/);
    });
  });
});
