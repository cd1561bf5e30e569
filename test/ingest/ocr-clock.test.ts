/** A scan's OCR time limit (ocr/ocr-clock.ts): a file whose OCR runs past it is stopped, its unread pages said, the pool's readings cancelled. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrPool, RecognizeOptions } from '../../src/ingest/ocr/pool.js';
import { ingestImage, ocrPagesInOrder } from '../../src/ingest/image.js';
import { ocrClock } from '../../src/ingest/ocr/ocr-clock.js';
import { noiseTiff } from './noise-tiff.js';

/** A pool that reads its first `answered` pages at once and then hangs, as an engine stuck on a page, until the reading is cancelled. */
function stuckPool(answered: number): OcrPool & { cancelled: number } {
  let asked = 0;
  const pool = {
    size: 1,
    cancelled: 0,
    recognize(_image: Uint8Array, options?: RecognizeOptions) {
      if (++asked <= answered) return Promise.resolve({ lines: [`trang ${asked}`], words: [], confidence: 90 });
      return new Promise<never>((_, reject) => {
        const signal = options?.signal;
        if (!signal) return; // never settles: what the limit is for
        const cancel = () => { pool.cancelled++; reject(signal.reason); };
        if (signal.aborted) return cancel();
        signal.addEventListener('abort', cancel, { once: true });
      });
    },
    async terminate() {},
  };
  return pool;
}

const page = (n: number) => ({ page: { number: n, lines: [`trang ${n}`], method: 'ocr' as const }, diagnostics: [] });

describe("a scan's OCR time limit", () => {
  it('stops an image whose OCR hangs with one ocr/timeout error and no pages, cancelling the reading on the pool', async () => {
    const pool = stuckPool(0);
    const r = await ingestImage(noiseTiff(6, 40, 40), { ocr: pool, ocrTimeoutMs: 300, straighten: false });
    assert.deepEqual(r.pages, []);
    assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['ocr/timeout', 'error']]);
    assert.match(r.diagnostics[0]!.message, /longer than its 300 ms time limit \(--timeout\): it was stopped, and none of its 6 pages was read/);
    assert.ok(pool.cancelled >= 1, 'the page being read was cancelled on the pool');
  });

  it('keeps the pages read before the limit and names those left unread', async (t) => {
    // The limit's timer is the test's: it runs out only once page 3 hangs, however slow the machine.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const pool = stuckPool(2);
    const recognize = pool.recognize;
    let asked = 0;
    pool.recognize = (image, options) => {
      if (++asked === 3) setImmediate(() => t.mock.timers.tick(1500));
      return recognize(image, options);
    };
    const r = await ingestImage(noiseTiff(5, 40, 40), { ocr: pool, ocrTimeoutMs: 1500, straighten: false });
    assert.deepEqual(r.pages.map((p) => p.lines.length > 0), [true, true, false, false, false]);
    const timedOut = r.diagnostics.filter((d) => d.ruleId === 'ocr/timeout');
    assert.equal(timedOut.length, 1);
    assert.match(timedOut[0]!.message, /1.5 s time limit .*pages 3, 4, 5 of 5 left unread/);
    assert.deepEqual(timedOut[0]!.place, { page: 3, line: 1 });
  });

  it('has no limit unless one is given', async () => {
    const r = await ingestImage(noiseTiff(2, 40, 40), { ocr: stuckPool(2), straighten: false });
    assert.deepEqual(r.diagnostics.filter((d) => d.ruleId === 'ocr/timeout'), []);
  });

  it('does not charge a file for the time its pages wait for a page slot held by another file', async () => {
    // Each slot is given 400 ms late; the pages themselves take no time: well within 200 ms of OCR.
    const pageSlot = () => new Promise<() => void>((resolve) => setTimeout(() => resolve(() => undefined), 400));
    const clock = ocrClock(200);
    const r = await ocrPagesInOrder([1, 2, 3], async (n) => page(n), 1, { pageSlot }, clock);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.pages.map((p) => p.number), [1, 2, 3]);
  });

  it("rejects with the caller's own reason when the caller cancels, not as a timeout", async () => {
    const cancel = new AbortController();
    const reason = new Error('the client left');
    setTimeout(() => cancel.abort(reason), 100);
    await assert.rejects(ingestImage(noiseTiff(3, 40, 40), { ocr: stuckPool(0), ocrTimeoutMs: 60_000, signal: cancel.signal, straighten: false }), (e) => e === reason);
  });
});
