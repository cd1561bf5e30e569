/**
 * Inputs refused while the inputs are listed (a missing file, a FIFO, a broken link) get error rows
 * in documents.csv like any failed file: the first line and the summary must count them the same
 * way, so "converting N" and the summary's total agree, and both say how many were refused.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli, type CliRun } from './run-cli.js';

let dir = '';
let run: CliRun;
let json: CliRun;
const NOTE = 'Ghi chu ve viec kiem tra kho luu tru.\nSo lieu se gui sau.\n';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-refused-'));
  const inputs = join(dir, 'in');
  await mkdir(inputs);
  await writeFile(join(inputs, 'a.txt'), NOTE);
  await writeFile(join(inputs, 'b.txt'), NOTE.replace('kho', 'phong'));
  await writeFile(join(inputs, 'empty.txt'), ''); // listed, then fails converting
  await symlink(join(dir, 'nowhere.txt'), join(inputs, 'broken.txt')); // refused while listing
  execFileSync('mkfifo', [join(inputs, 'pipe.txt')]); // refused while listing
  const gone = join(dir, 'gone.txt'); // named but absent: refused while listing
  run = await runCli(['convert', inputs, gone, '-o', join(dir, 'out'), '--no-restore', '--jobs', '1']);
  json = await runCli(['convert', inputs, gone, '-o', join(dir, 'out-json'), '--no-restore', '--jobs', '1', '--log-json']);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('inputs refused while listing', () => {
  it('are named in the first line beside the files to convert', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout.split('\n')[0], 'converting 3 files; 3 inputs refused (see the errors)');
  });

  it('are counted in the summary, whose total agrees with the first line and documents.csv', async () => {
    const summary = run.stdout.trim().split('\n').at(-1)!;
    assert.match(summary, /^2 converted, 4 failed \(3 of them refused while listing\); summary in /);
    const rows = parseCsv(await readFile(join(dir, 'out', 'documents.csv'), 'utf8'));
    assert.equal(rows.length, 2 + 4);
    assert.equal(rows.filter((r) => r.status === 'error').length, 4);
  });

  it('are counted in the JSON log’s start and summary events', () => {
    const events = json.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const start = events.find((e) => e.event === 'start')!;
    const summary = events.find((e) => e.event === 'summary')!;
    assert.deepEqual([start.files, start.refused], [3, 3]);
    assert.deepEqual([summary.converted, summary.failed, summary.refused], [2, 4, 3]);
  });

  it('leave the first line as it was when nothing is refused', async () => {
    const clean = join(dir, 'clean');
    await mkdir(clean);
    await writeFile(join(clean, 'a.txt'), NOTE);
    const r = await runCli(['convert', clean, '-o', join(dir, 'out-clean'), '--no-restore']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], 'converting 1 file');
    assert.match(r.stdout, /^1 converted; summary in /m);
  });
});
