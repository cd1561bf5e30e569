/**
 * The CSV batch tables written while the batch converts (tables-feed.ts) must be the bytes the
 * tables rebuilt from the log after the batch are (writeBatchOutputs, what --resume, review and
 * queue collect write): in input order across two workers, a scan reported after every text file
 * behind it, refused inputs counted in the archive ordinals, and a resumed run whose skipped
 * documents' rows come from the log.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBatch, type BatchSummary } from '../../src/batch/run.js';
import { writeBatchOutputs } from '../../src/batch/batch-outputs.js';
import type { BatchSettings, FileOutcome } from '../../src/batch/convert-file.js';
import { tablesFeed } from '../../src/batch/tables-feed.js';
import { prepareTmp } from '../../src/batch/atomic.js';

const TABLES = ['sections.csv', 'paragraphs.csv', 'tables.csv', 'figures.csv', 'review.csv', 'e-signatures.csv', 'annotations.csv', 'archive.csv'];

function report(i: number): string {
  return `ỦY BAN NHÂN DÂN\nXÃ NGỌC KỲ\n\nSố: ${i}/BC-UBND\n\nNgọc Kỳ, ngày ${(i % 28) + 1} tháng 4 năm 2023\n\nBÁO CÁO\nKết quả công tác số ${i}\n\nI. KẾT QUẢ\n\n${'Ủy ban nhân dân xã đã triển khai kế hoạch cải cách hành chính. '.repeat(1 + (i % 4))}\n\nII. NHIỆM VỤ\n\n- Tuyên truyền ${i} lần.\n`;
}

let dir = '';
let input = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-tables-feed-'));
  input = join(dir, 'in');
  await mkdir(input);
  for (let i = 0; i < 40; i++) await writeFile(join(input, `${String(i).padStart(2, '0')}-bao-cao.txt`), report(i));
  // A scan in the middle: its outcome comes after every text file, so the files behind it wait for it.
  await writeFile(join(input, '05-junk.pdf'), '%PDF-1.4\n%%garbage without objects');
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const settings = (out: string, resume: boolean): BatchSettings => ({ outDir: out, formats: ['json', 'csv'], resume, restore: false, archive: { fonds: 'G09', files: [{ folder: '', catalog: '2023', fileCode: '01/HS-VP' }] } });

async function tables(out: string): Promise<string[]> {
  return Promise.all(TABLES.map((t) => readFile(join(out, t), 'utf8')));
}

/** The tables writeBatchOutputs writes from the log for the same rows, after the batch. */
async function fromLog(out: string, summary: BatchSummary, s: BatchSettings): Promise<string[]> {
  const problems = await writeBatchOutputs(summary.rows.map((row) => ({ row, ...(row.outputName ? { rel: row.outputName } : {}) })), { outDir: out, formats: s.formats, archive: s.archive, documentsCsv: false });
  assert.deepEqual(problems, []);
  return tables(out);
}

describe('batch tables written while the batch converts', () => {
  it('are the bytes of the tables rebuilt from the log, in input order over two workers with a scan and a refused input', async () => {
    const out = join(dir, 'out');
    const s = settings(out, false);
    const summary = await runBatch([input, join(dir, 'missing.txt')], s, 2);
    assert.equal(summary.refused, 1);
    assert.equal(summary.converted, 40);
    const streamed = await tables(out);
    assert.ok(streamed[1]!.split('\n').length > 40 * 5, 'every document has paragraph rows');
    assert.ok(streamed[7]!.includes('G09'), 'archive rows');
    assert.deepEqual(await fromLog(out, summary, s), streamed);
    assert.deepEqual(await readdir(join(out, '.baocao', 'tmp')), [], 'no temporary left');
  });

  it('are the same on a resumed run, skipped documents read from the log and changed ones carried', async () => {
    const out = join(dir, 'out');
    await writeFile(join(input, '07-bao-cao.txt'), report(107));
    await writeFile(join(input, '40-bao-cao.txt'), report(140));
    const s = settings(out, true);
    const summary = await runBatch([input, join(dir, 'missing.txt')], s, 2);
    assert.equal(summary.skipped, 39);
    assert.equal(summary.converted, 2);
    const streamed = await tables(out);
    assert.ok(streamed[1]!.includes('Tuyên truyền 140 lần'), 'the new file is in');
    assert.ok(!streamed[1]!.includes('Tuyên truyền 7 lần.'), 'the changed file has its new rows');
    assert.deepEqual(await fromLog(out, summary, s), streamed);
  });

  it('take the rows the outcomes carry, in input order whatever order they are reported in', async () => {
    // No log in this folder: every row must come from the outcomes.
    const out = join(dir, 'carried');
    await mkdir(out);
    await prepareTmp(out);
    const paths = ['refused.txt', 'a.txt', 'b.txt', 'c.txt'];
    const feed = await tablesFeed(out, undefined, paths, 1, (i) => paths[i + 1]!);
    const outcome = (i: number): FileOutcome => ({ skipped: false, row: { path: paths[i + 1]!, status: 'ok', outputName: paths[i + 1]! } as FileOutcome['row'], storedRows: `archive\t{"number":"${i}"}\nparagraphs\t[["p${i}"]]\n` });
    for (const i of [2, 0, 1]) feed.add(i, outcome(i));
    // The tables whose line these rows lack are said, once per document.
    assert.deepEqual(await feed.finish(), problemsOf(paths.slice(1)));
    const paragraphs = await readFile(join(out, 'paragraphs.csv'), 'utf8');
    assert.deepEqual(paragraphs.split('\r\n').slice(1, 4), ['a.txt,p0', 'b.txt,p1', 'c.txt,p2']);
  });
});

function problemsOf(paths: string[]): string[] {
  return paths.map((p) => `${p}: its stored rows (.baocao/log) are missing, so the batch tables lack it; run again without --resume`);
}
