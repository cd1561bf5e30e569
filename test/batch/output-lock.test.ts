import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BatchSetupError } from '../../src/batch/output-dir.js';
import { lockOutputDir, lockPath, type LockHolder } from '../../src/batch/output-lock.js';

let dir = '';
let n = 0;
const folder = () => join(dir, `out-${n++}`);
/** A pid that was alive a moment ago and is gone now, on this host. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const holder = (fields: Partial<LockHolder>): LockHolder => ({ pid: process.pid, host: hostname(), started: '2026-01-02T03:04:05.000Z', command: 'baocao convert', token: 't', ...fields });
const writeLock = (out: string, h: LockHolder) => {
  mkdirSync(join(out, '.baocao'), { recursive: true });
  writeFileSync(lockPath(out), JSON.stringify(h) + '\n');
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-lock-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the output folder lock', () => {
  it('holds the pid, host, start time and command while held, and is gone once released', () => {
    const out = folder();
    const lock = lockOutputDir(out, { command: 'baocao convert' });
    const h = JSON.parse(readFileSync(lockPath(out), 'utf8')) as LockHolder;
    assert.deepEqual([h.pid, h.host, h.command], [process.pid, hostname(), 'baocao convert']);
    assert.ok(Math.abs(Date.parse(h.started) - Date.now()) < 60_000);
    lock.release();
    assert.equal(existsSync(lockPath(out)), false);
    assert.deepEqual(readdirSync(join(out, '.baocao')), [], 'no temporary of the lock left');
  });

  it('refuses a second holder with exit 2 and a sentence naming the first', () => {
    const out = folder();
    const lock = lockOutputDir(out, { command: 'baocao convert' });
    try {
      assert.throws(() => lockOutputDir(out, { command: 'baocao queue collect' }), (e: unknown) => {
        assert.ok(e instanceof BatchSetupError);
        assert.equal(e.exitCode, 2);
        assert.match(e.message, new RegExp(`^output folder '.*' is in use by another baocao run \\(baocao convert, pid ${process.pid} on ${hostname()}, since \\d{4}-`));
        return true;
      });
      assert.equal(existsSync(lockPath(out)), true, 'the refusal leaves the holder its lock');
    } finally {
      lock.release();
    }
  });

  it('takes over a lock whose pid is gone on this host, with a notice naming it', () => {
    const out = folder();
    const pid = deadPid();
    writeLock(out, holder({ pid, token: 'old' }));
    const notices: string[] = [];
    const lock = lockOutputDir(out, { command: 'baocao convert', notice: (m) => notices.push(m) });
    try {
      assert.equal((JSON.parse(readFileSync(lockPath(out), 'utf8')) as LockHolder).pid, process.pid);
      assert.equal(notices.length, 1);
      assert.match(notices[0]!, new RegExp(`left by a run that is gone \\(baocao convert, pid ${pid} on `));
    } finally {
      lock.release();
    }
  });

  it('never judges a lock of another host: refused, saying how to remove it', () => {
    const out = folder();
    writeLock(out, holder({ pid: deadPid(), host: 'other-machine' }));
    assert.throws(() => lockOutputDir(out, { command: 'baocao convert' }), /in use by another baocao run \(baocao convert, pid \d+ on other-machine, .*cannot be checked from here\), remove '.*lock'/);
  });

  it('refuses a lock whose pid lives, even when that process is not baocao', async () => {
    const out = folder();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeLock(out, holder({ pid: sleeper.pid! }));
      assert.throws(() => lockOutputDir(out, { command: 'baocao convert' }), /in use by another baocao run .*if that process is not baocao, remove/);
    } finally {
      sleeper.kill();
    }
  });

  it('does not remove on release a lock another run holds now (the first was removed by hand)', () => {
    const out = folder();
    const lock = lockOutputDir(out, { command: 'baocao convert' });
    writeLock(out, holder({ token: 'someone else' }));
    lock.release();
    assert.equal(existsSync(lockPath(out)), true);
  });
});

describe('the output folder lock under contention', () => {
  it('is held by one run at a time when many take over the same stale lock at once', async () => {
    const { spawn: spawnChild } = await import('node:child_process');
    const contender = new URL('./lock-contender.ts', import.meta.url).pathname;
    const folders = Array.from({ length: 3 }, () => folder());
    for (const out of folders) writeLock(out, holder({ pid: deadPid(), token: 'stale' }));
    const at = Date.now() + 8000;
    const runs = folders.flatMap((out) => Array.from({ length: 8 }, () => new Promise<{ out: string; text: string }>((resolve) => {
      const c = spawnChild(process.execPath, ['--import', 'tsx', contender, out, String(at), '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      c.stdout.on('data', (d) => (text += d));
      c.on('close', () => resolve({ out, text }));
    })));
    const results = await Promise.all(runs);
    for (const out of folders) {
      const held = results.filter((r) => r.out === out && r.text.startsWith('held')).map((r) => r.text.split(' ').slice(1).map(Number) as [number, number]).sort((a, b) => a[0] - b[0]);
      assert.ok(held.length >= 1, `nobody took over the stale lock of ${out}`);
      for (let i = 1; i < held.length; i++) assert.ok(held[i]![0] >= held[i - 1]![1], `two runs held ${out} at once: ${JSON.stringify(held)}`);
      assert.equal(existsSync(lockPath(out)), false);
    }
  });
});
