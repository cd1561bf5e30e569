/**
 * The review page's view of its output folder over the server's life: one index of the batch
 * logs, refreshed per request, so records other processes append are seen and unchanged logs are
 * not read again (a 10,000-document archive would be re-read on every click otherwise).
 */
import assert from 'node:assert/strict';
import fs, { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { forgetDoneIndex } from '../../src/batch/done-index.js';
import type { Manifest } from '../../src/batch/manifest.js';
import { encodeRecord, logDir } from '../../src/batch/state-log.js';
import { buildReviewServer } from '../../src/review/server.js';

let out = '';
let n = 0;

/** A record as another process (a batch, a queue worker) appends it to its own log, with the document's JSON. */
function saveByAnotherProcess(log: string, name: string): Buffer {
  writeFileSync(join(out, `${name}.json`), '{}');
  const row = { path: `in/${name}`, status: 'ok', error: '', kind: 'text', encoding: 'utf-8', pages: 1, paragraphs: 1, characters: 1, restored: 'yes', diagnostics: 0, sha256: `sha-${name}`, outputs: [`${name}.json`], json: `${name}.json`, review: 2 };
  const manifest = { version: 2, sha256: `sha-${name}`, settings: 's', row } as Manifest;
  const record = encodeRecord(`name\t${JSON.stringify(name)}\nat\t${Date.now() + n++}\nmanifest\t${JSON.stringify(manifest)}\n`);
  appendFileSync(join(logDir(out), log), record);
  return record;
}

/** Bytes read from the batch logs while `run` runs, counted through a spy on fs (the ESM bindings follow it). */
async function logBytesRead(run: () => Promise<unknown>): Promise<number> {
  const paths = new Map<number, string>();
  let bytes = 0;
  const open = fs.openSync, read = fs.readSync;
  mock.method(fs, 'openSync', (...args: Parameters<typeof fs.openSync>) => {
    const fd = open(...args);
    paths.set(fd, resolve(String(args[0])));
    return fd;
  });
  mock.method(fs, 'readSync', (fd: number, ...rest: unknown[]) => {
    const got = (read as (...a: unknown[]) => number)(fd, ...rest);
    if (paths.get(fd)?.startsWith(resolve(logDir(out)))) bytes += got;
    return got;
  });
  syncBuiltinESMExports();
  try {
    await run();
  } finally {
    mock.restoreAll();
    syncBuiltinESMExports();
  }
  return bytes;
}

describe('the review page over an output folder other processes write to', () => {
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'baocao-review-folder-'));
    mkdirSync(logDir(out), { recursive: true });
    for (let i = 0; i < 50; i++) saveByAnotherProcess('1000-0-a.log', `doc-${i}.txt`);
  });
  after(() => {
    forgetDoneIndex(out);
    rmSync(out, { recursive: true, force: true });
  });

  it('lists and opens a document saved by another process after the server started', async () => {
    const app = await buildReviewServer(out);
    const names = async () => ((await app.inject({ method: 'GET', url: '/api/documents' })).json() as { name: string }[]).map((d) => d.name);
    assert.equal((await names()).length, 50);
    saveByAnotherProcess('2000-0-b.log', 'late.txt');
    assert.ok((await names()).includes('late.txt'), 'a new log of another process');
    saveByAnotherProcess('1000-0-a.log', 'later.txt');
    assert.ok((await names()).includes('later.txt'), 'a record appended to a log already read');
    saveByAnotherProcess('2000-0-b.log', 'opened.txt');
    assert.notEqual((await app.inject({ method: 'GET', url: '/api/document?name=opened.txt' })).statusCode, 404, 'found (its JSON {} is no document: not a 404 but an error)');
    await app.close();
  });

  it('reads nothing of unchanged logs on a request, and only the appended record after an append', async () => {
    const app = await buildReviewServer(out);
    await app.inject({ method: 'GET', url: '/api/documents' });
    assert.equal(await logBytesRead(() => app.inject({ method: 'GET', url: '/api/documents' })), 0, 'logs unchanged');
    const record = saveByAnotherProcess('1000-0-a.log', 'one-more.txt');
    const bytes = await logBytesRead(() => app.inject({ method: 'GET', url: '/api/documents' }));
    // The record scanned once and its payload read back once: not the 50 records before it.
    assert.ok(bytes >= record.byteLength && bytes <= 2 * record.byteLength, `${bytes} bytes read for a record of ${record.byteLength}`);
    await app.close();
  });
});
