import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/serve/server.js';
import { learnAdaptation } from '../../src/core/restore/learn-archive.js';
import { bundledModelFingerprint } from '../../src/model/adaptation-file.js';
import { loadModel } from '../../src/model/load.js';

describe('baocao serve --adapt', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'baocao-serve-adapt-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("restores every request with the archive's adaptation", async () => {
    const path = join(dir, 'archive.json');
    const model = loadModel();
    writeFileSync(path, JSON.stringify(learnAdaptation([{ text: 'Ủy ban nhân dân xã Nậm Sỏ.' }], model, { model: bundledModelFingerprint(), documents: 0, corrections: 0, texts: 1 })));
    const app = await buildServer({ inFlight: 1, adapt: path });
    try {
      const r = await app.inject({ method: 'POST', url: '/v1/convert?name=x.txt&format=txt&input=stripped', payload: 'Xa Nam So to chuc hop dan.\n', headers: { 'content-type': 'text/plain' } });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(r.body, /Nậm Sỏ/);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a damaged adaptation', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"format":"baocao-adaptation"');
    await assert.rejects(buildServer({ adapt: path }), /not JSON/);
  });
});
