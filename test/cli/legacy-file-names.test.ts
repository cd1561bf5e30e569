/**
 * File names that are not UTF-8: an archive copied from an old Windows or DOS disk keeps names in
 * windows-1258 ("b\xE1o c\xE1o.txt"). Node's string paths cannot name such a file (the bytes
 * become U+FFFD), so the batch must open it by its bytes and still give it a readable output name.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveInputs } from '../../src/batch/inputs.js';
import { parseCsv, runCli, type CliRun, type CsvRow } from './run-cli.js';

const TEXT = 'BÁO CÁO\nKết quả công tác năm 2023\n\nI. KẾT QUẢ\nNội dung của báo cáo.\n';
let dir = '';
let run: CliRun;
let resumed: CliRun;
let rows: CsvRow[];

/** A path under `dir` whose last parts are raw bytes. */
const raw = (...parts: (string | number[])[]) => Buffer.concat([Buffer.from(dir), ...parts.flatMap((p) => [Buffer.from('/'), typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)])]);
// "báo cáo.txt" and a folder "hồ sơ" ("h\xF4 s\xF5" in windows-1258).
const BAO_CAO = [0x62, 0xe1, 0x6f, 0x20, 0x63, 0xe1, 0x6f, 0x2e, 0x74, 0x78, 0x74];
const FOLDER = [0x68, 0xf4, 0x20, 0x73, 0xf5];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-legacy-names-'));
  await mkdir(join(dir, 'in'));
  await writeFile(raw('in', BAO_CAO), TEXT);
  await mkdir(raw('in', FOLDER));
  await writeFile(raw('in', FOLDER, 'inner.txt'), TEXT.replace('2023', '2024'));
  await writeFile(join(dir, 'in', 'ok.txt'), TEXT);
  run = await runCli(['convert', join(dir, 'in'), '-o', join(dir, 'out'), '--no-restore', '--jobs', '2']);
  rows = parseCsv(await readFile(join(dir, 'out', 'documents.csv'), 'utf8'));
  resumed = await runCli(['convert', join(dir, 'in'), '-o', join(dir, 'out'), '--no-restore', '--resume']);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('file names that are not UTF-8', () => {
  it('converts a file and a folder named in windows-1258, reading them by their bytes', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(rows.map((r) => [r.status, r.path.slice(r.path.indexOf('in/') + 3)]), [
      ['ok', 'báo cáo.txt'],
      ['ok', 'hô sơ/inner.txt'],
      ['ok', 'ok.txt'],
    ]);
  });

  it('names the outputs by the windows-1258 reading of the name', async () => {
    assert.ok(existsSync(join(dir, 'out', 'báo cáo.txt.json')));
    const json = JSON.parse(await readFile(join(dir, 'out', 'hô sơ', 'inner.txt.json'), 'utf8'));
    assert.match(json.text.original, /năm 2024/);
  });

  it('skips them on --resume like any other file', () => {
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout + resumed.stderr, /3 skipped/);
  });

  it('keeps two names apart when the windows-1258 reading equals a UTF-8 name beside it', async () => {
    const both = join(dir, 'both');
    await mkdir(both);
    await writeFile(join(both, 'báo cáo.txt'), TEXT);
    await writeFile(Buffer.concat([Buffer.from(both + '/'), Buffer.from(BAO_CAO)]), TEXT);
    const r = await resolveInputs([both]);
    assert.equal(r.files.length, 2);
    assert.equal(new Set(r.files.map((f) => f.rel)).size, 2, r.files.map((f) => f.rel).join(' | '));
    assert.ok(r.files.some((f) => f.rel === 'báo cáo.txt' && !f.raw));
  });
});
