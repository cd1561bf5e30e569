import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startModuleWorker } from '../../src/ingest/module-worker.js';

const says = (word: string) => `import { parentPort } from 'node:worker_threads'; parentPort.postMessage(${JSON.stringify(word)});`;

async function firstMessage(callerDir: string): Promise<unknown> {
  const worker = startModuleWorker(pathToFileURL(join(callerDir, 'caller.js')).href, 'job');
  try {
    return await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  } finally {
    await worker.terminate();
  }
}

describe('startModuleWorker from a build', () => {
  it('starts the bundle the build made beside the module, and the module itself when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baocao-module-worker-'));
    try {
      const withBundle = join(dir, 'a'), without = join(dir, 'b');
      mkdirSync(join(withBundle, 'job-bundle'), { recursive: true });
      mkdirSync(without);
      writeFileSync(join(withBundle, 'job.js'), says('module'));
      writeFileSync(join(withBundle, 'job-bundle', 'job.js'), says('bundle'));
      writeFileSync(join(without, 'job.js'), says('module'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      assert.equal(await firstMessage(withBundle), 'bundle');
      assert.equal(await firstMessage(without), 'module');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
