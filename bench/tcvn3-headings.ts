/**
 * npm run bench:tcvn3-headings — TCVN3 plain text whose headings were set in the capitals-only
 * .VnTimeH font. Each devset ground-truth document (../shared/devset/docs) is written in TCVN3 the
 * two ways typists did it: "lower codes" (every letter of an all-caps line typed in lower case; the
 * font drew capitals) and "caps lock" (ASCII capitals typed as capitals, toned vowels with their
 * lower-case codes, as VN3 has no others). In running text a capital VN3 lacks takes the lower-case
 * code in both. Each file is converted without restoration (decode, then segmentation) by this
 * commit and by the base (BENCH_BASE, default 2ddc70d; its src/ from git) in the same run.
 * Figures: all-caps lines of the truth read back in capitals, lines put in capitals that the
 * truth has in lower or mixed case, and the header's type, number and date right (index.json).
 * `-- --dir DIR` measures the lines of every .txt file in DIR instead (no header facts: fields
 * are not scored), e.g. ../shared/real-scans/gt, whose pages are wrapped at the scan's line width.
 *   BAOCAO_SHARED=/path/to/shared   BENCH_BASE=<ref> | none
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convert as convertNow } from '../src/pipeline/index.js';
import { baseSource } from './lib/base-source.js';
import { DEV, devIndex, norm, strictDate } from './lib/devset-header.js';

type Convert = typeof convertNow;
const root = resolve(import.meta.dirname, '..');

/** VN3's byte for each character it has (from glibc's VN1 table: VN1 = VN3 + the capitals VN3 lacks). */
function vn3Table(): Map<string, number> {
  const table = new Map<string, number>();
  for (let b = 0x20; b < 256; b++) {
    if (b >= 0x80 && b < 0xa0) continue;
    try {
      const ch = execFileSync('iconv', ['-f', 'TCVN5712-1', '-t', 'UTF-8'], { input: Buffer.from([b]), stdio: ['pipe', 'pipe', 'ignore'] }).toString('utf8').normalize('NFC');
      if ([...ch].length === 1 && !table.has(ch)) table.set(ch, b);
    } catch { /* no character */ }
  }
  for (const b of [0x09, 0x0a, 0x0d]) table.set(String.fromCharCode(b), b);
  return table;
}
const VN3 = vn3Table();
/** A character's byte; a capital with a tone mark (VN3 has none: VN1 put them elsewhere) takes its lower-case letter's. */
const toned = (ch: string) => /[\u0300\u0301\u0303\u0309\u0323]/.test(ch.normalize('NFD'));
const byteOf = (ch: string) => (ch !== ch.toLowerCase() && toned(ch) ? VN3.get(ch.toLowerCase()) : VN3.get(ch)) ?? VN3.get(ch.toLowerCase()) ?? 0x3f;
const isCapsLine = (line: string) => /\p{Lu}/u.test(line) && line === line.toUpperCase();

function encode(text: string, style: 'lower codes' | 'caps lock'): Uint8Array {
  const out: number[] = [];
  for (const line of text.split(/(?<=\n)/)) {
    const typed = style === 'lower codes' && isCapsLine(line) ? line.toLowerCase() : line;
    for (const ch of typed) out.push(byteOf(ch));
  }
  return Uint8Array.from(out);
}

async function loadBase(): Promise<Convert | undefined> {
  const ref = process.env.BENCH_BASE ?? '2ddc70d';
  const dir = baseSource(root, ref);
  if (!dir) return undefined;
  return ((await import(join(dir, 'src', 'pipeline', 'index.ts'))) as { convert: Convert }).convert;
}

const dirAt = process.argv.indexOf('--dir');
const dir = dirAt > 0 ? process.argv[dirAt + 1] : undefined;
/** The documents measured: the devset's with their index entries, or a folder's .txt files. */
const DOCS: Array<{ id: string; path: string; entry?: ReturnType<typeof devIndex>[number] }> = dir
  ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ id: f, path: join(dir, f) }))
  : devIndex().map((e) => ({ id: e.id, path: join(DEV, 'docs', `${e.id}.txt`), entry: e }));

interface Tally { caps: number; capsRight: number; wrongCaps: number; type: number; number: number; date: number }

async function measure(convert: Convert, style: 'lower codes' | 'caps lock'): Promise<Tally> {
  const t: Tally = { caps: 0, capsRight: 0, wrongCaps: 0, type: 0, number: 0, date: 0 };
  for (const { id, path, entry: e } of DOCS) {
    const truth = readFileSync(path, 'utf8').normalize('NFC').replace(/\r\n/g, '\n');
    const doc = await convert({ path: `${id}.txt`, data: encode(truth, style) }, { restore: false });
    const got = doc.text.original.split('\n');
    truth.split('\n').forEach((line, i) => {
      const read = got[i] ?? '';
      if (isCapsLine(line)) { t.caps++; if (isCapsLine(read)) t.capsRight++; }
      else if (isCapsLine(read) && !isCapsLine(line) && read !== line) t.wrongCaps++;
    });
    if (!e) continue;
    const meta = doc.meta;
    if (!meta) continue;
    if (meta.type && norm(meta.type.name) === norm(e.type)) t.type++;
    if ((meta.number ?? '') === e.number) t.number++;
    if ((meta.date ?? '') === strictDate(truth)) t.date++;
  }
  return t;
}

const base = await loadBase();
const n = DOCS.length;
console.log(`TCVN3 with .VnTimeH headings, ${n} ${dir ? `files of ${dir}` : 'devset documents'}, no restoration (this commit | base ${process.env.BENCH_BASE ?? '2ddc70d'})`);
console.log('typing        all-caps lines in capitals   put in capitals wrongly   type    number  date');
for (const style of ['lower codes', 'caps lock'] as const) {
  const row = (t: Tally) => `${t.capsRight}/${t.caps}`.padEnd(29) + String(t.wrongCaps).padEnd(26) + [t.type, t.number, t.date].map((v) => (dir ? '—' : `${v}/${n}`).padEnd(8)).join('');
  console.log(`${style.padEnd(13)} ${row(await measure(convertNow, style))}`);
  if (base) console.log(`${'  base'.padEnd(13)} ${row(await measure(base, style))}`);
}
