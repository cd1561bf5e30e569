import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/server.js';

let app: FastifyInstance;
let sample: Buffer;
before(async () => {
  sample = await readFile(new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url));
  app = await buildServer({ bodyLimit: 64 * 1024, inFlight: 1, queue: 4, maxWaitMs: 600_000, timeoutMs: 600_000 });
});
after(async () => {
  await app.close();
});

const post = (payload: Buffer, encoding: string, url = '/v1/convert?name=bao-cao.txt&restore=false&format=txt') =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/plain', 'content-encoding': encoding } });

describe('baocao serve with a compressed body', () => {
  it('converts the document sent gzip, deflate or br compressed as it converts it sent plain', async () => {
    const plain = await app.inject({ method: 'POST', url: '/v1/convert?name=bao-cao.txt&restore=false&format=txt', payload: sample, headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.statusCode, 200, plain.body);
    for (const [encoding, body] of [['gzip', gzipSync(sample)], ['deflate', deflateSync(sample)], ['br', brotliCompressSync(sample)], ['identity', sample]] as const) {
      const r = await post(body, encoding);
      assert.equal(r.statusCode, 200, `${encoding}: ${r.body}`);
      assert.equal(r.body, plain.body, encoding);
    }
  });

  it('answers 413 to a zip bomb: the limit is on the decompressed size', async () => {
    // 200 KB of gzip that inflates to 200 MB, over a 64 KiB limit.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    assert.ok(bomb.length < 64 * 1024 * 4);
    const r = await post(bomb, 'gzip');
    assert.equal(r.statusCode, 413, r.body);
    assert.match(r.json().error, /over the limit of 65536 bytes/);
  });

  it('answers 400 to data that is not what its Content-Encoding says, and 415 to an encoding not read', async () => {
    const bad = await post(Buffer.from('BÁO CÁO, not compressed at all'), 'gzip');
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.json().error, /not valid gzip data/);
    const cut = await post(gzipSync(sample).subarray(0, 200), 'gzip');
    assert.equal(cut.statusCode, 400, cut.body);
    const zstd = await post(sample, 'zstd');
    assert.equal(zstd.statusCode, 415, zstd.body);
    assert.match(zstd.json().error, /gzip, deflate, br/);
  });
});

describe('baocao serve routes asked with another method', () => {
  it('answers 405 with Allow, not 404: GET /v1/convert, POST /healthz; an unknown path stays 404', async () => {
    const get = await app.inject({ method: 'GET', url: '/v1/convert?name=a.txt' });
    assert.equal(get.statusCode, 405);
    assert.equal(get.headers.allow, 'POST');
    const health = await app.inject({ method: 'POST', url: '/healthz', payload: 'x' });
    assert.equal(health.statusCode, 405);
    assert.equal(health.headers.allow, 'GET, HEAD');
    assert.equal((await app.inject({ url: '/v2/convert' })).statusCode, 404);
  });

  it('says so in the OpenAPI document, with the Content-Encoding the body may have', async () => {
    const api = (await app.inject({ url: '/v1/openapi.json' })).json();
    const op = api.paths['/v1/convert'].post;
    assert.ok(op.responses['405'] && op.responses['415']);
    assert.ok(op.parameters.some((p: { name: string; in: string }) => p.name === 'Content-Encoding' && p.in === 'header'));
  });
});
