import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseCsv, runCli } from './run-cli.js';

/** A real small drive: a 512 KiB tmpfs, which needs root and a system that lets tests mount. */
const dir = mkdtempSync(join(tmpdir(), 'baocao-full-'));
const drive = join(dir, 'drive');
mkdirSync(drive);
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', drive], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = mounted ? false : 'cannot mount a small tmpfs here (needs root and mount permission)';
after(async () => {
  if (mounted) execFileSync('umount', [drive]);
  await rm(dir, { recursive: true, force: true });
});

const report = (paragraphs: number) => `BÁO CÁO\n\n${'Ủy ban nhân dân xã đã triển khai kế hoạch cải cách hành chính năm 2023.\n\n'.repeat(paragraphs)}`;

describe('an output drive that fills up or is read-only', () => {
  it('gives each file that does not fit a write/ENOSPC row, keeps the ones that fit, and leaves no temporary or half set', { skip }, async () => {
    const src = join(dir, 'in');
    await mkdir(src);
    for (let i = 0; i < 3; i++) await writeFile(join(src, `a-small-${i}.txt`), report(2));
    for (let i = 0; i < 3; i++) await writeFile(join(src, `b-large-${i}.txt`), report(600));
    const out = join(drive, 'out');
    const run = await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '1']);
    assert.equal(run.code, 1);
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows.length, 6);
    for (const r of rows.filter((r) => r.path.includes('a-small'))) assert.equal(r.status, 'ok', r.error);
    const full = rows.filter((r) => r.status === 'error');
    assert.ok(full.length >= 1, 'at least one large file does not fit');
    for (const r of full) assert.match(r.error, /^write\/ENOSPC: no space left on the output drive \(writing '.+'\): free some space, then run again with --resume$/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.deepEqual(await readdir(join(out, '.baocao', 'tmp')), []);
    const written = await readdir(out);
    for (const r of full) {
      const name = r.path.split('/').pop()!;
      assert.deepEqual(written.filter((f) => f.startsWith(name)), [], `no output of ${name} is left`);
    }
  });

  it('removes the batch tables and workbook it could not finish when the drive is full, and says so with what to do', { skip }, async () => {
    const src = join(dir, 'tables-in');
    await mkdir(src);
    await writeFile(join(src, 'a.txt'), report(40));
    const out = join(drive, 'tables-out');
    assert.equal((await runCli(['convert', src, '-o', out, '--no-restore', '--format', 'json'])).code, 0);
    // Leave about 12 KiB: documents.csv fits, the tables and the workbook do not.
    const avail = Number(execFileSync('df', ['-k', '--output=avail', drive], { encoding: 'utf8' }).trim().split('\n').pop());
    await writeFile(join(drive, 'filler'), Buffer.alloc(Math.max(0, avail - 12) * 1024));
    try {
      const run = await runCli(['convert', src, '-o', out, '--no-restore', '--resume', '--format', 'json,csv,xlsx']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /batch tables not written: no space left on the output drive \(ENOSPC\): free some space, then run again with --resume/);
      assert.deepEqual(await readdir(join(out, '.baocao', 'tmp')), [], 'no temporary keeps the space');
    } finally {
      await rm(join(drive, 'filler'), { force: true });
    }
  });

  it('says in one line that the output folder cannot be used on a read-only drive, and exits 2', { skip }, async () => {
    execFileSync('mount', ['-o', 'remount,ro', drive]);
    await writeFile(join(dir, 'one.txt'), report(1));
    const fresh = await runCli(['convert', join(dir, 'one.txt'), '-o', join(drive, 'new'), '--no-restore']);
    assert.equal(fresh.code, 2);
    assert.match(fresh.stderr, /^baocao: output folder '.*new' cannot be made: the output drive is read-only \(EROFS\): choose a writable output folder with -o\n$/);
    const existing = await runCli(['convert', join(dir, 'one.txt'), '-o', join(drive, 'out'), '--no-restore']);
    assert.equal(existing.code, 2);
    assert.match(existing.stderr, /^baocao: cannot use the output folder '.*out': the output drive is read-only \(EROFS\): choose a writable output folder with -o\n$/);
  });
});
