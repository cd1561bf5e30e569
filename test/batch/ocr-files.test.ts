import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { prepareTmp } from '../../src/batch/atomic.js';
import type { BatchSettings, FileOutcome } from '../../src/batch/convert-file.js';
import type { InputFile } from '../../src/batch/inputs.js';
import { convertOcrFiles, orderedReporter, prioritySlots } from '../../src/batch/ocr-files.js';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';
import { fromTsv } from '../../src/ingest/ocr/result.js';

const LINE_PNG = resolve(import.meta.dirname, '..', '..', 'fixtures', 'scans', 'line.png');
const TSV = '5\t1\t1\t1\t1\t1\t10\t10\t200\t30\t95\tBáo\n5\t1\t1\t1\t1\t2\t220\t10\t200\t30\t95\tcáo\n';

/** An OCR pool standing in for Tesseract: each page takes `ms`, and the most pages read at once is kept. */
function slowPool(ms: number) {
  let now = 0;
  const seen = { most: 0, calls: 0 };
  const pool: OcrPool = {
    size: 2,
    recognize: async () => {
      seen.calls++;
      seen.most = Math.max(seen.most, ++now);
      await new Promise((r) => setTimeout(r, ms));
      now--;
      return fromTsv(TSV);
    },
    terminate: async () => undefined,
  };
  return { pool, seen };
}

async function singlePageScans(n: number): Promise<{ dir: string; files: InputFile[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-ocr-files-'));
  const files: InputFile[] = [];
  for (let i = 0; i < n; i++) {
    const rel = `page-${i}.png`;
    await copyFile(LINE_PNG, join(dir, rel));
    files.push({ abs: join(dir, rel), rel, display: rel });
  }
  return { dir, files };
}

describe('scanned files of a batch on one OCR pool', () => {
  it('reads pages of several single-page files at once and reports them in input order', async () => {
    const { dir, files } = await singlePageScans(6);
    try {
      const settings: BatchSettings = { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, segment: false, fsync: false };
      await mkdir(settings.outDir);
      await prepareTmp(settings.outDir);
      const { pool, seen } = slowPool(40);
      const reported: string[] = [];
      await convertOcrFiles(files, files.map((_, i) => i), settings, pool, { jobs: 2 }, (i, o: FileOutcome) => reported.push(`${files[i]!.rel} ${o.row.status}`));
      assert.deepEqual(reported, files.map((f) => `${f.rel} ok`));
      assert.ok(seen.most >= 2, `pages of different files were read at once (most at once: ${seen.most})`);
      assert.ok(seen.most <= 4, `never more pages than the batch's page slots (jobs + 2), saw ${seen.most}`);
      const json = JSON.parse(await readFile(join(settings.outDir, 'page-3.png.json'), 'utf8')) as { paragraphs: { text: string }[] };
      assert.equal(json.paragraphs[0]!.text, 'Báo cáo');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds no more page images than its page slots, whatever the files in flight', async () => {
    const { dir, files } = await singlePageScans(4);
    try {
      const settings: BatchSettings = { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, segment: false, fsync: false };
      await mkdir(settings.outDir);
      await prepareTmp(settings.outDir);
      const { pool, seen } = slowPool(20);
      await convertOcrFiles(files, [0, 1, 2, 3], settings, pool, { jobs: 2, filesInFlight: 4, pageSlots: 1 }, () => undefined);
      assert.equal(seen.calls, 4);
      assert.equal(seen.most, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('prioritySlots', () => {
  it('gives a freed slot to the earliest file waiting, never more than n at once', async () => {
    const slots = prioritySlots(1);
    const first = await slots.acquire(5);
    const order: number[] = [];
    const waits = [3, 9, 1, 3].map((p) => slots.acquire(p).then((release) => { order.push(p); release(); }));
    first();
    first(); // a second release of the same slot gives nothing back twice
    await Promise.all(waits);
    assert.deepEqual(order, [1, 3, 3, 9]);
  });
});

describe('orderedReporter', () => {
  it('reports values in order, holding those that arrive early', () => {
    const got: string[] = [];
    const report = orderedReporter<string>(4, (k, v) => got.push(`${k}${v}`));
    report(2, 'c');
    report(1, 'b');
    assert.deepEqual(got, []);
    report(0, 'a');
    assert.deepEqual(got, ['0a', '1b', '2c']);
    report(3, 'd');
    assert.deepEqual(got, ['0a', '1b', '2c', '3d']);
  });
});
