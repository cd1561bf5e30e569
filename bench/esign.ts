/**
 * npm run bench:esign — e-signature boxes on scanned pages (issue 14, items 5–6). The devset's
 * two-page scans (../shared/devset/scans, measurement only) get a signing box drawn on them
 * (scripts/realistic/esign-overlay.ts, seeded): at the top right of page 1, and on the signature
 * when one of the two pages has it. Each document (its two pages as one scanner PDF) is
 * converted (OCR, restore, segment) as:
 *   clean    the pages without a box (what the pipeline reads with no overlay at all)
 *   before   the pages with the boxes, e-signature recognition off (segment option eSignatures: false)
 *   after    the pages with the boxes, recognition on (the default)
 * and issuer, number, date, type and signer are compared with the devset's index.json and GT lines. All three run in this one process; OCR readings are kept by
 * image hash (--ocr-cache, default bench/.work/esign/ocr), so before and after read the same OCR.
 *   --levels 1,2,3  --docs 001,017  --jobs 2  --verbose
 * BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert } from '../src/pipeline/index.js';
import { loadModel } from '../src/model/load.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';
import { PdfSource } from '../src/ingest/ocr/pdf-source.js';
import { foldKey } from '../src/core/segment/fold.js';
import type { DocumentResult } from '../src/core/schema.js';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { drawESignOverlay } from '../scripts/realistic/esign-overlay.js';
import { cachingPool } from './ocr-structure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const { values: args } = parseArgs({
  options: {
    levels: { type: 'string', default: '1,2,3' }, docs: { type: 'string' }, jobs: { type: 'string', default: '2' },
    verbose: { type: 'boolean', default: false }, 'ocr-cache': { type: 'string', default: join(root, 'bench', '.work', 'esign', 'ocr') },
  },
});

type Field = 'issuer' | 'number' | 'date' | 'type' | 'signer';
type Variant = 'clean' | 'before' | 'after';
const VARIANTS: Variant[] = ['clean', 'before', 'after'];
interface Truth { issuer: string; number: string; type: string; date: string | null; signer: string | null; signerPage: number | null }

const squash = (s: string | null | undefined) => foldKey((s ?? '').normalize('NFC')).replace(/[^A-Z0-9/]+/g, ' ').trim();

/** The devset's facts for one scan folder: index.json for issuer, number and type; the GT lines for the date and the signer. */
function truthOf(doc: string, dir: string): Truth {
  const index = JSON.parse(readFileSync(join(shared, 'devset', 'index.json'), 'utf8')) as { id: string; issuer: string; number: string; type: string }[];
  const entry = index.find((e) => e.id === doc)!;
  const pages = readFileSync(join(dir, 'gt.txt'), 'utf8').normalize('NFC').split('\f');
  const dm = /ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/.exec(pages[0]!.split('\n').slice(0, 6).join('\n'));
  const date = dm ? `${dm[3]}-${dm[2]!.padStart(2, '0')}-${dm[1]!.padStart(2, '0')}` : null;
  // The signer: the capitalised name under an authority line (TM./KT./TL.) or a position line.
  let signer: string | null = null, signerPage: number | null = null;
  pages.forEach((p, k) => {
    const lines = p.split('\n');
    lines.forEach((l, i) => {
      if (signer || !/^(TM|KT|TL|Q)\.?\s/.test(l)) return;
      const name = lines.slice(i + 1, i + 4).find((x) => /^(\p{Lu}\p{Ll}+\s){1,4}\p{Lu}\p{Ll}+$/u.test(x.trim()));
      if (name) { signer = name.trim(); signerPage = k + 1; }
    });
  });
  return { issuer: entry.issuer, number: entry.number, type: entry.type, date, signer, signerPage };
}

function fieldsOf(r: DocumentResult): Record<Field, string | null> {
  return { issuer: r.meta?.issuer?.name ?? null, number: r.meta?.number ?? null, date: r.meta?.date ?? null, type: r.meta?.type?.name ?? null, signer: r.signature?.name ?? null };
}

/**
 * Where the box goes on the signature: just under the printed name, from a little left of the
 * signature block (found on the clean page's OCR words), so it is read right after the name, as
 * a box stamped in the signature's space is; covering the name itself would leave nothing to read.
 */
function overSignature(clean: DocumentResult, signer: string, size: { width: number; height: number }): { x: number; y: number } | null {
  const page = clean.pages[0];
  const words = page?.words ?? [];
  const want = squash(signer).split(' ');
  const lineNo = page?.lines.findIndex((l) => squash(l).includes(want.slice(-2).join(' ')));
  if (lineNo === undefined || lineNo < 0) return null;
  const ws = words.filter((w) => w.line === lineNo + 1);
  if (!ws.length) return null;
  const x0 = Math.min(...ws.map((w) => w.bbox[0])), y1 = Math.max(...ws.map((w) => w.bbox[3])), h = y1 - Math.min(...ws.map((w) => w.bbox[1]));
  return { x: Math.max(0, x0 - 3 * h) / size.width, y: (y1 + 0.4 * h) / size.height };
}

/** Page n of a scan as a JPEG (the scan.pdf's own bytes; a level-3 PNG re-encoded). */
async function pageImage(dir: string, n: number): Promise<Uint8Array> {
  const png = join(dir, `page-${n}.png`);
  if (existsSync(png)) return new Uint8Array(await sharp(readFileSync(png)).jpeg({ quality: 92 }).toBuffer());
  const source = await PdfSource.open(new Uint8Array(readFileSync(join(dir, 'scan.pdf'))));
  let image: Uint8Array;
  try { image = (await source.image(n)).image; } finally { await source.close(); }
  return image[0] === 0xff && image[1] === 0xd8 ? image : new Uint8Array(await sharp(image).jpeg({ quality: 92 }).toBuffer());
}

/** With --verbose, the pages with their boxes are kept in bench/.work/esign/pages to look at. */
function keep(name: string, image: Uint8Array): void {
  if (!args.verbose) return;
  const dir = join(root, 'bench', '.work', 'esign', 'pages');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), image);
}

/** JPEG pages as a scanner PDF: one image an A4-wide page (the page's resolution follows from it). */
async function scanPdf(pages: Uint8Array[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const jpeg of pages) {
    const img = await pdf.embedJpg(new Uint8Array(jpeg)); // a copy: a view into a larger buffer is read from its start
    const w = 595.28, h = w * img.height / img.width;
    pdf.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return pdf.save();
}

const model = loadModel();
async function run(image: Uint8Array, pool: OcrPool, eSignatures: boolean): Promise<DocumentResult> {
  return await convert({ path: 'doc.pdf', data: image }, { restore: { model }, segment: { eSignatures }, ingest: { ocr: pool } }) as DocumentResult;
}

interface Row { id: string; field: Field; want: string; got: Record<Variant, string | null> }

async function main(): Promise<void> {
  const inner = createOcrPool({ jobs: Number(args.jobs) });
  const pool = args['ocr-cache'] ? cachingPool(inner, args['ocr-cache']) : inner;
  const rows: Row[] = [];
  const scans = join(shared, 'devset', 'scans');
  const wanted = args.docs?.split(',');
  const levels = args.levels!.split(',');
  const folders = (await import('node:fs')).readdirSync(scans).filter((f) => levels.some((l) => f.endsWith(`-d${l}`)) && (!wanted || wanted.includes(f.slice(0, 3)))).sort();
  try {
    for (const folder of folders) {
      const dir = join(scans, folder), doc = folder.slice(0, 3);
      const truth = truthOf(doc, dir);
      const seed = Number(doc) * 10 + Number(folder.slice(-1));
      const clean = [await pageImage(dir, 1), await pageImage(dir, 2)];
      const boxed = [...clean];
      const top = await drawESignOverlay(clean[0]!, { seed, at: 'top-right', format: 'jpeg' });
      boxed[0] = top.image;
      keep(`${folder}-p1.jpg`, top.image);
      const cleanResult = await run(await scanPdf(clean), pool, true);
      let signerRow = false;
      if (truth.signer && truth.signerPage) {
        const page = clean[truth.signerPage - 1]!;
        const meta = await sharp(page).metadata();
        const onPage = await run(await scanPdf([page]), pool, true);
        const at = overSignature(onPage, truth.signer, { width: meta.width!, height: meta.height! });
        if (at) {
          const over = await drawESignOverlay(boxed[truth.signerPage - 1]!, { seed: seed + 1, at, signer: 'Ủy ban nhân dân tỉnh Nghệ An', format: 'jpeg' });
          boxed[truth.signerPage - 1] = over.image;
          keep(`${folder}-p${truth.signerPage}.jpg`, over.image);
          signerRow = true;
        } else console.log(`  ${folder}: signer line not found on the clean page's OCR; no box on the signature`);
      }
      const boxedPdf = await scanPdf(boxed);
      const got: Record<Variant, Record<Field, string | null>> = { clean: fieldsOf(cleanResult), before: fieldsOf(await run(boxedPdf, pool, false)), after: fieldsOf(await run(boxedPdf, pool, true)) };
      const want: Record<Field, string | null> = { issuer: truth.issuer, number: truth.number || null, date: truth.date, type: truth.type, signer: signerRow ? truth.signer : null };
      for (const f of ['issuer', 'number', 'date', 'type', 'signer'] as const) if (want[f]) rows.push({ id: folder, field: f, want: want[f]!, got: { clean: got.clean[f], before: got.before[f], after: got.after[f] } });
      process.stderr.write(`  ${folder} done\n`);
    }
  } finally {
    await pool.terminate();
  }
  report(rows);
}

function report(rows: Row[]): void {
  const right = (r: Row, v: Variant) => squash(r.got[v]) === squash(r.want);
  console.log('\ne-signature boxes on devset scan pages: fields right (clean page | box, recognition off = before | box, recognition on = after)');
  console.log(`  ${'field'.padEnd(8)} ${'pages'.padStart(5)} ${'clean'.padStart(7)} ${'before'.padStart(7)} ${'after'.padStart(7)}`);
  const fields: Field[] = ['issuer', 'number', 'date', 'type', 'signer'];
  let all = { n: 0, clean: 0, before: 0, after: 0 };
  for (const f of fields) {
    const rs = rows.filter((r) => r.field === f);
    if (!rs.length) continue;
    const c = (v: Variant) => rs.filter((r) => right(r, v)).length;
    console.log(`  ${f.padEnd(8)} ${String(rs.length).padStart(5)} ${String(c('clean')).padStart(7)} ${String(c('before')).padStart(7)} ${String(c('after')).padStart(7)}`);
    all = { n: all.n + rs.length, clean: all.clean + c('clean'), before: all.before + c('before'), after: all.after + c('after') };
  }
  const pct = (k: number) => `${(100 * k / Math.max(all.n, 1)).toFixed(1)} %`;
  console.log(`  all      ${String(all.n).padStart(5)} ${pct(all.clean).padStart(7)} ${pct(all.before).padStart(7)} ${pct(all.after).padStart(7)}`);
  for (const r of rows) {
    if (!args.verbose && VARIANTS.every((v) => right(r, v) === right(r, 'after'))) continue;
    console.log(`    ${r.id} ${r.field}: want "${r.want}"; ${VARIANTS.map((v) => `${v} ${right(r, v) ? '✓' : '✗'} "${r.got[v] ?? '—'}"`).join(', ')}`);
  }
}

await main();
