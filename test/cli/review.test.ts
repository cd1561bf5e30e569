import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { convertedSample, NAME } from '../review/converted-folder.js';
import { runCli, startCli } from './run-cli.js';

describe('baocao review (command line)', () => {
  it('refuses a folder baocao did not write, with exit code 2', async () => {
    const run = await runCli(['review', 'fixtures']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no converted documents/);
  });

  it('serves a converted folder on the loopback address, answers only loopback Host names, and stops on SIGTERM', { timeout: 120_000 }, async () => {
    const sample = await convertedSample(['json']);
    const child = startCli(['review', sample.out, '--port', '0']);
    try {
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      while (!/on (http:\/\/127\.0\.0\.1:\d+)/.test(stderr)) await once(child.stderr!, 'data');
      const base = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
      const list = (await (await fetch(`${base}/api/documents`)).json()) as { name: string }[];
      assert.deepEqual(list.map((d) => d.name), [NAME]);
      const page = await (await fetch(`${base}/`)).text();
      assert.match(page, /<script type="module" src="\/assets\/app.js">/);
      const { request } = await import('node:http');
      const status = await new Promise<number>((done, fail) => {
        const req = request(`${base}/api/documents`, { headers: { host: 'rebound.example:80' } }, (res) => done(res.statusCode ?? 0));
        req.on('error', fail);
        req.end();
      });
      assert.equal(status, 403);
      child.kill('SIGTERM');
      const [code] = await once(child, 'close');
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await sample.remove();
    }
  });
});
