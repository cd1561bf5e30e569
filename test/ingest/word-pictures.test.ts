/**
 * A Word file's pictures are read as the pages of one scan (ingest/word-pictures.ts): concurrently
 * on the pool, under one time limit and one noise watch for the file, a picture that cannot be read
 * left as an empty page with a warning while the others are read, under the one-document text limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { Document, ImageRun, Packer, PageBreak, Paragraph } from 'docx';
import { convert } from '../../src/index.js';
import { ingestWordPictures } from '../../src/ingest/word-pictures.js';
import { NOISE_STOP_PAGES } from '../../src/ingest/noise-stop.js';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';

const blank = (width = 600, height = 160) => sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer().then((b) => new Uint8Array(b));

const LINE = 'Ủy ban nhân dân xã Ngọc Kỳ báo cáo kết quả';
const textReading = () => ({ lines: [LINE], words: LINE.split(' ').map((text) => ({ text, confidence: 95, bbox: [0, 0, 10, 10] as [number, number, number, number], line: 1 })), confidence: 95 });

/** A stand-in pool: each reading takes `ms`, answers `reply(n)` for the n-th call, and records how many ran at once. */
function standInPool(reply: (n: number) => ReturnType<typeof textReading>, ms = 5, size = 2): OcrPool & { calls: number; most: number } {
  let running = 0;
  const pool = {
    size, calls: 0, most: 0,
    async recognize(_image: Uint8Array, options?: { signal?: AbortSignal }) {
      const n = ++pool.calls;
      pool.most = Math.max(pool.most, ++running);
      try {
        await new Promise((done) => setTimeout(done, ms));
        options?.signal?.throwIfAborted();
        return reply(n);
      } finally {
        running--;
      }
    },
    async terminate() {},
  };
  return pool;
}

const nothing = () => ({ lines: [], words: [], confidence: 0 });

describe('the pictures of a Word file read as one scan', () => {
  it('are read several at once on the pool, in body order', async () => {
    const picture = await blank();
    // The readings wait until two are in flight at once (or 10 s pass): only pictures read one at a
    // time make them wait out, and then fail, however slow the machine is.
    let running = 0, most = 0;
    let release: () => void = () => undefined;
    const bothInFlight = new Promise<void>((done) => (release = done));
    const ocr: OcrPool = {
      size: 2,
      async recognize() {
        most = Math.max(most, ++running);
        if (running >= 2) release();
        const timer = new Promise<void>((done) => setTimeout(done, 10_000).unref());
        await Promise.race([bothInFlight, timer]);
        running--;
        return textReading();
      },
      async terminate() {},
    };
    const r = await ingestWordPictures([picture, picture, picture, picture], { ocr, straighten: false });
    assert.deepEqual(r.pages.map((p) => p.number), [1, 2, 3, 4]);
    assert.ok(r.pages.every((p) => p.lines[0] === LINE));
    assert.ok(most >= 2, `${most} pictures in flight on a pool of two`);
  });

  it('stop after the first pictures when all of them read no text, as a scan of noise does', async () => {
    const picture = await blank();
    const ocr = standInPool(nothing);
    const r = await ingestWordPictures(Array.from({ length: 40 }, () => picture), { ocr, straighten: false, noiseStopPages: NOISE_STOP_PAGES });
    assert.ok(ocr.calls <= NOISE_STOP_PAGES + 3, `${ocr.calls} pictures read of 40`);
    const stops = r.diagnostics.filter((d) => d.ruleId === 'ocr/noise-stopped');
    assert.equal(stops.length, 1, 'one stop for the file, not one a picture');
    assert.match(stops[0]!.message, /of 40 left unread/);
  });

  it('share one OCR time limit for the file, not one a picture', async () => {
    const picture = await blank();
    const ocr = standInPool(textReading, 100, 1);
    // 250 ms for the file: the six pictures together cannot fit, whatever the machine's load.
    const r = await ingestWordPictures(Array.from({ length: 6 }, () => picture), { ocr, straighten: false, ocrTimeoutMs: 250, ocrTimeoutPerPageMs: 0 });
    const timeouts = r.diagnostics.filter((d) => d.ruleId === 'ocr/timeout');
    assert.equal(timeouts.length, 1, 'one time limit for the file, not one a picture');
    // On a loaded machine not even the first picture may be read in time: both are said.
    assert.match(timeouts[0]!.message, /took longer than its 250 ms time limit \(--timeout\): it was stopped, and (none of its 6 pages was read|pages? .* of 6 left unread)$/);
    assert.ok(ocr.calls < 6, `${ocr.calls} pictures read`);
  });

  it('leave a picture that cannot be read as an empty page with a warning, and read the others', async () => {
    const picture = await blank();
    const metafile = new Uint8Array([1, 0, 0, 0, 0x6c, 0, 0, 0, 0, 0, 0, 0]);
    const r = await ingestWordPictures([picture, metafile, picture], { ocr: standInPool(textReading), straighten: false });
    assert.deepEqual(r.pages.map((p) => p.lines.length), [1, 0, 1]);
    const warnings = r.diagnostics.filter((d) => d.ruleId === 'ingest/word-picture-unreadable');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.severity, 'warning');
    assert.deepEqual(warnings[0]!.place, { page: 2, line: 1 });
  });

  it('read as a TIFF the first page of a multi-page TIFF picture, the one Word shows', async () => {
    const first = await sharp({ create: { width: 300, height: 80, channels: 3, background: '#ffffff' } }).tiff().toBuffer();
    const ocr = standInPool(textReading);
    const seen: Uint8Array[] = [];
    const recognize = ocr.recognize.bind(ocr);
    ocr.recognize = async (image, options) => (seen.push(image), recognize(image, options));
    const r = await ingestWordPictures([new Uint8Array(first)], { ocr, straighten: false });
    assert.equal(r.pages.length, 1);
    assert.equal(seen.length, 1);
    assert.deepEqual(r.diagnostics, []);
  });

  it('are held to the text limit of one document in convert()', async () => {
    // Two pictures of other bytes: Word keeps one copy of a picture pasted twice.
    const run = async (width: number) => new ImageRun({ type: 'png', data: await blank(width), transformation: { width: width / 3, height: 53 } });
    const data = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [await run(600)] }), new Paragraph({ children: [new PageBreak()] }), new Paragraph({ children: [await run(640)] })] }] })));
    const r = await convert({ path: 'pasted.docx', data }, { restore: false, segment: false, maxTextBytes: 60, ingest: { ocr: standInPool(textReading), straighten: false } });
    const refused = r.diagnostics.filter((d) => d.ruleId === 'ingest/too-large');
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.message, /over 2 pages, over the .* limit for one document/);
    assert.equal(r.source.pages, 2);
    assert.equal(r.text.original, '');
  });
});
