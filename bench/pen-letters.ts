/**
 * npm run bench:pen-letters — what reading the date line again with character boxes
 * (src/ingest/pen/label-letters.ts) costs and changes on real scans (../shared/real-scans), beside
 * the baseline in the same run: each document is converted twice, once with an OCR pool that
 * refuses character-box jobs (the blanks keep their estimated edges: the baseline) and once as the
 * pipeline runs. Per document: the date-line jobs and their OCR time against the page readings'
 * (no cache: wall time of a worker, so the share is the figure on a shared machine), and page 1's
 * pen day/month readings and meta.date, baseline → with letter edges, against fields.json.
 *   --ids a,b   --jobs 2   BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert } from '../src/pipeline/index.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';
import type { DocumentResult } from '../src/core/schema.js';
import type { PenFill } from '../src/core/document.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const setDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'real-scans');
const { values: args } = parseArgs({ options: { ids: { type: 'string' }, jobs: { type: 'string', default: '2' } } });

interface Call { letters: boolean; ms: number }

/** `pool`, timing each reading; with `refuse`, character-box jobs fail (the baseline). */
function timingPool(pool: OcrPool, calls: Call[], refuse: boolean): OcrPool {
  return {
    size: pool.size, terminate: () => pool.terminate(), ...(pool.engine ? { engine: pool.engine } : {}),
    recognize: async (image, o) => {
      if (refuse && o?.symbols) throw new Error('character boxes refused (baseline)');
      const t0 = performance.now();
      const r = await pool.recognize(image, o);
      calls.push({ letters: !!o?.symbols, ms: performance.now() - t0 });
      return r;
    },
  };
}

const fields = (JSON.parse(readFileSync(join(setDir, 'fields.json'), 'utf8')) as { id: string; date?: string | null }[]).filter((f) => !args.ids || args.ids.split(',').includes(f.id));
const inner = createOcrPool({ jobs: Number(args.jobs) });
const show = (fills: PenFill[] | undefined, f: PenFill['field']) => {
  const r = fills?.find((x) => x.field === f);
  return r ? `${r.digits}(${Math.min(...r.confidence).toFixed(2)})` : '—';
};
console.log(`bench:pen-letters — ${fields.length} documents in ${setDir}; ${args.jobs} OCR workers, no cache`);
console.log(`  ${'document'.padEnd(12)} ${'jobs'.padStart(4)} ${'page OCR s'.padStart(10)} ${'letters s'.padStart(9)} ${'share'.padStart(6)}  page 1 pen day / month (least confidence), meta.date: baseline → letter edges (want)`);
let jobs = 0, pageMs = 0, lettersMs = 0, right = [0, 0], wrong = [0, 0];
try {
  for (const f of fields) {
    const pdf = join(setDir, 'pages', `${f.id}.pdf`), jpg = join(setDir, 'pages', `${f.id}.jpg`);
    const file = existsSync(pdf) ? pdf : jpg;
    const runs = [];
    for (const refuse of [true, false]) {
      const calls: Call[] = [];
      const result = await convert({ path: file, data: new Uint8Array(readFileSync(file)) }, { restore: false, ingest: { ocr: timingPool(inner, calls, refuse) } }) as DocumentResult;
      runs.push({ calls, result });
    }
    const [base, after] = runs as [typeof runs[0], typeof runs[0]];
    const ms = (cs: Call[]) => cs.reduce((s, c) => s + c.ms, 0);
    const own = after.calls.filter((c) => !c.letters), letters = after.calls.filter((c) => c.letters);
    jobs += letters.length; pageMs += ms(own); lettersMs += ms(letters);
    const date = (r: DocumentResult) => r.meta?.date ?? null;
    [base, after].forEach((run, k) => {
      const d = date(run.result);
      if (d !== null && d === f.date) right[k]!++;
      else if (d !== null) wrong[k]!++;
    });
    const pens = (r: DocumentResult) => `${show(r.pages[0]?.penFills, 'day')} / ${show(r.pages[0]?.penFills, 'month')} ${date(r) ?? '—'}`;
    console.log(`  ${f.id.padEnd(12)} ${String(letters.length).padStart(4)} ${(ms(own) / 1000).toFixed(2).padStart(10)} ${(ms(letters) / 1000).toFixed(2).padStart(9)} ${(100 * ms(letters) / Math.max(ms(own), 1)).toFixed(1).padStart(5)}%  ${pens(base.result)} → ${pens(after.result)} (${f.date ?? '—'})`);
  }
} finally {
  await inner.terminate();
}
console.log(`  ${'all'.padEnd(12)} ${String(jobs).padStart(4)} ${(pageMs / 1000).toFixed(2).padStart(10)} ${(lettersMs / 1000).toFixed(2).padStart(9)} ${(100 * lettersMs / Math.max(pageMs, 1)).toFixed(1).padStart(5)}%`);
console.log(`  meta.date right / wrong: baseline ${right[0]} / ${wrong[0]} → letter edges ${right[1]} / ${wrong[1]} of ${fields.length}`);
console.log(`  per date-line job: ${(lettersMs / Math.max(jobs, 1)).toFixed(0)} ms`);
