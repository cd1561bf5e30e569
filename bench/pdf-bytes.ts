/**
 * Peak RSS of converting one big PDF in a batch, this tree beside the base commit (BENCH_BASE,
 * default 2ddc70d), each run in a process of its own: the PDF thread took a copy of the file's
 * bytes; now the batch reads a PDF into a SharedArrayBuffer that the thread shares. The PDF is made
 * here (bench/.work/pdf-bytes/): pages of an incompressible JPEG of noise under a line of text,
 * read with --ocr never (what is measured is the bytes' copies, not OCR).
 * Run: npm run bench:pdf-bytes [-- --pages 40 --runs 2]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { baseSource } from './lib/base-source.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const pages = Number(arg('--pages') ?? 40);
const runs = Number(arg('--runs') ?? 2);
const root = fileURLToPath(new URL('..', import.meta.url));
const child = fileURLToPath(new URL('./lib/pdf-bytes-child.ts', import.meta.url));

async function bigPdf(): Promise<string> {
  const dir = join(root, 'bench', '.work', 'pdf-bytes');
  const path = join(dir, `noise-${pages}p.pdf`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const side = 1600;
  const noise = Buffer.alloc(side * side);
  let s = 7;
  for (let p = 0; p < pages; p++) {
    for (let i = 0; i < noise.length; i++) { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; noise[i] = s & 0xff; }
    const jpeg = await sharp(noise, { raw: { width: side, height: side, channels: 1 } }).jpeg({ quality: 95 }).toBuffer();
    const page = doc.addPage([595, 842]);
    page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: 595, height: 842 });
    page.drawText(`Bao cao ket qua cong tac tuyen truyen nam 2023, trang ${p + 1}`, { x: 40, y: 800, size: 12, font });
  }
  writeFileSync(path, await doc.save());
  return path;
}

function measure(srcRoot: string, file: string): { maxRssMb: number; cpuSeconds: number; status: string; pages: number; mb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, srcRoot, file], { cwd: root, maxBuffer: 1 << 20 }).toString();
  return JSON.parse(out.trim().split('\n').pop()!);
}

const file = await bigPdf();
const baseRef = process.env.BENCH_BASE ?? '2ddc70d';
const base = baseSource(root, baseRef);
const rows: string[] = [];
for (let k = 0; k < runs; k++) {
  for (const [label, srcRoot] of [['this tree', root], [`base ${baseRef}`, base]] as const) {
    if (!srcRoot) continue;
    const r = measure(srcRoot, file);
    rows.push(`| ${label} | ${r.mb.toFixed(1)} | ${r.pages} | ${r.status} | ${r.maxRssMb.toFixed(0)} | ${r.cpuSeconds.toFixed(2)} |`);
  }
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| code | PDF MB | pages | status | peak RSS MB | CPU s |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));
