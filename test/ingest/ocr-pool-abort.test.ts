/** Cancelling a reading in the tesseract.js pool: a waiting page leaves the queue, a page being read drops its worker, and the pool reads on. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createOcrPool } from '../../src/ingest/ocr/pool.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));

describe('the OCR pool and abort signals', () => {
  it('rejects an aborted page with its reason, waiting or being read, and reads the next page right on a new worker', async () => {
    let read = 0;
    const pool = createOcrPool({ jobs: 1, onRecognized: () => read++ });
    try {
      await pool.recognize(fixture('line.png')); // the worker is up: the next page goes on it at once
      read = 0;
      const first = new AbortController();
      const second = new AbortController();
      const reading = pool.recognize(fixture('page2.jpg'), { signal: first.signal });
      const waiting = pool.recognize(fixture('line.png'), { signal: second.signal });
      second.abort(new Error('second no longer wanted'));
      await assert.rejects(waiting, /second no longer wanted/);
      // The first went to the idle worker when asked (a page can read in under 300 ms: no wait here).
      first.abort(new Error('first no longer wanted'));
      await assert.rejects(reading, /first no longer wanted/);
      const already = new AbortController();
      already.abort();
      await assert.rejects(pool.recognize(fixture('line.png'), { signal: already.signal }), { name: 'AbortError' });
      assert.equal(read, 0, 'no cancelled page was read to its end');
      assert.match((await pool.recognize(fixture('line.png'))).lines[0]!, /cải cách hành chính/);
      assert.equal(read, 1);
    } finally {
      await pool.terminate();
    }
  });
});
