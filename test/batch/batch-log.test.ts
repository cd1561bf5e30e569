/**
 * The batch log end to end: a batch whose last record was torn by a kill resumes with only that
 * document converted again, and a folder written in the layout of earlier versions (a manifest
 * and a rows file per document) still resumes, rebuilds its tables and is listed for review.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DoneIndex } from '../../src/batch/done-index.js';
import { manifestPath } from '../../src/batch/manifest.js';
import { rowsPath } from '../../src/batch/rows-store.js';
import { runBatch } from '../../src/batch/run.js';
import type { BatchSettings } from '../../src/batch/convert-file.js';
import { logDir } from '../../src/batch/state-log.js';
import { listDocuments } from '../../src/review/folder.js';

const TABLES = ['documents.csv', 'paragraphs.csv', 'sections.csv', 'archive.csv'];
let dir = '';
let src = '';
const settings = (outDir: string, resume: boolean): BatchSettings => ({ outDir, formats: ['json', 'csv'], resume, restore: false });
const tables = (out: string) => TABLES.map((t) => readFileSync(join(out, t), 'utf8'));

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-batch-log-'));
  src = join(dir, 'in');
  for (let i = 0; i < 6; i++) {
    mkdirSync(join(src, `d${i % 2}`), { recursive: true });
    await writeFile(join(src, `d${i % 2}`, `bao-cao-${i}.txt`), `BÁO CÁO SỐ ${i}\n\nI. KẾT QUẢ THỰC HIỆN\n\nỦy ban nhân dân xã đã triển khai kế hoạch số ${i}.\n`);
  }
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a batch log with a torn last record', () => {
  it('resumes converting only the document whose record was cut short, and ends with the tables of an uninterrupted run', async () => {
    const out = join(dir, 'torn');
    const first = await runBatch([src], settings(out, false), 1);
    assert.equal(first.converted, 6);
    const whole = tables(out);
    const logs = readdirSync(logDir(out));
    assert.equal(logs.length, 1, 'one worker, one log');
    // What a kill in the middle of the last append leaves: the record's first bytes only.
    const log = join(logDir(out), logs[0]!);
    truncateSync(log, statSync(log).size - 40);
    const index = new DoneIndex(out);
    assert.equal(index.names().length, 5);
    index.close();

    const resumed = await runBatch([src], settings(out, true), 1);
    assert.deepEqual([resumed.converted, resumed.skipped, resumed.failed], [1, 5, 0]);
    assert.deepEqual(tables(out), whole);
    const after = new DoneIndex(out);
    assert.equal(after.names().length, 6);
    after.close();
  });
});

describe('an output folder in the layout of earlier versions', () => {
  it('resumes with nothing converted again, rebuilds the same tables, and is listed for review', async () => {
    const out = join(dir, 'old');
    await runBatch([src], settings(out, false), 1);
    const whole = tables(out);
    // The same state as earlier versions wrote it: .baocao/done/<name>.json and .baocao/rows/<name>.rows.
    const index = new DoneIndex(out);
    for (const name of index.names()) {
      const record = index.get(name)!;
      for (const [path, text] of [[manifestPath(out, name), JSON.stringify(record.manifest) + '\n'], [rowsPath(out, name), record.rowsText!]] as const) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
    }
    index.close();
    rmSync(logDir(out), { recursive: true });
    for (const t of TABLES) rmSync(join(out, t));

    const listed = [...listDocuments(out).keys()].sort();
    assert.deepEqual(listed, ['d0/bao-cao-0.txt', 'd0/bao-cao-2.txt', 'd0/bao-cao-4.txt', 'd1/bao-cao-1.txt', 'd1/bao-cao-3.txt', 'd1/bao-cao-5.txt']);
    const resumed = await runBatch([src], settings(out, true), 2);
    assert.deepEqual([resumed.converted, resumed.skipped], [0, 6]);
    assert.deepEqual(tables(out), whole);

    // A document converted again goes to the log; its old files no longer count.
    writeFileSync(join(src, 'd0', 'bao-cao-0.txt'), 'BÁO CÁO SỐ 0\n\nNội dung đã sửa.\n');
    const again = await runBatch([src], settings(out, true), 1);
    assert.deepEqual([again.converted, again.skipped], [1, 5]);
    const paragraphs = readFileSync(join(out, 'paragraphs.csv'), 'utf8');
    assert.match(paragraphs, /Nội dung đã sửa/);
    assert.doesNotMatch(paragraphs, /kế hoạch số 0\./);
  });
});
