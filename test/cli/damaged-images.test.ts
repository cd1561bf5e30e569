import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, ROOT, runCli, type CliRun, type CsvRow } from './run-cli.js';

let dir = '';
let run: CliRun;
let rows: CsvRow[];
const row = (name: string) => rows.find((r) => r.path.endsWith(name))!;

/** Scans cut in half, as a copy interrupted or a download broken off leaves them, beside a whole one. */
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-damaged-'));
  const src = join(dir, 'in');
  await mkdir(src);
  for (const name of ['line.png', 'page2.jpg']) {
    const whole = await readFile(join(ROOT, 'fixtures', 'scans', name));
    await writeFile(join(src, `half-${name}`), whole.subarray(0, whole.length >> 1));
  }
  await writeFile(join(src, 'line.png'), await readFile(join(ROOT, 'fixtures', 'scans', 'line.png')));
  // A two-page TIFF cut at 97 %: its first page is whole, its second page's directory is gone.
  const tiff = await readFile(join(ROOT, 'fixtures', 'scans', 'pages-2p.tif'));
  await writeFile(join(src, 'cut-pages.tif'), tiff.subarray(0, Math.floor(tiff.length * 0.97)));
  run = await runCli(['convert', src, '-o', join(dir, 'out'), '--no-restore', '--jobs', '1']);
  rows = parseCsv(await readFile(join(dir, 'out', 'documents.csv'), 'utf8'));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('truncated images', () => {
  it('come out as errors, not partial documents of empty pages, with the decoder’s reason', () => {
    for (const name of ['half-line.png', 'half-page2.jpg']) {
      assert.equal(row(name).status, 'error', name);
      assert.match(row(name).error, /^ingest\/image-corrupt: the image cannot be decoded \(a truncated or damaged file\)/);
    }
    assert.match(row('half-line.png').error, /libpng error/);
    assert.match(row('half-page2.jpg').error, /pixReadStreamJpeg/);
    assert.equal(row('/line.png').status, 'ok');
    assert.equal(row('cut-pages.tif').status, 'error');
    assert.match(row('cut-pages.tif').error, /^ingest\/image-corrupt: truncated TIFF: the file is cut short: the directory of page 2 starts at byte/);
    assert.equal(run.code, 1);
  });

  it('leave no native library line on stderr that does not name its file', () => {
    // Warnings of the readable image (the default info level lists them) name their file too.
    const all = run.stderr.trim().split('\n');
    const lines = all.filter((l) => !/^baocao: warning: \S+line\.png:\d+:\d+ /.test(l));
    assert.equal(lines.length, 3, run.stderr);
    for (const line of lines) assert.match(line, /^baocao: \S+(half-line\.png|half-page2\.jpg|cut-pages\.tif): ingest\/image-corrupt: /);
  });
});
