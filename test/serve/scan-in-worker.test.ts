/**
 * A scan's conversion runs in a conversion worker thread, its image work (decoding, straightening,
 * reducing, measuring) with it, so the main thread stays free for /healthz and other requests;
 * only its page readings come back to the main thread's shared OCR pool. Structural: the scan is
 * seen posted to a worker, and its readings come back as asks. A stand-in tesseract reads one word.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import { buildServer } from '../../src/serve/server.js';

let dir = '';
const saved = process.env.BAOCAO_TESSERACT;
const png = readFileSync(new URL('../../fixtures/scans/line.png', import.meta.url));
const tif = readFileSync(new URL('../../fixtures/scans/pages-2p.tif', import.meta.url));
const posted: unknown[] = [];
const asked: unknown[] = [];
const realPost = Worker.prototype.postMessage;
const realEmit = Worker.prototype.emit;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'baocao-serve-scan-'));
  const reader = join(dir, 'tesseract');
  writeFileSync(reader, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\ncat > /dev/null\nprintf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t50\\t20\\t91.5\\tchữ\\n'\n`);
  chmodSync(reader, 0o755);
  process.env.BAOCAO_TESSERACT = reader;
  // Every message the main thread posts to a worker, and every one a worker sends it.
  Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: never[]) {
    posted.push(msg);
    return realPost.call(this, msg, ...rest);
  };
  Worker.prototype.emit = function (this: Worker, event: string | symbol, ...args: unknown[]) {
    if (event === 'message') asked.push(args[0]);
    return realEmit.call(this, event, ...args);
  } as typeof realEmit;
});
after(() => {
  Worker.prototype.postMessage = realPost;
  Worker.prototype.emit = realEmit;
  if (saved === undefined) delete process.env.BAOCAO_TESSERACT;
  else process.env.BAOCAO_TESSERACT = saved;
  rmSync(dir, { recursive: true, force: true });
});

const jobsNamed = (name: string) => posted.filter((m) => (m as { request?: { name?: string } })?.request?.name === name) as { scan?: { size: number; engine?: string } }[];
const asks = () => asked.filter((m) => typeof (m as { ocr?: unknown })?.ocr === 'number');

describe('serve converts a scan in a worker thread', () => {
  it('posts an image upload to a conversion worker, whose page readings come back to the shared OCR pool', async () => {
    const app = await buildServer({ inFlight: 1, ocrEngine: 'native' });
    try {
      const before = asks().length;
      const r = await app.inject({ method: 'POST', url: '/v1/convert?name=scan.png', payload: png, headers: { 'content-type': 'image/png' } });
      assert.equal(r.statusCode, 200, r.body);
      const json = r.json();
      assert.equal(json.source.kind, 'image');
      assert.equal(json.pages[0].words[0].text, 'chữ');
      assert.equal(json.pages[0].ocrEngine, 'native');
      const jobs = jobsNamed('scan.png');
      assert.equal(jobs.length, 1, 'the scan was posted to a worker once');
      assert.deepEqual(jobs[0]!.scan, { size: 1, engine: 'native' });
      assert.ok(asks().length > before, 'its page was read on the main thread\'s pool, asked by the worker');
    } finally {
      await app.close();
    }
  });

  it('reads every page of a two-page TIFF through the worker, in order', async () => {
    const app = await buildServer({ inFlight: 1, ocrEngine: 'native' });
    try {
      const r = await app.inject({ method: 'POST', url: '/v1/convert?name=two.tif&format=txt', payload: tif, headers: { 'content-type': 'image/tiff' } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(jobsNamed('two.tif').length, 1);
      assert.match(r.body, /chữ[\s\S]*chữ/);
    } finally {
      await app.close();
    }
  });
});
