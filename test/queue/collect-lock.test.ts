/**
 * `queue collect` writes documents.csv and the batch tables as `convert` does at its end: it takes
 * the output folder's lock for that, so it never interleaves with a convert run (or another collect)
 * in the same folder. Workers take no lock: many of them write one folder by design.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lockPath } from '../../src/batch/output-lock.js';
import { runCli } from '../cli/run-cli.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';

let redis: { url: string; stop: () => Promise<void> } | undefined;
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-collect-lock-'));
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('queue collect and the output folder lock', { skip: REDIS_MISSING ?? false }, () => {
  it('is refused while a convert run holds the folder, and holds the lock only while it writes', async () => {
    const out = join(dir, 'out');
    const sleeper = spawn('sleep', ['30']);
    try {
      mkdirSync(join(out, '.baocao'), { recursive: true });
      writeFileSync(lockPath(out), JSON.stringify({ pid: sleeper.pid, host: hostname(), started: '2026-01-02T03:04:05.000Z', command: 'baocao convert', token: 'x' }));
      const refused = await runCli(['queue', 'collect', '-o', out, '--redis', redis!.url]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, new RegExp(`^baocao: output folder '.*out' is in use by another baocao run \\(baocao convert, pid ${sleeper.pid} on `));
      assert.equal(existsSync(join(out, 'documents.csv')), false);
    } finally {
      sleeper.kill();
      await new Promise((r) => (sleeper.exitCode === null && sleeper.signalCode === null ? sleeper.once('exit', r) : r(null)));
    }
    // The holder is gone: its lock is taken over, and released after the tables are written.
    const collected = await runCli(['queue', 'collect', '-o', out, '--redis', redis!.url]);
    assert.equal(collected.code, 0, collected.stderr);
    assert.match(collected.stderr, /lock was left by a run that is gone .*: taken over/);
    assert.match(collected.stdout, /^0 rows in /);
    assert.equal(existsSync(lockPath(out)), false);
  });
});
