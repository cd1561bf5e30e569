/**
 * A scan whose first pages all read no text is stopped there (ingest/noise-stop.ts): a 300-page
 * TIFF of junk no longer runs for an hour, while a real scan, whose first pages read text, is read
 * to its end however long.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from '../../src/core/document.js';
import { ingestImage, ocrPagesInOrder } from '../../src/ingest/image.js';
import { NOISE_STOP_PAGES, readsText, textWords } from '../../src/ingest/noise-stop.js';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';
import { noiseTiff } from './noise-tiff.js';

const word = (text: string, confidence: number, line = 1) => ({ text, confidence, bbox: [0, 0, 10, 10] as [number, number, number, number], line });
const textPage = (n: number): Page => ({ number: n, lines: ['Ủy ban nhân dân xã Ngọc Kỳ'], method: 'ocr', confidence: 95, words: ['Ủy', 'ban', 'nhân', 'dân', 'xã', 'Ngọc', 'Kỳ'].map((w) => word(w, 95)) });
// What Tesseract reads on noise: nothing, or specks at confidence near 0 (bench:noise-pages).
const noisePage = (n: number): Page => (n % 2 ? { number: n, lines: [], method: 'ocr', confidence: 0, words: [] } : { number: n, lines: ['~ an .: ,ii ma'], method: 'ocr', confidence: 5, words: [word('~', 4), word('an', 6), word('.:', 3), word(',ii', 5), word('ma', 7)] });

/** Reads pages 1..total, each after a delay that varies so pages finish out of order; `isText(n)` says which read text. */
async function read(total: number, isText: (n: number) => boolean, ctx: { noiseStopPages?: number } = {}) {
  const asked: number[] = [];
  const numbers = Array.from({ length: total }, (_, i) => i + 1);
  const r = await ocrPagesInOrder(numbers, async (n) => {
    asked.push(n);
    await new Promise((done) => setTimeout(done, (n * 7) % 5));
    return { page: isText(n) ? textPage(n) : noisePage(n), diagnostics: [] };
  }, 2, ctx);
  return { ...r, asked };
}

describe('a scan whose first pages read no text', () => {
  it('counts dictionary words read with confidence, and a text layer\'s words', () => {
    assert.equal(textWords(textPage(1)), 7);
    assert.equal(textWords(noisePage(2)), 0);
    assert.equal(textWords({ number: 1, lines: ['Báo cáo kết quả công tác'], method: 'text' }), 6);
    assert.equal(readsText({ number: 1, lines: ['12.345  67.890'], method: 'ocr', confidence: 90, words: [word('12.345', 90), word('67.890', 90)] }), false);
  });

  it('stops a 300-page file of noise after its first pages, with one ocr/noise-stopped error, the pages read kept', async () => {
    const r = await read(300, () => false);
    assert.ok(r.asked.length <= NOISE_STOP_PAGES + 3, `${r.asked.length} pages read`);
    assert.equal(r.pages.length, 300);
    assert.deepEqual(r.pages[1]!.lines, ['~ an .: ,ii ma'], 'a page read is kept as read');
    assert.ok(r.pages.slice(r.asked.length).every((p) => p.lines.length === 0), 'the pages left are empty');
    const stops = r.diagnostics.filter((d) => d.ruleId === 'ocr/noise-stopped');
    assert.equal(stops.length, 1);
    assert.equal(stops[0]!.severity, 'error');
    assert.match(stops[0]!.message, new RegExp(`^the first ${NOISE_STOP_PAGES} pages read no text .* of 300 left unread; --no-noise-stop \\(BAOCAO_NOISE_STOP=0\\) reads every page$`));
  });

  it('reads to its end a long file whose first pages read text, though every later page reads none', async () => {
    const r = await read(128, (n) => n === 1);
    assert.equal(r.asked.length, 128);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.pages.length, 128);
  });

  it('reads on when the last page judged reads text, whatever order the pages finish in', async () => {
    const r = await read(40, (n) => n === NOISE_STOP_PAGES);
    assert.equal(r.asked.length, 40);
    assert.deepEqual(r.diagnostics, []);
  });

  it('reads whole a file of no more pages than are judged, and any file when the stop is off', async () => {
    assert.equal((await read(NOISE_STOP_PAGES, () => false)).asked.length, NOISE_STOP_PAGES);
    const off = await read(30, () => false, { noiseStopPages: 0 });
    assert.equal(off.asked.length, 30);
    assert.deepEqual(off.diagnostics, []);
  });

  it('stops a multi-page TIFF of noise read through the OCR pool, before its last pages: nothing read, so no pages', async () => {
    let asked = 0;
    const pool: OcrPool = { size: 1, recognize: async () => (asked++, { lines: [], words: [], confidence: 0 }), terminate: async () => undefined };
    const r = await ingestImage(noiseTiff(30, 40, 40), { ocr: pool, straighten: false });
    assert.ok(asked < 30, `${asked} pages read`);
    assert.deepEqual(r.pages, []);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId), ['ocr/noise-stopped']);
  });
});
