import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile, open } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli, type CsvRow } from './run-cli.js';

let dir: string;
let rows: CsvRow[];
let run: { code: number | null; stdout: string; stderr: string };

const byName = (name: string): CsvRow => rows.find((r) => r.path.endsWith(name)) ?? ({ path: '', status: 'missing row', error: '', paragraphs: '' } as CsvRow);

/** A batch of bad inputs next to one good file, converted once; each test checks one input. */
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-bad-'));
  const src = join(dir, 'in');
  await mkdir(join(src, 'nothing-readable'), { recursive: true });
  await writeFile(join(src, 'nothing-readable', 'scan.ods'), 'not ours');
  await writeFile(join(src, 'good.txt'), 'Báo cáo kết quả năm 2023\n');
  await writeFile(join(src, 'empty.txt'), '');
  const junk = Buffer.alloc(64 * 1024);
  for (let i = 0, x = 7; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  await writeFile(join(src, 'junk.txt'), junk);
  // Windows-1252 bytes, invalid as UTF-8, read with --encoding utf-8 forced.
  await writeFile(join(src, 'latin1.txt'), Buffer.from([0x42, 0xe1, 0x6f, 0x20, 0x63, 0xe1, 0x6f, 0x20, 0xe9, 0xe8, 0xff, 0xfe, 0x0a]));
  // 50 MB of text, written in chunks so the test itself stays small in memory.
  const big = await open(join(src, 'big.txt'), 'w');
  const chunk = Buffer.from('Ủy ban nhân dân xã báo cáo kết quả công tác cải cách hành chính.\n'.repeat(16384));
  for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) await big.write(chunk);
  await big.close();
  // A header date that names no real day (a typo or an OCR slip) must not cost the document.
  await writeFile(join(src, 'no-such-day.txt'), ['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ AN BÌNH  Độc lập - Tự do - Hạnh phúc',
    'Số: 12/BC-UBND  An Bình, ngày 31 tháng 4 năm 2023', 'BÁO CÁO', 'Kết quả năm 2023', '', 'I. KẾT QUẢ', 'Nội dung.', ''].join('\n'));
  // A named pipe nobody writes to: opening it would block the batch forever.
  execFileSync('mkfifo', [join(src, 'pipe.txt')]);
  const out = join(dir, 'out');
  run = await runCli(['convert', join(src, 'good.txt'), join(src, 'no-such-day.txt'), join(src, 'pipe.txt'), join(src, 'empty.txt'), join(src, 'junk.txt'), join(src, 'latin1.txt'), join(src, 'big.txt'), join(src, 'missing.txt'), join(src, 'nothing-readable'), '-o', out, '--no-restore', '--encoding', 'utf-8']);
  rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bad inputs in a batch', () => {
  it('converts the good file and exits 1 because some inputs failed', () => {
    assert.equal(run.code, 1);
    assert.equal(byName('good.txt').status, 'ok');
    assert.equal(rows.length, 9);
  });

  it('never crashes: one "baocao: <path>: <reason>" line on stderr per failed input, no stack trace', () => {
    // The default log level (info) also lists documents' warnings, each on a line of its own kind.
    const all = run.stderr.trim().split('\n');
    const lines = all.filter((l) => !l.startsWith('baocao: warning: '));
    assert.equal(lines.length, 7, run.stderr);
    for (const line of lines) assert.match(line, /^baocao: \S+: \S/);
    for (const line of all.filter((l) => !lines.includes(l))) assert.match(line, /^baocao: warning: \S+\.txt:\d+:\d+ segment\/[a-z-]+: /);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('converts a document whose header date names no real day, keeping the date as written with a diagnostic', async () => {
    assert.equal(byName('no-such-day.txt').status, 'ok');
    const json = JSON.parse(await readFile(join(dir, 'out', 'no-such-day.txt.json'), 'utf8')) as { meta: { date: unknown; dateText: string; number: string }; diagnostics: { ruleId: string }[] };
    assert.equal(json.meta.date, null);
    assert.equal(json.meta.dateText, 'ngày 31 tháng 4 năm 2023');
    assert.equal(json.meta.number, '12/BC-UBND');
    assert.ok(json.diagnostics.some((d) => d.ruleId === 'segment/impossible-date'));
  });

  it('refuses a named pipe (FIFO) with an error row instead of blocking the batch', () => {
    assert.equal(byName('pipe.txt').status, 'error');
    assert.match(byName('pipe.txt').error, /named pipe \(FIFO\)/);
    assert.ok(existsSync(join(dir, 'out', 'documents.csv')));
  });

  it('reports an empty file', () => {
    assert.equal(byName('empty.txt').status, 'error');
    assert.match(byName('empty.txt').error, /ingest\/empty/);
  });

  it('reports binary junk as not text', () => {
    assert.equal(byName('junk.txt').status, 'error');
    assert.match(byName('junk.txt').error, /ingest\/(binary|undecodable)|encoding/);
  });

  it('reports bytes that are not valid in the forced encoding', () => {
    assert.equal(byName('latin1.txt').status, 'error');
    assert.match(byName('latin1.txt').error, /decod|utf-8|encoding/i);
  });

  it('refuses a 50 MB text file with the size limit in the message', () => {
    assert.equal(byName('big.txt').status, 'error');
    assert.match(byName('big.txt').error, /too-large: text input is 5\d\.\d MiB, over the/);
  });

  it('reports a missing path', () => {
    assert.match(byName('missing.txt').error, /no such file/);
  });

  it('reports a directory with no readable files', () => {
    assert.equal(byName('nothing-readable').status, 'error');
    assert.match(byName('nothing-readable').error, /no readable input files/);
  });
});
