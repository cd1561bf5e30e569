/** Queue workers' files in an output folder: which count as live writers, and convert's lock refusing them. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BatchSetupError } from '../../src/batch/output-dir.js';
import { lockOutputDir, lockPath } from '../../src/batch/output-lock.js';
import { enterFolder, liveWriters } from '../../src/batch/queue-writers.js';

let dir = '';
let n = 0;
const folder = () => join(dir, `out-${n++}`);
const writersDir = (out: string) => join(out, '.baocao', 'writers');
const writeWriter = (out: string, name: string, pid: number, host: string, ageMs = 0) => {
  mkdirSync(writersDir(out), { recursive: true });
  const file = join(writersDir(out), name);
  writeFileSync(file, JSON.stringify({ pid, host, started: '2026-01-02T03:04:05.000Z' }));
  const t = new Date(Date.now() - ageMs);
  utimesSync(file, t, t);
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-writers-'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('queue writers of an output folder', () => {
  it('counts a live pid of this host and a fresh file of another host; removes a dead pid’s file; ignores an old file of another host', () => {
    const out = folder();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeWriter(out, 'dead.json', dead, hostname());
    writeWriter(out, 'parent.json', process.ppid, hostname());
    writeWriter(out, 'far-fresh.json', 7, 'other-machine');
    writeWriter(out, 'far-old.json', 8, 'other-machine', 10 * 60_000);
    const live = liveWriters(out).map((w) => `${w.pid}@${w.host}`).sort();
    assert.deepEqual(live, [`${process.ppid}@${hostname()}`, '7@other-machine'].sort());
    assert.equal(existsSync(join(writersDir(out), 'dead.json')), false);
  });

  it('keeps one file per process while it has jobs in the folder, removed with the last', () => {
    const out = folder();
    const a = enterFolder(out);
    const b = enterFolder(out);
    assert.equal(readdirSync(writersDir(out)).length, 1);
    a();
    a(); // a second call of the same ending changes nothing
    assert.equal(readdirSync(writersDir(out)).length, 1);
    b();
    assert.deepEqual(readdirSync(writersDir(out)), []);
  });

  it("refuses convert's lock while a worker writes, naming it, and leaves no lock behind", () => {
    const out = folder();
    writeWriter(out, 'w.json', process.ppid, hostname());
    assert.throws(() => lockOutputDir(out, { command: 'baocao convert', refuseQueueWriters: true }), (e: unknown) => {
      assert.ok(e instanceof BatchSetupError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, new RegExp(`^output folder '.*' is being written by 1 queue worker \\(baocao worker, pid ${process.ppid} on ${hostname()}\\): wait for their jobs to end`));
      return true;
    });
    assert.equal(existsSync(lockPath(out)), false);
    // queue collect is made to run beside workers.
    lockOutputDir(out, { command: 'baocao queue collect' }).release();
  });
});
