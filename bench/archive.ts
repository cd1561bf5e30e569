/**
 * npm run bench:archive — issue 15's archive acceptance: archive.csv has the 20 headers of the TT
 * 02/2019/TT-BNV record and Số, Ký hiệu, Ngày and Tên loại right for ≥ 95% of the documents.
 * Each input kind of ../shared/devset is converted by the real batch (runBatch, as `baocao convert
 * --format csv`, restoration on), archive.csv is read back, and each row is scored against
 * index.json (number "634/TB-VPCP" → Số 634, Ký hiệu TB-VPCP; a document with no number is right
 * when both cells are empty) and the GT header's date; the type's case is normalised ("Thông
 * báo" ≡ "THÔNG BÁO"). Beside it, in the same run, the naive first-lines regex of bench:segment
 * over the raw text the batch was given (for scans: Tesseract's raw ocr.vie.txt).
 * Kinds: ground-truth text (docs/), stripped/, English-OCR (eng-ocr/), and scans at level 1
 * (scans/NNN-d1/scan.pdf, first 2 pages; skip with --no-scans).
 *   BAOCAO_SHARED=/path/to/shared; BENCH_DOCS=001,002 restrict; --quiet hides the failing rows.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBatch } from '../src/batch/run.js';
import { ARCHIVE_COLUMNS } from '../src/emit/archive.js';
import { parseCsv } from './lib/csv-read.js';
import { DEV, devIndex, naiveHeader, norm, strictDate, type DevEntry } from './lib/devset-header.js';

const quiet = process.argv.includes('--quiet');
const index = devIndex();
const work = join(tmpdir(), `baocao-bench-archive-${process.pid}`);

interface Kind { name: string; ext: string; source: (id: string) => string | null; rawText: (id: string) => string }
const file = (...p: string[]) => join(DEV, ...p);
const read = (p: string) => readFileSync(p, 'utf8');
const KINDS: Kind[] = [
  { name: 'ground-truth text', ext: 'txt', source: (id) => file('docs', `${id}.txt`), rawText: (id) => read(file('docs', `${id}.txt`)) },
  { name: 'stripped', ext: 'txt', source: (id) => file('stripped', `${id}.txt`), rawText: (id) => read(file('stripped', `${id}.txt`)) },
  { name: 'English-OCR', ext: 'txt', source: (id) => file('eng-ocr', `${id}.txt`), rawText: (id) => read(file('eng-ocr', `${id}.txt`)) },
];
if (!process.argv.includes('--no-scans')) {
  const scan = (id: string) => file('scans', `${id}-d1`, 'scan.pdf');
  KINDS.push({ name: 'scans level 1', ext: 'pdf', source: (id) => (existsSync(scan(id)) ? scan(id) : null), rawText: (id) => read(file('scans', `${id}-d1`, 'ocr.vie.txt')) });
}

/** The four archive fields as the record has them. */
interface Record4 { number: string; symbol: string; date: string; type: string }
const FIELDS = ['number', 'symbol', 'date', 'type'] as const;
const LABEL: Record<(typeof FIELDS)[number], string> = { number: 'Số', symbol: 'Ký hiệu', date: 'Ngày', type: 'Tên loại' };

function expected(e: DevEntry): Record4 {
  const [number = '', ...symbol] = e.number.split('/');
  return { number, symbol: symbol.join('/'), date: strictDate(read(file('docs', `${e.id}.txt`))), type: e.type };
}

/** The naive baseline's reading in the record's form (its date ISO, its number split at the first slash). */
function baseline(text: string): Record4 {
  const h = naiveHeader(text);
  const [number = '', ...symbol] = h.number.split('/');
  return { number, symbol: symbol.join('/'), date: h.date, type: h.type };
}

/** A spreadsheet drops the guard apostrophe; dd/mm/yyyy back to ISO for the comparison. */
const unguard = (s: string) => s.replace(/^'/, '');
const isoOf = (s: string) => (/^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s) ? `${s.slice(6)}-${s.slice(3, 5)}-${s.slice(0, 2)}` : s);

const same = (f: (typeof FIELDS)[number], got: string, want: string) => (f === 'type' ? norm(got) === norm(want) : got.trim() === want.trim());

async function convertKind(kind: Kind): Promise<{ rows: Map<string, Record4 | string>; headersOk: boolean; seconds: number }> {
  const inDir = join(work, kind.name.replace(/\W+/g, '-'), 'in'), outDir = join(inDir, '..', 'out');
  mkdirSync(inDir, { recursive: true });
  const ids = index.map((e) => e.id).filter((id) => kind.source(id));
  for (const id of ids) copyFileSync(kind.source(id)!, join(inDir, `${id}.${kind.ext}`));
  const t = performance.now();
  await runBatch([inDir], { outDir, formats: ['json', 'csv'], resume: false, restore: true, fsync: false });
  const seconds = (performance.now() - t) / 1000;
  const [header = [], ...archive] = parseCsv(read(join(outDir, 'archive.csv')));
  const headersOk = JSON.stringify(header) === JSON.stringify(ARCHIVE_COLUMNS.map((c) => c.header));
  // archive.csv has no path column: its rows follow documents.csv's converted rows, in order.
  const [docHeader = [], ...docs] = parseCsv(read(join(outDir, 'documents.csv')));
  const pathAt = docHeader.indexOf('path'), statusAt = docHeader.indexOf('status');
  const col = (name: string) => ARCHIVE_COLUMNS.findIndex((c) => c.header === name);
  const rows = new Map<string, Record4 | string>();
  let next = 0;
  for (const d of docs) {
    const id = /(\d{3})\.\w+$/.exec(d[pathAt] ?? '')?.[1] ?? '';
    if (d[statusAt] === 'error') { rows.set(id, `conversion error: ${d.join(' | ').slice(0, 200)}`); continue; }
    const r = archive[next++] ?? [];
    const cell = (name: string) => unguard(r[col(name)] ?? '');
    rows.set(id, { number: cell('Số của văn bản'), symbol: cell('Ký hiệu của văn bản'), date: isoOf(cell('Ngày, tháng, năm văn bản')), type: cell('Tên loại văn bản') });
  }
  return { rows, headersOk, seconds };
}

function score(label: string, entries: DevEntry[], got: (id: string) => Record4 | string | undefined, showMisses: boolean): number {
  const ok = { number: 0, symbol: 0, date: 0, type: 0, all: 0 };
  const misses: string[] = [];
  for (const e of entries) {
    const g = got(e.id), want = expected(e);
    if (typeof g !== 'object') { misses.push(`${e.id}: ${g ?? 'no row'}`); continue; }
    let all = true;
    for (const f of FIELDS) {
      const hit = same(f, g[f], want[f]);
      ok[f] += +hit; all &&= hit;
      if (!hit) misses.push(`${e.id} ${LABEL[f]}: want "${want[f]}" got "${g[f]}"`);
    }
    ok.all += +all;
  }
  const pct = (x: number) => `${((100 * x) / entries.length).toFixed(1)}%`.padStart(6);
  console.log(`  ${label.padEnd(26)} Số ${pct(ok.number)}  Ký hiệu ${pct(ok.symbol)}  Ngày ${pct(ok.date)}  Tên loại ${pct(ok.type)}  ALL-4 ${pct(ok.all)}`);
  if (showMisses && !quiet) for (const m of misses) console.log('      miss', m);
  return ok.all / entries.length;
}

async function main(): Promise<void> {
  console.log(`devset: ${index.length} documents (${DEV}); converted by runBatch --format json,csv with restoration`);
  const bars: string[] = [];
  try {
    for (const kind of KINDS) {
      const entries = index.filter((e) => kind.source(e.id));
      const { rows, headersOk, seconds } = await convertKind(kind);
      console.log(`\n${kind.name}: ${entries.length} documents, ${seconds.toFixed(1)} s; archive.csv has the 20 headers in order: ${headersOk ? 'yes' : 'NO'}`);
      const a = score('archive.csv', entries, (id) => rows.get(id), true);
      const b = score('naive regex on raw text', entries, (id) => baseline(kind.rawText(id)), false);
      bars.push(`${kind.name} ${(100 * a).toFixed(1)}% (baseline ${(100 * b).toFixed(1)}%) ${a >= 0.95 && headersOk ? 'PASS' : 'FAIL'}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nbar ≥ 95% all four right: ${bars.join('; ')}`);
}

await main();
