/**
 * A hostile PDF (a valid catalog over a bogus cross-reference table, which pdf.js rebuilds by
 * tokenising the whole file) is read off the event loop within its time limit: the service keeps
 * answering meanwhile, and the PDF's request gets its own error.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/server.js';
import { hostilePdf } from '../ingest/hostile-pdf.js';

let app: FastifyInstance;
before(async () => {
  // 2 s for a PDF's reading (the PDF thread's start is not counted); the request's own limit is
  // generous, so a cold text worker on a loaded machine is not what the test measures.
  app = await buildServer({ inFlight: 2, timeoutMs: 600_000, pdfTimeoutMs: 2_000 });
});
after(async () => {
  await app.close();
});

describe('baocao serve with a PDF that takes pdf.js minutes', () => {
  it('answers other requests while the PDF is read, and the PDF request gets 422 ingest/pdf-timeout', async () => {
    let pdfDone = false;
    const pdf = app.inject({ method: 'POST', url: '/v1/convert?name=hostile.pdf', payload: Buffer.from(hostilePdf('bogus-xref')), headers: { 'content-type': 'application/pdf' } })
      .finally(() => { pdfDone = true; });
    // Read on this thread, the PDF held the event loop for its whole reading (70-145 s here), so
    // nothing else was answered until it was done.
    await new Promise((r) => setTimeout(r, 300));
    const health = await app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.equal(pdfDone, false, 'the health check waited for the PDF');
    const sample = await readFile(new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url));
    const text = await app.inject({ method: 'POST', url: '/v1/convert?name=bao-cao.txt&restore=false&format=txt', payload: sample, headers: { 'content-type': 'text/plain' } });
    assert.equal(text.statusCode, 200, text.body);
    const r = await pdf;
    assert.equal(r.statusCode, 422, r.body);
    const errors = r.json().diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    assert.deepEqual(errors.map((d: { ruleId: string }) => d.ruleId), ['ingest/pdf-timeout']);
    assert.match(errors[0].message, /longer than its 2 s time limit/);
  });
});
