/**
 * npm run bench:segment — header accuracy (type, number, issuer, date; each and all four) over
 * ../shared/devset, side by side in one run:
 * Every input goes through the text ingest first, as in the pipeline.
 *   - ground-truth text (docs/NNN.txt),
 *   - English-model OCR text (eng-ocr/NNN.txt) unrestored (the baseline) and AFTER restoration
 *     (the committed model, loaded once, run through restoreStage then segmentStage, as the
 *     pipeline does),
 *   - a naive first-lines regex parser on the same inputs.
 * Then the body structure (section tree and kinds, signer, recipients, annex tables) read from the
 * OCR text, unrestored and restored, is compared with the same read from the GT text.
 * Expected type/number/issuer come from devset/index.json; index.json has no dates, so the
 * expected date is read from the GT's "…, ngày D tháng M năm Y" line with a strict regex (empty
 * when the GT has no such line, as 006 which has no header). Exact comparison is NFC, upper-case,
 * with the ỦY/UỶ and HÓA/HOÁ spellings made equal; the mark-free figures strip all diacritics.
 *   BAOCAO_SHARED=/path/to/shared  data folder; BENCH_DOCS=001,002 restrict; --quiet hides misses.
 *   BENCH_SIGNERS=1 lists every signer name read from GT text and from restored eng-ocr, and the
 *   exact-match rate over the documents whose GT has a signer; BENCH_NAMES=0 turns name evidence
 *   off; BENCH_NAME_TUNING='{"weight":1}' sets NameTuning fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkingDocument } from '../src/core/document.js';
import type { SectionNode, Structure } from '../src/core/segment/schema.js';
import { restoreStage } from '../src/core/restore/stage.js';
import { ingestText } from '../src/ingest/text.js';
import { segmentStage } from '../src/core/segment/stage.js';
import { loadModel } from '../src/model/load.js';
import type { NameModel } from '../src/core/restore/name-model.js';
import { DEV, devIndex, loose, naiveHeader as naive, norm, strictDate, type HeaderFields as Got } from './lib/devset-header.js';

const quiet = process.argv.includes('--quiet');
const index = devIndex();
const FIELDS = ['type', 'number', 'issuer', 'date'] as const;

/** The document as the pipeline has it after ingest (pages, inferred page breaks, paragraphs). */
function docOf(text: string, id: string): WorkingDocument {
  const bytes = new TextEncoder().encode(text);
  const r = ingestText(bytes);
  return {
    source: { path: `${id}.txt`, kind: 'text', sha256: '', bytes: bytes.length, pages: r.pages.length, encoding: r.encoding },
    original: r.original, pages: r.pages, paragraphs: r.paragraphs, diagnostics: r.diagnostics,
  };
}

const structures = new Map<string, Map<string, Structure>>();
function gotOf(doc: WorkingDocument, set?: string, names?: NameModel): Got {
  // As the pipeline does: the restore model's names read a garbled signer back (segment/signer-name.ts).
  const st = segmentStage(doc, names ? { names } : {}).structure;
  if (set && st) (structures.get(set) ?? structures.set(set, new Map()).get(set)!).set(doc.source.path, st);
  const m = st?.meta;
  return { type: m?.type?.name ?? '', number: m?.number ?? '', issuer: m?.issuer?.name ?? '', date: m?.date ?? '' };
}

/** Section tree as "number:kind" in depth-first order, to compare trees read from GT and from OCR. */
function treeOf(xs: readonly SectionNode[], out: string[] = []): string[] {
  for (const x of xs) { out.push(`${x.number}:${x.kind}`); treeOf(x.children, out); }
  return out;
}

/**
 * Body structure read from OCR text against the same read from the GT text (the GT reading is the
 * reference, not a hand check): section tree, signer, recipients, annex tables.
 */
function agreement(label: string, set: string): void {
  const gt = structures.get('gt')!, other = structures.get(set)!;
  const keys = ['top sections', 'tree+kinds', 'signer name', 'signer name mark-free', 'position', 'recipients', 'annex tables'] as const;
  const ok = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
  const misses: string[] = [];
  for (const e of index) {
    const a = gt.get(`${e.id}.txt`)!, b = other.get(`${e.id}.txt`)!;
    const check = (k: (typeof keys)[number], x: unknown, y: unknown) => {
      const same = JSON.stringify(x) === JSON.stringify(y);
      ok[k] += +same;
      if (same || k === 'signer name') return;
      if (Array.isArray(x) && Array.isArray(y)) {
        // Show where the two lists part, not their whole length.
        let at = 0;
        while (at < x.length && JSON.stringify(x[at]) === JSON.stringify(y[at])) at++;
        const from = Math.max(0, at - 1);
        misses.push(`${e.id} ${k} from #${at}: GT ${JSON.stringify(x.slice(from, at + 3))} vs ${JSON.stringify(y.slice(from, at + 3))} (${x.length} vs ${y.length})`);
      } else misses.push(`${e.id} ${k}: GT ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    };
    check('top sections', a.sections.map((x) => x.number), b.sections.map((x) => x.number));
    check('tree+kinds', treeOf(a.sections), treeOf(b.sections));
    check('signer name', a.signature?.name ?? '', b.signature?.name ?? '');
    check('signer name mark-free', loose(a.signature?.name ?? ''), loose(b.signature?.name ?? ''));
    check('position', norm(a.signature?.position ?? ''), norm(b.signature?.position ?? ''));
    check('recipients', a.recipients.length, b.recipients.length);
    check('annex tables', a.annexes.map((x) => x.tables.map((t) => [t.columns.length, t.rows.length])), b.annexes.map((x) => x.tables.map((t) => [t.columns.length, t.rows.length])));
  }
  const pct = (x: number) => `${((100 * x) / index.length).toFixed(1)}%`;
  console.log(`${label.padEnd(34)} ${keys.map((k) => `${k} ${pct(ok[k])}`).join('  ')}`);
  if (!quiet) for (const m of misses) console.log('      diff', m);
}

const read = (...p: string[]) => readFileSync(join(DEV, ...p), 'utf8');
const gtText = new Map(index.map((e) => [e.id, read('docs', `${e.id}.txt`)]));
const ocrText = new Map(index.map((e) => [e.id, read('eng-ocr', `${e.id}.txt`)]));

function score(label: string, results: Map<string, Got>, showMisses: boolean): number {
  const ok = { type: 0, number: 0, issuer: 0, date: 0, all: 0 };
  const okLoose = { ...ok };
  const misses: string[] = [];
  for (const e of index) {
    const want: Got = { type: e.type, number: e.number, issuer: e.issuer, date: strictDate(gtText.get(e.id)!) };
    const got = results.get(e.id)!;
    let all = true, allLoose = true;
    for (const f of FIELDS) {
      const hit = norm(got[f]) === norm(want[f]);
      const hitLoose = loose(got[f]) === loose(want[f]);
      ok[f] += +hit; okLoose[f] += +hitLoose; all &&= hit; allLoose &&= hitLoose;
      if (!hit) misses.push(`${e.id} ${f}: want "${want[f]}" got "${got[f]}"`);
    }
    ok.all += +all; okLoose.all += +allLoose;
  }
  const pct = (x: number) => `${((100 * x) / index.length).toFixed(1)}%`.padStart(6);
  console.log(`${label.padEnd(34)} type ${pct(ok.type)} number ${pct(ok.number)} issuer ${pct(ok.issuer)} date ${pct(ok.date)}  ALL-4 ${pct(ok.all)}  | mark-free all-4 ${pct(okLoose.all)}`);
  if (showMisses && !quiet) for (const m of misses) console.log('      miss', m);
  return ok.all / index.length;
}

const nameOptions = {
  ...(process.env.BENCH_NAMES === '0' ? { names: false } : {}),
  ...(process.env.BENCH_NAME_TUNING ? { nameTuning: JSON.parse(process.env.BENCH_NAME_TUNING) } : {}),
};

/** Signer names read from the GT text and from restored eng-ocr, over the documents with a GT signer. */
function signers(): void {
  const gt = structures.get('gt')!, restored = structures.get('restored')!, plain = structures.get('restored-no-names')!;
  let n = 0, ok = 0, okPlain = 0, flagged = 0;
  for (const e of index) {
    const want = gt.get(`${e.id}.txt`)?.signature?.name ?? '', sig = restored.get(`${e.id}.txt`)?.signature, got = sig?.name ?? '';
    const before = plain.get(`${e.id}.txt`)?.signature?.name ?? '';
    if (!want) continue;
    n++;
    ok += +(want === got);
    okPlain += +(want === before);
    flagged += +(want !== got && !!sig?.uncertain?.includes('name'));
    const note = before !== got ? ` (without the names model: ${JSON.stringify(before)})` : '';
    console.log(`  ${e.id} ${want === got ? 'ok  ' : 'MISS'} GT ${JSON.stringify(want)} restored ${JSON.stringify(got)}${sig?.uncertain ? ' [uncertain]' : ''}${note}`);
  }
  console.log(`signer names (eng-ocr restored vs GT): ${ok}/${n} exact = ${((100 * ok) / n).toFixed(1)}%; without the names model in segment ${okPlain}/${n}; misses flagged uncertain ${flagged}/${n - ok}`);
}

function main(): void {
  console.log(`devset: ${index.length} documents (${DEV})`);
  const t0 = performance.now();
  const model = loadModel();
  console.log(`model load ${(performance.now() - t0).toFixed(0)} ms`);

  const gt = new Map(index.map((e) => [e.id, gotOf(docOf(gtText.get(e.id)!, e.id), 'gt', model.names)]));
  const gtNaive = new Map(index.map((e) => [e.id, naive(gtText.get(e.id)!)]));
  const ocrRaw = new Map(index.map((e) => [e.id, gotOf(docOf(ocrText.get(e.id)!, e.id), 'raw')]));
  const ocrNaive = new Map(index.map((e) => [e.id, naive(ocrText.get(e.id)!)]));
  const t1 = performance.now();
  const ocrRestored = new Map<string, Got>();
  const restoredNaive = new Map<string, Got>();
  const readFrom = new Map<string, number>();
  for (const e of index) {
    const doc = restoreStage(docOf(ocrText.get(e.id)!, e.id), { model, ...nameOptions });
    restoredNaive.set(e.id, naive(doc.restored ?? doc.original));
    gotOf(doc, 'restored-no-names');
    ocrRestored.set(e.id, gotOf(doc, 'restored', model.names));
    readFrom.set(doc.structureFrom ?? '?', (readFrom.get(doc.structureFrom ?? '?') ?? 0) + 1);
  }
  console.log(`the segmenter read, after restoration: ${[...readFrom].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`restore + segment of the eng-ocr set: ${((performance.now() - t1) / 1000).toFixed(1)} s\n`);

  const g = score('GT text, segment', gt, true);
  score('GT text, naive baseline', gtNaive, false);
  const raw = score('eng-ocr unrestored, segment', ocrRaw, false);
  score('eng-ocr unrestored, naive', ocrNaive, false);
  const r = score('eng-ocr RESTORED, segment', ocrRestored, true);
  score('eng-ocr restored, naive', restoredNaive, false);
  console.log('\nbody structure from eng-ocr vs the same read from GT text:');
  agreement('eng-ocr unrestored', 'raw');
  agreement('eng-ocr RESTORED', 'restored');
  if (process.env.BENCH_SIGNERS === '1') { console.log('\nsigners:'); signers(); }
  console.log(`\nbars: GT all-4 ${(100 * g).toFixed(1)}% (≥ 95%) ${g >= 0.95 ? 'PASS' : 'FAIL'}; eng-ocr restored all-4 ${(100 * r).toFixed(1)}% (≥ 85%) ${r >= 0.85 ? 'PASS' : 'FAIL'}; restored vs unrestored ${(100 * r).toFixed(1)}% vs ${(100 * raw).toFixed(1)}%`);
}

main();
