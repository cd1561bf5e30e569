import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { validateDocumentResult } from '../../src/core/schema.js';
import { buildServer } from '../../src/serve/server.js';
import { startCli } from '../cli/run-cli.js';

const SAMPLE = new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url);
let app: FastifyInstance;
let sample: Buffer;
before(async () => {
  sample = await readFile(SAMPLE);
  app = await buildServer({ bodyLimit: 64 * 1024, inFlight: 1, queue: 2, maxWaitMs: 60_000 });
});
after(async () => {
  await app.close();
});

describe('baocao serve', () => {
  it('answers /healthz and /readyz once the model is loaded', async () => {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().model, 'loaded');
  });

  it('converts the sample posted as the body into schema-valid JSON', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/convert?name=bao-cao.txt', payload: sample, headers: { 'content-type': 'text/plain' } });
    assert.equal(r.statusCode, 200, r.body);
    const json = r.json();
    assert.ok(validateDocumentResult(json).ok);
    assert.equal(json.source.path, 'bao-cao.txt');
    assert.equal(json.meta.number, '192/BC-UBND');
    assert.match(json.text.restored, /Kết quả/);
  });

  it('converts a Word file posted as the body, and answers 422 for a damaged one', async () => {
    const docx = await readFile(new URL('../../fixtures/word/bao-cao-tcvn3.docx', import.meta.url));
    const r = await app.inject({ method: 'POST', url: '/v1/convert?name=bao-cao.docx', payload: docx, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().source.kind, 'word');
    assert.equal(r.json().signature.name, 'Lê Thị Hoa');
    const cut = await app.inject({ method: 'POST', url: '/v1/convert?name=bao-cao.docx', payload: docx.subarray(0, 1000), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(cut.statusCode, 422);
    assert.equal(cut.json().diagnostics[0].ruleId, 'ingest/word-damaged');
  });

  it('converts an OpenDocument text posted as the body, told by its bytes whatever its name', async () => {
    const odt = await readFile(new URL('../../fixtures/word/bao-cao-odt.odt', import.meta.url));
    const r = await app.inject({ method: 'POST', url: '/v1/convert?name=upload.bin', payload: odt, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().source.kind, 'word');
    assert.equal(r.json().source.encoding, 'odt+tcvn3');
    assert.equal(r.json().signature.name, 'Trần Văn Bình');
  });

  it('refuses a body over the limit with 413, a bad query with 400 and unreadable bytes with 422', async () => {
    const big = await app.inject({ method: 'POST', url: '/v1/convert', payload: Buffer.alloc(65 * 1024, 0x61), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(big.statusCode, 413);
    assert.match(big.json().error, /over the limit/);
    const bad = await app.inject({ method: 'POST', url: '/v1/convert?format=xml', payload: sample, headers: { 'content-type': 'text/plain' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error, /format/);
    const junk = await app.inject({ method: 'POST', url: '/v1/convert?name=x.txt', payload: Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(junk.statusCode, 422);
    assert.equal(junk.json().diagnostics[0].severity, 'error');
  });

  it('publishes the schema, an OpenAPI document and Prometheus metrics', async () => {
    assert.equal((await app.inject({ url: '/v1/schema' })).json().title, 'baocao DocumentResult');
    const api = (await app.inject({ url: '/v1/openapi.json' })).json();
    assert.equal(api.openapi, '3.1.0');
    assert.ok(api.paths['/v1/convert'].post);
    assert.ok(api.components.schemas.DocumentResult.properties.text);
    const metrics = (await app.inject({ url: '/metrics' })).body;
    assert.match(metrics, /baocao_requests_total\{route="\/v1\/convert",status="200"\} \d+/);
    assert.match(metrics, /baocao_in_flight 0/);
  });

  it('answers 50 concurrent requests each with 200 or 503 and Retry-After, never hanging', async () => {
    // Over a real socket, so the 50 bodies arrive while the first conversions run.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${address}/v1/convert?name=a.txt`, { method: 'POST', body: new Uint8Array(sample), headers: { 'content-type': 'text/plain' } })));
    const codes = answers.map((a) => a.status);
    assert.ok(codes.every((c) => c === 200 || c === 503), codes.join(','));
    assert.ok(codes.includes(200));
    assert.ok(codes.includes(503), 'one slot and a queue of 2 cannot take 50 at once');
    for (const a of answers.filter((x) => x.status === 503)) assert.equal(a.headers.get('retry-after'), '5');
    await Promise.all(answers.map((a) => a.arrayBuffer()));
  });

  it('answers 504 when a conversion runs past the time limit, and keeps serving', async () => {
    const hasty = await buildServer({ inFlight: 1, timeoutMs: 1 });
    try {
      const r = await hasty.inject({ method: 'POST', url: '/v1/convert?name=a.txt', payload: sample, headers: { 'content-type': 'text/plain' } });
      assert.equal(r.statusCode, 504);
      assert.match(r.json().error, /longer than/);
      assert.equal((await hasty.inject({ url: '/healthz' })).statusCode, 200);
    } finally {
      await hasty.close();
    }
  });

  it('binds 127.0.0.1 by default and on SIGTERM finishes, then exits 0', async () => {
    const child = startCli(['serve', '--port', '0']);
    let stderr = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        const m = /serving on (http:\/\/[^\s]+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${address}/healthz`);
    assert.equal(health.status, 200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
