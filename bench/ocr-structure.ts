/**
 * Structure vs GT (acceptance of issue 5): the pipeline run on a devset scan.pdf must give the
 * same header fields and section tree as the same pipeline on that scan's ground-truth layout
 * text (gt.txt, identical lines and page breaks). Each difference is attributed to a stage by
 * looking for the GT wording in the scan's raw OCR text and in its restored text:
 *   OCR          the GT wording is not in the raw OCR text and restoration did not bring it back
 *   restoration  the raw OCR text has it (marks aside) but the restored text does not
 *   segmentation both texts have it, yet the structure differs
 * Run alone: npx tsx bench/ocr-structure.ts --levels 1,3 [--docs 001,017] [--verbose]
 * [--ocr-cache bench/.work/ocr-pages] (OCR page results kept by image hash: reruns after a
 * segmentation change skip tesseract); bench/ocr.ts runs it as its "structure vs GT" row.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { convert, type ConvertOptions } from '../src/pipeline/index.js';
import type { DocumentResult } from '../src/core/schema.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';

interface SectionLike { number: string; level: number; kind: string; marker: string; heading: string; children?: SectionLike[] }
interface MetaLike { type?: { code: string } | null; number?: string | null; issuer?: { name: string; parent: string | null } | null; place?: string | null; date?: string | null; title?: string | null; motto?: boolean }

export interface StructureDiff { doc: string; what: string; gt: string; scan: string; cause: 'OCR' | 'restoration' | 'segmentation' }
export interface StructureReport { docs: number; metaFields: number; metaSame: number; sections: number; sectionsSame: number; diffs: StructureDiff[] }

const META_FIELDS: [string, (m: MetaLike) => string][] = [
  ['type', (m) => m.type?.code ?? ''],
  ['number', (m) => m.number ?? ''],
  ['issuer', (m) => m.issuer?.name ?? ''],
  ['issuer.parent', (m) => m.issuer?.parent ?? ''],
  ['place', (m) => m.place ?? ''],
  ['date', (m) => m.date ?? ''],
  ['title', (m) => m.title ?? ''],
  ['motto', (m) => String(m.motto ?? '')],
];

/** Pre-order list of sections as "number|level|kind" keys with their headings. */
function flatten(sections: SectionLike[] | undefined, out: { key: string; s: SectionLike }[] = []): { key: string; s: SectionLike }[] {
  for (const s of sections ?? []) {
    out.push({ key: `${s.number}|${s.level}|${s.kind}`, s });
    flatten(s.children, out);
  }
  return out;
}

/** Longest common subsequence alignment of two key lists: pairs of indices (−1 for a gap). */
function align(a: string[], b: string[]): [number, number][] {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) {
    dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  }
  const pairs: [number, number][] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) pairs.push([i++, j++]);
    else if (j >= b.length || (i < a.length && dp[i + 1]![j]! >= dp[i]![j + 1]!)) pairs.push([i++, -1]);
    else pairs.push([-1, j++]);
  }
  return pairs;
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const unmarked = (s: string) => squash(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

/** `part` occurs in `text` as whole words (not inside a longer word or code). */
function has(text: string, part: string): boolean {
  const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** Which stage lost `gtText` (a GT header field value) in the scan's conversion. */
function blame(gtText: string, scan: DocumentResult): StructureDiff['cause'] {
  const text = scan.text as { original: string; restored?: string | null };
  // Header fields are looked for in the header lines only (a title recurs in the body).
  const top = (t: string) => t.split('\n').slice(0, 20).join('\n');
  const raw = squash(top(text.original)), restored = squash(top(text.restored ?? text.original));
  const want = squash(gtText);
  if (want === '' || has(restored, want)) return 'segmentation';
  // The raw OCR text has the words (or the same letters without marks): restoration lost them.
  return has(raw, want) || has(unmarked(raw), unmarked(gtText)) ? 'restoration' : 'OCR';
}

export function compareStructure(doc: string, gt: DocumentResult, scan: DocumentResult, into: StructureReport): void {
  into.docs++;
  const gm = (gt as { meta?: MetaLike }).meta ?? {}, sm = (scan as { meta?: MetaLike }).meta ?? {};
  for (const [name, get] of META_FIELDS) {
    into.metaFields++;
    const g = get(gm), s = get(sm);
    if (squash(g) === squash(s)) { into.metaSame++; continue; }
    into.diffs.push({ doc, what: `meta.${name}`, gt: g, scan: s, cause: name === 'motto' ? 'segmentation' : blame(g, scan) });
  }
  const a = flatten((gt as { sections?: SectionLike[] }).sections), b = flatten((scan as { sections?: SectionLike[] }).sections);
  into.sections += a.length;
  const lostGt: number[] = [], extraScan: number[] = [];
  for (const [i, j] of align(a.map((x) => x.key), b.map((x) => x.key))) {
    if (i >= 0 && j >= 0) into.sectionsSame++;
    else if (i >= 0) lostGt.push(i);
    else extraScan.push(j);
  }
  const label = (x: { key: string; s: SectionLike }) => `${x.key} "${x.s.heading.slice(0, 50)}"`;
  const sameHeading = (x: SectionLike, y: SectionLike) => x.number === y.number && squash(x.heading).slice(0, 30) === squash(y.heading).slice(0, 30);
  for (const i of lostGt) {
    const g = a[i]!;
    const k = extraScan.findIndex((j) => sameHeading(g.s, b[j]!.s));
    if (k >= 0) {
      // Found with the same number and heading: only its level or kind differs (mostly a lost parent).
      into.diffs.push({ doc, what: 'section level/kind differs', gt: label(g), scan: label(b[extraScan[k]!]!), cause: 'segmentation' });
      extraScan.splice(k, 1);
      continue;
    }
    const { cause, line } = blameHeading(g.s, scan);
    into.diffs.push({ doc, what: 'section missing in scan', gt: label(g), scan: line === null ? '—' : `line read: "${line.slice(0, 60)}"`, cause });
  }
  for (const j of extraScan) into.diffs.push({ doc, what: 'extra section in scan', gt: '—', scan: label(b[j]!), cause: 'segmentation' });
}

/**
 * Why a GT section heading is missing from the scan's tree: the raw OCR line that holds its
 * heading words is found; a marker read differently ("I ĐÁNH GIÁ" for "I. ĐÁNH GIÁ") is OCR,
 * words changed by restoration are restoration, an intact line is segmentation.
 */
function blameHeading(s: SectionLike, scan: DocumentResult): { cause: StructureDiff['cause']; line: string | null } {
  const text = scan.text as { original: string; restored?: string | null };
  const raw = text.original.split(/\n|\f/), restored = (text.restored ?? text.original).split(/\n|\f/);
  const head = squash(s.heading).slice(0, 25);
  const find = (lines: string[], f: (l: string) => string) => lines.findIndex((l) => f(l).includes(f(head)));
  let k = find(restored, squash);
  if (k < 0) {
    k = find(raw, unmarked);
    if (k < 0) return { cause: 'OCR', line: null };
    return { cause: squash(raw[k]!).includes(head) ? 'restoration' : 'OCR', line: raw[k]! };
  }
  const marker = s.marker === 'dash' || s.marker === 'plus' ? s.number : s.number.replace(/^(Phần|Chương|Điều)\s*/u, '');
  const start = squash(restored[k]!).split(head)[0]!;
  const gtLike = new RegExp(`^\\s*(phần|chương|điều)?\\s*${marker.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${s.marker === 'dash' || s.marker === 'plus' ? '' : '\\s*[.):]'}\\s*$`, 'u');
  if (gtLike.test(start)) return { cause: 'segmentation', line: restored[k]! };
  return { cause: squash(raw[k] ?? '').split(head)[0] === start ? 'OCR' : 'restoration', line: raw[k] ?? restored[k]! };
}

/** Runs the comparison for the scans of the given quality levels with a shared OCR pool. */
export async function structureVsGt(scansDir: string, levels: string[], pool: OcrPool, only?: string[]): Promise<Map<string, StructureReport>> {
  const { loadModel } = await import('../src/model/load.js');
  const options: ConvertOptions = { restore: { model: loadModel() }, segment: {} };
  const reports = new Map<string, StructureReport>();
  for (const level of levels) {
    const report: StructureReport = { docs: 0, metaFields: 0, metaSame: 0, sections: 0, sectionsSame: 0, diffs: [] };
    const ids = readdirSync(scansDir).filter((d) => d.endsWith(`-d${level}`) && (!only || only.some((o) => d.startsWith(o)))).sort();
    for (const id of ids) {
      const gtData = new Uint8Array(readFileSync(join(scansDir, id, 'gt.txt')));
      const gt = await convert({ path: `${id}/gt.txt`, data: gtData }, options);
      const scan = await convert({ path: `${id}/scan.pdf`, data: new Uint8Array(readFileSync(join(scansDir, id, 'scan.pdf'))) }, { ...options, ingest: { ocr: pool } });
      compareStructure(id, gt, scan, report);
    }
    reports.set(level, report);
  }
  return reports;
}

export function printStructureReport(level: string, r: StructureReport, verbose: boolean): void {
  const byCause = (c: StructureDiff['cause']) => r.diffs.filter((d) => d.cause === c).length;
  console.log(`  structure vs GT d${level}: ${r.docs} docs, header fields same ${r.metaSame}/${r.metaFields}, sections same ${r.sectionsSame}/${r.sections}; differences by cause: OCR ${byCause('OCR')}, restoration ${byCause('restoration')}, segmentation ${byCause('segmentation')}`);
  if (verbose) for (const d of r.diffs) console.log(`    ${d.doc} ${d.what} [${d.cause}]  GT: ${d.gt}  scan: ${d.scan}`);
}

/** A pool that answers pages it has seen (same image bytes) from `dir`, so only new images are OCR'd. */
export function cachingPool(inner: OcrPool, dir: string): OcrPool {
  mkdirSync(dir, { recursive: true });
  return {
    size: inner.size,
    terminate: () => inner.terminate(),
    recognize: async (image, options) => {
      // Options beyond the psm are keyed only when given, so readings cached before they existed still answer
      // (the key still names the whitelist option the engines once had, so character-box readings cached then answer too).
      const extra = options?.symbols ? JSON.stringify({ symbols: true, whitelist: '' }) : '';
      const file = join(dir, `${createHash('sha1').update(image).update(options?.psm ?? '').update(extra).digest('hex')}.json`);
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
      const result = await inner.recognize(image, options);
      writeFileSync(file, JSON.stringify(result));
      return result;
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({ options: { levels: { type: 'string', default: '1,3' }, docs: { type: 'string' }, jobs: { type: 'string', default: '2' }, verbose: { type: 'boolean', default: true }, 'ocr-cache': { type: 'string' } } });
  const shared = process.env.BAOCAO_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
  const inner = createOcrPool({ jobs: Number(values.jobs) });
  const pool = values['ocr-cache'] ? cachingPool(inner, values['ocr-cache']) : inner;
  try {
    const reports = await structureVsGt(join(shared, 'devset', 'scans'), values.levels!.split(','), pool, values.docs?.split(','));
    for (const [level, r] of reports) printStructureReport(level, r, values.verbose!);
  } finally {
    await pool.terminate();
  }
}
