/**
 * npm run bench:esign-date — how a document's written date stands to its e-signatures' times
 * (docs/handwriting.md, "Session 14"): for each real document with a date in fields.json and an
 * e-signature time in baocao's output (meta.eSignatures: PDF signature fields and signing boxes
 * read from the page), the days from the date to each signing day (Vietnam's local day, UTC+7).
 * Counted per half: `--detail ids` (the development half) is listed document by document, the
 * others only counted, so a held-out half stays unseen.
 *   BAOCAO_SHARED=/work/heldout2-shared npx tsx bench/esign-date.ts --raw-cache DIR --detail vbhc-01,…
 *   --ids a,b  only these documents
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { convert } from '../src/pipeline/index.js';
import { loadModel } from '../src/model/load.js';
import { createOcrPool } from '../src/ingest/ocr/pool.js';
import { signingDay } from '../src/core/segment/signing-date.js';
import type { DocumentResult } from '../src/core/schema.js';
import { REAL_SCANS, realScanFields, realScanFile } from './lib/real-scans.js';
import { cachingPool } from './ocr-structure.js';

const { values: args } = parseArgs({ options: { ids: { type: 'string' }, detail: { type: 'string', default: '' }, 'raw-cache': { type: 'string', default: '' }, jobs: { type: 'string', default: '2' } } });
const detail = new Set(args.detail!.split(',').filter(Boolean));

const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

interface Row { id: string; date: string | null; signed: { source: string; day: string | null; time: string | null }[]; found: string | null; uncertain: boolean; dateSource?: string; suggested?: string; pen: string[] }

/** The pen's day and month readings, each glyph's three likeliest digits. */
function penOf(result: DocumentResult): string[] {
  const top = (p: number[]) => p.map((x, d) => [d, x] as const).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([d, x]) => `${d}:${x.toFixed(2)}`).join(' ');
  return result.pages.flatMap((pg) => (pg.penFills ?? []).filter((f) => f.field !== 'number').map((f) => `${f.field} ${f.digits} [${(f.digitProbs ?? []).map(top).join(' | ')}]`));
}

const model = loadModel();
const inner = createOcrPool({ jobs: Number(args.jobs) });
const pool = args['raw-cache'] ? cachingPool(inner, args['raw-cache']) : inner;
const rows: Row[] = [];
console.log(`bench:esign-date — ${REAL_SCANS}`);
try {
  for (const f of realScanFields(args.ids)) {
    const file = realScanFile(f.id);
    const result = await convert({ path: file, data: new Uint8Array(readFileSync(file)) }, { restore: { model }, segment: {}, ingest: { ocr: pool } }) as DocumentResult;
    const signed = (result.meta?.eSignatures ?? []).map((s) => ({ source: s.source, day: s.time ? signingDay(s.time) : null, time: s.time }));
    rows.push({ id: f.id, date: f.date, signed, found: result.meta?.date ?? null, uncertain: result.meta?.uncertain?.includes('date') ?? false, dateSource: result.meta?.dateSource, suggested: result.meta?.dateSuggestion?.date, pen: penOf(result) });
  }
} finally {
  await pool.terminate();
}

/** Days from the written date to a signing day (negative: signed before the date). */
const gaps = (r: Row) => r.signed.filter((s) => s.day !== null && r.date !== null).map((s) => dayNumber(s.day!) - dayNumber(r.date!));

for (const r of rows.filter((x) => detail.has(x.id))) {
  console.log(`  ${r.id}  date ${r.date ?? '—'}  found ${r.found ?? '—'}${r.uncertain ? ' (uncertain)' : ''}${r.dateSource ? ` [${r.dateSource}]` : ''}${r.suggested ? `  suggested ${r.suggested}` : ''}`);
  for (const p of r.pen) console.log(`      pen ${p}`);
  for (const s of r.signed) console.log(`      ${s.source.padEnd(14)} ${String(s.time).padEnd(26)} day ${s.day ?? '—'}  gap ${s.day && r.date ? dayNumber(s.day) - dayNumber(r.date) : '—'}`);
}

function summary(name: string, xs: Row[]): void {
  if (!xs.length) return;
  const withTime = xs.filter((r) => r.date !== null && gaps(r).length > 0);
  const earliest = withTime.map((r) => Math.min(...gaps(r))), latest = withTime.map((r) => Math.max(...gaps(r)));
  const bucket = (g: number[]) => {
    const n = (p: (x: number) => boolean) => g.filter(p).length;
    return `before the date ${n((x) => x < 0)}, same day ${n((x) => x === 0)}, 1–3 days ${n((x) => x >= 1 && x <= 3)}, 4–14 ${n((x) => x >= 4 && x <= 14)}, later ${n((x) => x > 14)}`;
  };
  console.log(`\n${name}: ${xs.length} documents, ${withTime.length} with a date and a readable signing time (${xs.filter((r) => r.signed.length > 0).length} with an e-signature)`);
  console.log(`  earliest signature: ${bucket(earliest)}`);
  console.log(`  latest signature:   ${bucket(latest)}`);
  const sources = [...new Set(xs.flatMap((r) => r.signed.map((s) => s.source)))];
  for (const src of sources) {
    const g = xs.flatMap((r) => r.signed.filter((s) => s.source === src && s.day !== null && r.date !== null).map((s) => dayNumber(s.day!) - dayNumber(r.date!)));
    console.log(`  each ${src} (${g.length}): ${bucket(g)}; unreadable time ${xs.flatMap((r) => r.signed.filter((s) => s.source === src && s.day === null)).length}`);
  }
  const sorted = [...earliest].sort((a, b) => a - b);
  if (sorted.length) console.log(`  earliest signature − date, days: median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`);
}
const count = (xs: Row[]) => {
  const right = xs.filter((r) => r.found !== null && r.found === r.date).length, wrong = xs.filter((r) => r.found !== null && r.found !== r.date).length;
  const sug = xs.filter((r) => r.found === null && r.suggested), sugRight = sug.filter((r) => r.suggested === r.date).length;
  const chosen = xs.filter((r) => r.dateSource === 'pen+e-signature'), chosenRight = chosen.filter((r) => r.found === r.date).length;
  return `date right ${right}, wrong ${wrong} (chosen among the pen's readings by the signing day: ${chosen.length}, right ${chosenRight}; flagged uncertain ${xs.filter((r) => r.uncertain && r.found !== null && r.found !== r.date).length} of the wrong), empty ${xs.length - right - wrong} (of which a signing day suggested: ${sug.length}, right ${sugRight}); counting suggestions as read: right ${right + sugRight}, wrong ${wrong + sug.length - sugRight}`;
};
console.log(`\n${count(rows)}`);
if (detail.size) console.log(`  development half: ${count(rows.filter((r) => detail.has(r.id)))}\n  held-out half: ${count(rows.filter((r) => !detail.has(r.id)))}`);
summary('all', rows);
if (detail.size) {
  summary('detail (development half)', rows.filter((r) => detail.has(r.id)));
  summary('the others (held out)', rows.filter((r) => !detail.has(r.id)));
}
