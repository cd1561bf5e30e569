import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer, ConvertQuery } from '../../src/serve/server.js';
import { NOISE_STOP_PAGES } from '../../src/ingest/noise-stop.js';
import { noiseTiff } from '../ingest/noise-tiff.js';

let app: FastifyInstance;
before(async () => {
  app = await buildServer({ inFlight: 1, queue: 1 });
});
after(async () => {
  await app.close();
});

describe('baocao serve: the query of /v1/convert', () => {
  it('answers 400 naming an option it does not have, instead of converting without it', async () => {
    // encoding= and pages= are convert's CLI options; the service ignored them and decoded as UTF-8.
    for (const q of ['encoding=tcvn3', 'pages=1-2', 'fromat=txt']) {
      const r = await app.inject({ method: 'POST', url: `/v1/convert?name=a.txt&${q}`, payload: 'Báo cáo', headers: { 'content-type': 'text/plain' } });
      assert.equal(r.statusCode, 400, q);
      assert.match(r.json().error, new RegExp(`${q.split('=')[0]}.*name, input, restore, segment, format, ocr`), q);
    }
  });

  it('answers 400 saying an option was given twice, not that its value is invalid', async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/convert?name=a.txt&format=txt&format=json', payload: 'Báo cáo', headers: { 'content-type': 'text/plain' } });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error, 'format: given 2 times (txt, json); give it once');
  });

  it('reads every page of a scan of noise with noiseStop=false, where it stops after the first pages by default', async () => {
    const payload = Buffer.from(noiseTiff(NOISE_STOP_PAGES + 3, 48, 48));
    const rules = async (query: string) => {
      const r = await app.inject({ method: 'POST', url: `/v1/convert?name=noise.tif${query}`, payload, headers: { 'content-type': 'image/tiff' } });
      return (r.json().diagnostics as { ruleId: string }[]).map((d) => d.ruleId);
    };
    assert.ok((await rules('')).includes('ocr/noise-stopped'));
    assert.ok(!(await rules('&noiseStop=false')).includes('ocr/noise-stopped'));
  });

  it('describes every option it takes, and every status it answers, in its OpenAPI document', async () => {
    const api = (await app.inject({ url: '/v1/openapi.json' })).json();
    const post = api.paths['/v1/convert'].post;
    assert.deepEqual(post.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name).sort(), Object.keys(ConvertQuery.shape).sort());
    for (const status of ['200', '400', '405', '408', '413', '415', '422', '503', '504']) assert.ok(post.responses[status], status);
  });
});
