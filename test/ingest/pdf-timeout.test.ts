import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { hostilePdf } from './hostile-pdf.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));

/** OCR that answers at once: what is timed here is the PDF's reading, not OCR. */
const ocr: OcrPool = { size: 2, async recognize() { return { lines: ['trang'], words: [], confidence: 90 }; }, async terminate() {} };

// Each hostile file takes pdf.js (or the objects reader) tens of seconds of one core; 500 ms is
// far below that on any machine, and the limit does not count the PDF thread's own start.
const LIMIT_MS = 500;
// The page of millions of operators must first be opened within the limit (its file is large): on a
// machine at load 30 that alone took over 500 ms. Its page takes pdf.js over a minute of one core.
const PAGE_LIMIT_MS = 10_000;

describe('a PDF whose reading runs past its time limit', () => {
  it('is stopped while opening (a bogus cross-reference table) with an ingest/pdf-timeout error and no pages', async () => {
    const r = await ingestPdf(hostilePdf('bogus-xref'), { ocr, pdfTimeoutMs: LIMIT_MS });
    assert.deepEqual(r.pages, []);
    assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['ingest/pdf-timeout', 'error']]);
    assert.match(r.diagnostics[0]!.message, /longer than its 500 ms time limit before its first page/);
  });

  it('is stopped on a page of millions of operators: that page is said unread, once', async () => {
    const r = await ingestPdf(hostilePdf('many-operators'), { ocr, pdfTimeoutMs: PAGE_LIMIT_MS });
    const timedOut = r.diagnostics.filter((d) => d.ruleId === 'ingest/pdf-timeout');
    assert.equal(timedOut.length, 1);
    assert.equal(timedOut[0]!.severity, 'error');
    assert.match(timedOut[0]!.message, /page 1 left unread/);
    assert.deepEqual(r.pages.map((p) => p.lines), [[]]);
  });

  it('keeps the event loop free while pdf.js works: timers fire during the reading', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    try {
      await ingestPdf(hostilePdf('many-operators'), { ocr, pdfTimeoutMs: LIMIT_MS });
    } finally {
      clearInterval(timer);
    }
    // In this thread the same file held the loop for all of its reading: not one tick.
    assert.ok(ticks > 0);
  });

  it('reads the next PDF normally after a stopped one', async () => {
    await ingestPdf(hostilePdf('bogus-xref'), { ocr, pdfTimeoutMs: LIMIT_MS });
    const r = await ingestPdf(fixture('text.pdf'), { ocr, pdfTimeoutMs: 60_000 });
    assert.equal(r.pages[0]!.lines[0], 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    assert.ok(!r.diagnostics.some((d) => d.ruleId === 'ingest/pdf-timeout'));
  });

  it('rejects with the signal\'s reason when the reading is no longer wanted, without waiting for pdf.js', async () => {
    const cancel = new AbortController();
    const reason = new Error('the client left');
    setTimeout(() => cancel.abort(reason), 200);
    await assert.rejects(ingestPdf(hostilePdf('bogus-xref'), { ocr, signal: cancel.signal }), (e) => e === reason);
  });
});
