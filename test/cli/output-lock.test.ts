/**
 * Two runs into one output folder at once would sweep each other's temporaries and interleave
 * documents.csv and the batch tables: the second is refused (exit 2, naming the first), the lock
 * goes when a run ends however it ends, and a lock left by a killed run is taken over.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lockPath } from '../../src/batch/output-lock.js';
import { runCli, startCli } from './run-cli.js';

let dir = '';
let inputs = '';
const lockOf = (out: string, pid: number, host = hostname()) => {
  mkdirSync(join(out, '.baocao'), { recursive: true });
  writeFileSync(lockPath(out), JSON.stringify({ pid, host, started: '2026-01-02T03:04:05.000Z', command: 'baocao convert', token: 'x' }) + '\n');
};
const exited = (child: ReturnType<typeof startCli>) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
const printed = (child: ReturnType<typeof startCli>, pattern: RegExp) =>
  new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d) => {
      text += d;
      if (pattern.test(text)) resolve();
    });
    child.on('exit', () => reject(new Error(`exited before ${pattern}: ${text}`)));
  });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-cli-lock-'));
  inputs = join(dir, 'in');
  await mkdir(inputs);
  for (let i = 0; i < 40; i++) await writeFile(join(inputs, `bc-${String(i).padStart(2, '0')}.txt`), `UY BAN NHAN DAN XA AN BINH\nBAO CAO\nKet qua cong tac tuyen truyen nam 2023 so ${i}\nI. KET QUA\nDa to chuc ${i} hoi nghi tuyen truyen phap luat cho nhan dan trong xa.\n`);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('convert locks its output folder', () => {
  it('refuses a second run into the folder while the first runs, and lets the first finish', { timeout: 120_000 }, async () => {
    const out = join(dir, 'busy');
    const first = startCli(['convert', inputs, '-o', out, '--jobs', '1']);
    const firstEnd = exited(first);
    await printed(first, /^converting 40 files$/m);
    const second = await runCli(['convert', inputs, '-o', out, '--resume', '--no-restore']);
    assert.equal(second.code, 2);
    assert.match(second.stderr, new RegExp(`^baocao: output folder '.*busy' is in use by another baocao run \\(baocao convert, pid ${first.pid} on ${hostname()}, since \\d{4}-[^)]*\\): wait for it to end or give another -o; if that process is not baocao, remove '.*lock'\\n$`));
    assert.equal(second.stdout, '');
    assert.equal((await firstEnd).code, 0);
    assert.equal(existsSync(lockPath(out)), false, 'released at the end');
  });

  it('is released when the run is stopped with SIGINT, so --resume starts without a notice', { timeout: 120_000 }, async () => {
    const out = join(dir, 'interrupted');
    const run = startCli(['convert', inputs, '-o', out, '--jobs', '1']);
    const end = exited(run);
    await printed(run, /^converted /m);
    assert.equal(existsSync(lockPath(out)), true, 'held while converting');
    run.kill('SIGINT');
    assert.equal((await end).signal, 'SIGINT', 'ends as a SIGINT ends');
    assert.equal(existsSync(lockPath(out)), false);
    const resumed = await runCli(['convert', inputs, '-o', out, '--resume', '--no-restore']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.doesNotMatch(resumed.stderr, /lock was left by a run/);
  });

  it('takes over the lock of a run that is gone, with a notice, and releases it after a failed run too', async () => {
    const out = join(dir, 'stale');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    lockOf(out, dead);
    const run = await runCli(['convert', join(inputs, 'bc-00.txt'), join(dir, 'missing.txt'), '-o', out, '--no-restore']);
    assert.equal(run.code, 1, 'missing.txt failed');
    assert.match(run.stderr, new RegExp(`^baocao: the output folder's lock was left by a run that is gone \\(baocao convert, pid ${dead} on ${hostname()}, since 2026-01-02T03:04:05.000Z\\): taken over$`, 'm'));
    assert.match(run.stdout, /^1 converted, 1 failed/m);
    assert.equal(existsSync(lockPath(out)), false);
  });

  it('refuses a folder locked by a live process, writing nothing', async () => {
    const out = join(dir, 'held');
    const sleeper = spawn('sleep', ['30']);
    try {
      lockOf(out, sleeper.pid!);
      const run = await runCli(['convert', inputs, '-o', out, '--no-restore']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, new RegExp(`^baocao: output folder '.*held' is in use by another baocao run \\(baocao convert, pid ${sleeper.pid} `));
      assert.equal(existsSync(join(out, 'documents.csv')), false);
      assert.equal(existsSync(join(out, 'bc-00.txt.json')), false);
    } finally {
      sleeper.kill();
    }
  });
});
