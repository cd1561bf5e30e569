import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli } from '../cli/run-cli.js';
import { holdsRecords } from '../../src/batch/orphans.js';
import { appendRecord, closeLogs } from '../../src/batch/state-log.js';

const TEXT = (n: number) => `ỦY BAN NHÂN DÂN XÃ\n\nSố: ${n}/BC-UBND\n\nBÁO CÁO\nKết quả công tác\n\nỦy ban nhân dân xã báo cáo kết quả.\n`;
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-orphans-'));
  await mkdir(join(dir, 'in'));
  await mkdir(join(dir, 'other'));
  for (const n of [1, 2, 3]) await writeFile(join(dir, 'in', `${n}.txt`), TEXT(n));
  await writeFile(join(dir, 'other', 'kept.txt'), TEXT(4));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('outputs whose input was deleted', () => {
  it('are kept and named at the end of the next run, not confused with another folder converted into the same output', async () => {
    const first = await runCli(['convert', 'in', '-o', 'out', '--jobs', '1'], dir);
    assert.equal(first.code, 0, first.stderr);
    const other = await runCli(['convert', 'other/kept.txt', '-o', 'out', '--jobs', '1'], dir);
    assert.equal(other.code, 0, other.stderr);
    await rm(join(dir, 'in', '2.txt'));
    const again = await runCli(['convert', 'in', '-o', 'out', '--jobs', '1', '--resume'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /1 document in 'out' whose input is gone[^\n]*: 2\.txt\.json \(was .*in\/2\.txt\)/);
    assert.doesNotMatch(again.stderr, /kept\.txt/, 'an input of another run that still exists is not an orphan');
    assert.ok(existsSync(join(dir, 'out', '2.txt.json')), 'nothing is deleted');
    const rows = parseCsv(await readFile(join(dir, 'out', 'documents.csv'), 'utf8'));
    assert.deepEqual(rows.map((r) => r.path).sort(), ['in/1.txt', 'in/3.txt']);
  });
});

describe('whether a folder holds records before a batch', () => {
  it('is no for a new or empty folder, yes once a log or the layout of earlier versions is there', async () => {
    const out = join(dir, 'records');
    assert.equal(holdsRecords(out), false, 'no folder yet');
    await mkdir(join(out, '.baocao', 'tmp'), { recursive: true });
    assert.equal(holdsRecords(out), false);
    appendRecord(out, { name: 'a.txt', manifest: { version: 2, sha256: 's', settings: '[]', input: 'a.txt', files: [], row: { path: 'a.txt' } as never }, rowsText: '' });
    closeLogs(out);
    assert.equal(holdsRecords(out), true);
    const old = join(dir, 'old-layout');
    await mkdir(join(old, '.baocao', 'done'), { recursive: true });
    assert.equal(holdsRecords(old), true);
  });
});
