/**
 * Batch tables at scale: the time and peak memory of writing the batch-level outputs (documents.csv,
 * the five batch CSVs and archive.csv, the workbook) from the stored rows of N documents (default
 * 10,000 copies of the sample report's rows), side by side in the same process with documents.csv
 * alone (the baseline every batch already wrote). Memory that stays flat as N grows is the point:
 * rows are streamed one document at a time.
 * Run: npm run bench:batch-tables [-- --docs N]
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareTmp } from '../src/batch/atomic.js';
import { writeBatchOutputs, type BatchEntry } from '../src/batch/batch-outputs.js';
import { rowsText } from '../src/batch/rows-store.js';
import { appendRecord } from '../src/batch/state-log.js';
import { convert } from '../src/pipeline/index.js';
import { archiveFacts } from '../src/emit/archive.js';
import { documentTables } from '../src/emit/batch-tables.js';
import type { Format } from '../src/emit/formats.js';
import { documentRow, structureOf } from '../src/emit/sheets.js';

const docs = Number(process.argv[process.argv.indexOf('--docs') + 1]) || 10_000;
const out = join(tmpdir(), `baocao-bench-batch-tables-${process.pid}`);
const sample = readFileSync(new URL('../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url));

const result = await convert({ path: 'bao-cao.txt', data: sample }, { restore: false, segment: {} });
const stored = { tables: documentTables(result), archive: archiveFacts(result, structureOf(result)) };
await mkdir(out, { recursive: true });
await prepareTmp(out);
const entries: BatchEntry[] = [];
for (let i = 0; i < docs; i++) {
  const rel = `hs-${i % 50}/bao-cao-${i}.txt`;
  const row = { ...documentRow(result, [`${rel}.json`]), path: `in/${rel}` };
  appendRecord(out, { name: rel, manifest: { version: 2, sha256: '', settings: '', files: [], row }, rowsText: rowsText(stored) });
  entries.push({ rel, row });
}
const rowsPerDoc = Object.values(stored.tables).reduce((n, t) => n + t.length, 0) + 1;

async function measure(label: string, formats: Format[]): Promise<void> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  await writeBatchOutputs(entries, { outDir: out, formats, archive: { fonds: 'G09', files: [] } });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = (name: string) => { try { return statSync(join(out, name)).size; } catch { return 0; } };
  const mb = (b: number) => (b / 1048576).toFixed(1);
  const csvBytes = ['documents.csv', 'sections.csv', 'paragraphs.csv', 'tables.csv', 'figures.csv', 'review.csv', 'archive.csv'].reduce((n, f) => n + size(f), 0);
  console.log(`${label.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s  ${(docs / seconds).toFixed(0).padStart(6)} docs/s  peak RSS +${mb(peak - base).padStart(6)} MB  CSV ${mb(csvBytes)} MB  xlsx ${mb(size('baocao.xlsx'))} MB`);
}

console.log(`${docs} documents × ${rowsPerDoc} rows (sample report: paragraphs, sections, table cells, figures, review, archive)`);
await measure('baseline: documents.csv', ['json']);
await measure('csv: + batch CSVs', ['json', 'csv']);
await measure('xlsx: + workbook', ['json', 'xlsx']);
await measure('csv + xlsx', ['json', 'csv', 'xlsx']);
await rm(out, { recursive: true, force: true });
