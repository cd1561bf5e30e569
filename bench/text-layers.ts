/**
 * npm run bench:text-layers — is a scanner's text layer trusted or is the page OCR'd again
 * (`--ocr auto`, src/ingest/text-layer-trust.ts + text-layer-strip.ts)? Each devset level-1 scan's
 * first page (../shared/devset/scans/*-d1/scan.pdf) gets an invisible text layer of four kinds:
 *   good      its own ground truth (a careful Vietnamese scanner OCR);
 *   vie-ocr   its own Tesseract vie reading (ocr.vie.txt: a real Vietnamese OCR, with its errors);
 *   other     another document's ground truth (Vietnamese, but not this page: a shifted layer);
 *   eng-ocr   its English-model OCR (../shared/devset/eng-ocr: a scanner without Vietnamese).
 * Printed: how many pages of each kind are trusted, and the cost of the judgement, CPU and wall
 * per page, beside OCR of the whole page (`--ocr force`) in the same run.
 * Options: --docs N (default all level-1 scans)   --jobs 1
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument, beginText, endText, moveText, popGraphicsState, pushGraphicsState, setFontAndSize, setTextRenderingMode, showText, TextRenderingMode } from 'pdf-lib';
import { drawableText, embedTextFont } from '../src/emit/pdf-font.js';
import { createOcrPool } from '../src/ingest/ocr/pool.js';
import { ingestPdf } from '../src/ingest/pdf.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const scansDir = join(shared, 'devset', 'scans');
const { values: args } = parseArgs({ options: { docs: { type: 'string' }, jobs: { type: 'string', default: '1' } } });

const firstPage = (text: string) => text.split('\f')[0]!.split('\n').filter((l) => l.trim() !== '');

/** The scan's first page with `lines` drawn over it invisibly, as a scanner's searchable PDF. */
async function layered(scan: Uint8Array, lines: string[]): Promise<Uint8Array> {
  const src = await PDFDocument.load(scan);
  const doc = await PDFDocument.create();
  const [page] = await doc.copyPages(src, [0]);
  doc.addPage(page);
  const { font } = await embedTextFont(doc);
  const { height } = page!.getSize();
  const size = Math.min(11, (height - 40) / (lines.length + 1));
  page!.pushOperators(pushGraphicsState(), beginText(), setFontAndSize(page!.node.newFontDictionary(font.name, font.ref), size),
    setTextRenderingMode(TextRenderingMode.Invisible), moveText(40, height - 30));
  for (const l of lines) page!.pushOperators(showText(font.encodeText(drawableText(l))), moveText(0, -size * 1.15));
  page!.pushOperators(endText(), popGraphicsState());
  return doc.save();
}

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const ids = readdirSync(scansDir).filter((d) => d.endsWith('-d1')).sort().slice(0, args.docs ? Number(args.docs) : undefined);
const kinds = ['good', 'vie-ocr', 'other', 'eng-ocr'] as const;
const trusted = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<(typeof kinds)[number], number>;
const judged = { cpu: 0, wall: 0, n: 0 }, forced = { cpu: 0, wall: 0, n: 0 };
const pool = createOcrPool({ jobs: Number(args.jobs) });
console.log(`bench:text-layers — ${ids.length} devset level-1 scans (first page), ${args.jobs} OCR worker(s)`);
try {
  for (const [i, id] of ids.entries()) {
    const dir = join(scansDir, id), doc = id.slice(0, 3);
    const scan = new Uint8Array(readFileSync(join(dir, 'scan.pdf')));
    const otherId = ids[(i + 1) % ids.length]!;
    const layers = {
      good: firstPage(readFileSync(join(dir, 'gt.txt'), 'utf8')),
      'vie-ocr': firstPage(readFileSync(join(dir, 'ocr.vie.txt'), 'utf8')),
      other: firstPage(readFileSync(join(scansDir, otherId, 'gt.txt'), 'utf8')),
      'eng-ocr': firstPage(readFileSync(join(shared, 'devset', 'eng-ocr', `${doc}.txt`), 'utf8')).slice(0, 60),
    };
    const row: string[] = [];
    for (const k of kinds) {
      const pdf = await layered(scan, layers[k]);
      const c0 = cpu(), t0 = performance.now();
      const r = await ingestPdf(pdf, { ocr: pool });
      if (k === 'good' || k === 'vie-ocr') { judged.cpu += cpu() - c0; judged.wall += (performance.now() - t0) / 1000; judged.n++; }
      const ok = r.pages[0]?.method === 'pdf-text';
      if (ok) trusted[k]++;
      row.push(`${k} ${ok ? 'trusted' : 'OCR\'d'}`);
    }
    const c0 = cpu(), t0 = performance.now();
    await ingestPdf(await layered(scan, layers.good), { ocr: pool, ocrMode: 'force' });
    forced.cpu += cpu() - c0; forced.wall += (performance.now() - t0) / 1000; forced.n++;
    console.log(`  ${id}: ${row.join(', ')}`);
  }
} finally {
  await pool.terminate();
}
console.log('\nlayer kind   trusted (want: good and vie-ocr trusted, other and eng-ocr OCR\'d)');
for (const k of kinds) console.log(`  ${k.padEnd(9)} ${trusted[k]}/${ids.length}`);
const per = (x: { cpu: number; wall: number; n: number }) => `${(x.cpu / x.n).toFixed(2)} CPU s, ${(x.wall / x.n).toFixed(2)} s wall`;
console.log(`\ncost per page: judging a trusted layer (band OCR) ${per(judged)}; OCR of the whole page (--ocr force) ${per(forced)}; ratio ${(judged.cpu / judged.n / (forced.cpu / forced.n)).toFixed(2)}`);
