/**
 * A scan past the time limit, or whose client leaves, is cancelled down to the OCR engine: its
 * tesseract processes are killed and no page of it starts after, so the next request is not queued
 * behind work nobody waits for. A stand-in tesseract that never ends shows what runs.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildServer } from '../../src/serve/server.js';

let dir = '';
let forever = '';
let slow = '';
const tif = readFileSync(new URL('../../fixtures/scans/pages-2p.tif', import.meta.url));
const png = readFileSync(new URL('../../fixtures/scans/line.png', import.meta.url));
const started = () => (existsSync(join(dir, 'pids')) ? readFileSync(join(dir, 'pids'), 'utf8').split('\n').filter(Boolean).map(Number) : []);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(ok: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (ok()) return true;
  return ok();
}
const saved = process.env.BAOCAO_TESSERACT;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'baocao-serve-cancel-'));
  // Both answer --version as tesseract 5 and note each reading's pid. One reads for ever; the other
  // takes 2 s a reading (under the page limit, the request's) and reads one word, so the two-page
  // scan (a reading a page, after 2–3 s of decoding) passes the request's limit only on the way.
  const head = `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\necho $$ >> "${dir}/pids"\ncat > /dev/null\n`;
  forever = join(dir, 'forever');
  writeFileSync(forever, `${head}exec sleep 600\n`);
  slow = join(dir, 'slow');
  writeFileSync(slow, `${head}sleep 2\nprintf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t50\\t20\\t91.5\\tchữ\\n'\n`);
  chmodSync(forever, 0o755);
  chmodSync(slow, 0o755);
});
after(() => {
  for (const pid of started()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (saved === undefined) delete process.env.BAOCAO_TESSERACT;
  else process.env.BAOCAO_TESSERACT = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('serve cancels a scan nobody waits for', () => {
  it('kills the OCR of a scan that passes the time limit (504) and starts none of its pages after', async () => {
    rmSync(join(dir, 'pids'), { force: true });
    process.env.BAOCAO_TESSERACT = slow;
    const app = await buildServer({ inFlight: 1, timeoutMs: 3500, ocrEngine: 'native' });
    try {
      const r = await app.inject({ method: 'POST', url: '/v1/convert?name=scan.tif', payload: tif, headers: { 'content-type': 'image/tiff' } });
      assert.equal(r.statusCode, 504, r.body);
      const pids = started();
      assert.ok(await until(() => pids.every((p) => !alive(p)), 3000), `tesseract still running after the 504: ${pids.filter(alive)}`);
      await new Promise((r) => setTimeout(r, 2500));
      assert.deepEqual(started(), pids, 'no page of the cancelled scan started after the 504');
    } finally {
      await app.close();
    }
  });

  it('kills the OCR of a scan whose client closes the connection, and keeps serving', async () => {
    rmSync(join(dir, 'pids'), { force: true });
    process.env.BAOCAO_TESSERACT = forever;
    const app = await buildServer({ inFlight: 1, timeoutMs: 600_000, ocrEngine: 'native' });
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const client = new AbortController();
      const request = fetch(`${address}/v1/convert?name=scan.png`, { method: 'POST', body: png, headers: { 'content-type': 'image/png' }, signal: client.signal }).catch((e: Error) => e);
      assert.ok(await until(() => started().length > 0, 20_000), 'the scan reached the OCR engine');
      client.abort();
      assert.ok((await request) instanceof Error);
      const pids = started();
      assert.ok(await until(() => pids.every((p) => !alive(p)), 3000), `tesseract still running after the client left: ${pids.filter(alive)}`);
      let metrics = '';
      for (let i = 0; i < 60 && !/^baocao_in_flight 0$/m.test(metrics); i++) metrics = await (await fetch(`${address}/metrics`)).text(), await new Promise((r) => setTimeout(r, 50));
      assert.match(metrics, /^baocao_in_flight 0$/m, 'the cancelled request left its slot');
      assert.equal((await fetch(`${address}/healthz`)).status, 200);
    } finally {
      await app.close();
    }
  });
});
