/**
 * npm run bench:pdf — the searchable PDF (`--format pdf`) on the devset scans (level 1 by
 * default: ../shared/devset/scans/*-d1/scan.pdf, 300 dpi JPEG pages). Side by side in one run,
 * per document and in total:
 *   - size of the written PDF against the input scan PDF (bar ≤ 1.1×);
 *   - time per page of the conversion without the pdf format (OCR, restoration, structure: the
 *     baseline) and the time the pdf writer adds, wall and CPU (the CPU of the OCR workers is in
 *     process.cpuUsage, they are threads of this process); bar ≤ 5 %. The writer is timed warm,
 *     the median of 3 writes (its first call, which loads the font and sharp, is reported apart);
 *   - syllable accuracy per quality level against gt.txt (bench/lib/score.ts, each page aligned whole) of
 *     `pdftotext` of the written PDF (its default reading order, and -layout) beside
 *     `text.restored` and the raw OCR text; the pdftotext rows are left out, with a note, when
 *     poppler-utils is not installed. pdftotext's default order reads a two-column header row
 *     (issuer | national motto) column by column, where gt.txt has it row by row.
 * Options: --levels 1,2,3   --jobs 1 (OCR workers)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert } from '../src/pipeline/index.js';
import { documentPdf } from '../src/emit/pdf.js';
import { createOcrPool } from '../src/ingest/ocr/pool.js';
import { loadModel } from '../src/model/load.js';
import { emptyScore, pct, scoreLine, type Score } from './lib/score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scansDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'scans');
const { values: args } = parseArgs({ options: { levels: { type: 'string', default: '1' }, jobs: { type: 'string', default: '1' } } });

const REPEATS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const now = () => performance.now() / 1000;
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const work = mkdtempSync(join(tmpdir(), 'baocao-bench-pdf-'));

function pdftotext(pdf: Uint8Array, layout = false): string {
  writeFileSync(join(work, 'out.pdf'), pdf);
  const r = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', join(work, 'out.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** Each ground-truth page against the same page of `out` (pages split on form feeds), aligned whole. */
function scorePages(gt: string, out: string, into: Score): void {
  const gtPages = gt.split('\f').filter((p) => p.trim() !== '');
  const outPages = out.split('\f');
  gtPages.forEach((page, i) => scoreLine(page.replace(/\s+/g, ' '), (outPages[i] ?? '').replace(/\s+/g, ' '), into));
}

interface Row { id: string; pages: number; inBytes: number; outBytes: number; convWall: number; convCpu: number; pdfWall: number; pdfCpu: number }

const model = loadModel();
const pool = createOcrPool({ jobs: Number(args.jobs) });
const rows: Row[] = [];
const newScores = () => ({ raw: emptyScore(), restored: emptyScore(), pdftotext: emptyScore(), layout: emptyScore() });
/** Per quality level: the OCR as read, text.restored, pdftotext and pdftotext -layout of the written PDF. */
const byLevel = new Map<string, ReturnType<typeof newScores>>();
let firstCall: { wall: number; cpu: number } | undefined;
try {
  for (const level of args.levels!.split(',')) {
    const scores = newScores();
    byLevel.set(level, scores);
    const ids = readdirSync(scansDir).filter((d) => d.endsWith(`-d${level}`)).sort();
    for (const id of ids) {
      const data = new Uint8Array(readFileSync(join(scansDir, id, 'scan.pdf')));
      const gt = readFileSync(join(scansDir, id, 'gt.txt'), 'utf8');
      let w = now(), c = cpu();
      const result = await convert({ path: `${id}/scan.pdf`, data }, { ingest: { ocr: pool }, restore: { model } });
      const convWall = now() - w, convCpu = cpu() - c;
      if (!firstCall) {
        w = now(); c = cpu();
        await documentPdf(result, data);
        firstCall = { wall: now() - w, cpu: cpu() - c };
      }
      // The median of a few writes: one write is short enough for a GC pause to double it.
      const walls: number[] = [], cpus: number[] = [];
      let pdf: Uint8Array = new Uint8Array();
      for (let k = 0; k < REPEATS; k++) {
        w = now(); c = cpu();
        pdf = await documentPdf(result, data);
        walls.push(now() - w); cpus.push(cpu() - c);
      }
      const pdfWall = median(walls), pdfCpu = median(cpus);
      rows.push({ id, pages: result.pages.length, inBytes: data.length, outBytes: pdf.length, convWall, convCpu, pdfWall, pdfCpu });
      scorePages(gt, result.text.original, scores.raw);
      scorePages(gt, result.text.restored ?? result.text.original, scores.restored);
      const docScore = emptyScore();
      if (hasPdftotext) {
        scorePages(gt, pdftotext(pdf), scores.pdftotext);
        scorePages(gt, pdftotext(pdf), docScore);
        scorePages(gt, pdftotext(pdf, true), scores.layout);
      }
      const r = rows[rows.length - 1]!;
      console.error(`${id}: ${r.pages} pages, ${(r.outBytes / r.inBytes).toFixed(3)}× size, pdf ${(100 * r.pdfCpu / r.convCpu).toFixed(2)} % of the conversion CPU${hasPdftotext ? `, pdftotext ${pct(docScore).toFixed(2)} %` : ''}`);
    }
  }
} finally {
  await pool.terminate();
  rmSync(work, { recursive: true, force: true });
}

const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
const pages = sum((r) => r.pages);
const mb = (b: number) => (b / 1048576).toFixed(2);
const ms = (s: number) => (1000 * s).toFixed(0);
console.log(`\nbench:pdf — devset scans, level ${args.levels}, ${rows.length} documents, ${pages} pages, ${args.jobs} OCR worker(s)\n`);
console.log('| document | pages | input MB | PDF MB | size × | convert s/page (wall / CPU) | pdf writer ms/page (wall / CPU) | added CPU |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.id} | ${r.pages} | ${mb(r.inBytes)} | ${mb(r.outBytes)} | ${(r.outBytes / r.inBytes).toFixed(3)} | ${(r.convWall / r.pages).toFixed(2)} / ${(r.convCpu / r.pages).toFixed(2)} | ${ms(r.pdfWall / r.pages)} / ${ms(r.pdfCpu / r.pages)} | ${(100 * r.pdfCpu / r.convCpu).toFixed(2)} % |`);
}
const tin = sum((r) => r.inBytes), tout = sum((r) => r.outBytes);
console.log(`| **all** | ${pages} | ${mb(tin)} | ${mb(tout)} | ${(tout / tin).toFixed(3)} | ${(sum((r) => r.convWall) / pages).toFixed(2)} / ${(sum((r) => r.convCpu) / pages).toFixed(2)} | ${ms(sum((r) => r.pdfWall) / pages)} / ${ms(sum((r) => r.pdfCpu) / pages)} | ${(100 * sum((r) => r.pdfCpu) / sum((r) => r.convCpu)).toFixed(2)} % (wall ${(100 * sum((r) => r.pdfWall) / sum((r) => r.convWall)).toFixed(2)} %) |`);
console.log(`\nbars: size ≤ 1.1× (worst ${Math.max(...rows.map((r) => r.outBytes / r.inBytes)).toFixed(3)}×); added time ≤ 5 % of the page's conversion (worst document ${Math.max(...rows.map((r) => 100 * r.pdfCpu / r.convCpu)).toFixed(2)} % CPU)`);
if (firstCall) console.log(`first pdf writer call in the process (loads the font and sharp): ${ms(firstCall.wall)} ms wall, ${ms(firstCall.cpu)} ms CPU`);
const levels = [...byLevel.keys()];
console.log(`\n| text vs gt.txt, syllable accuracy | ${levels.map((l) => `level ${l}`).join(' | ')} |`);
console.log(`|---|${levels.map(() => '---:').join('|')}|`);
const row = (name: string, pick: (s: ReturnType<typeof newScores>) => Score) =>
  console.log(`| ${name} | ${levels.map((l) => `${pct(pick(byLevel.get(l)!)).toFixed(2)} %`).join(' | ')} |`);
row('OCR as read (text.original)', (s) => s.raw);
row('text.restored', (s) => s.restored);
if (hasPdftotext) {
  row('pdftotext of the written PDF', (s) => s.pdftotext);
  row('pdftotext -layout of the written PDF', (s) => s.layout);
} else console.log('\npdftotext of the written PDF: not measured, pdftotext is missing (apt-get install poppler-utils)');
console.log(`(ground-truth syllables per level: ${levels.map((l) => byLevel.get(l)!.raw.gtTokens).join(', ')})`);
