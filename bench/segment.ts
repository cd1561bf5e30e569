/**
 * Header accuracy over /work/shared/devset from the ground-truth text (docs/NNN.txt) and the
 * English-model OCR text (eng-ocr/NNN.txt, unrestored unless a restorer is wired), against a
 * naive first-lines regex baseline. Expected type/number/issuer come from index.json; the
 * expected date is read from the GT's "…, ngày D tháng M năm Y" line with a strict regex.
 * Comparison is case-insensitive and mark-free-insensitive only where stated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentLines } from '../src/core/segment/segment.js';
import { linesFromText } from '../src/core/segment/lines.js';
import { stripMarks } from '../src/core/vi-text/marks.js';

const DEV = '/work/shared/devset';
interface Entry { id: string; type: string; issuer: string; number: string }
const index = JSON.parse(readFileSync(join(DEV, 'index.json'), 'utf8')) as Entry[];
const norm = (s: string) => s.normalize('NFC').toUpperCase().replace(/UỶ/g, 'ỦY').replace(/HOÁ/g, 'HÓA').replace(/\s+/g, ' ').trim();
const loose = (s: string) => stripMarks(norm(s));

function strictDate(text: string): string {
  const m = /,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(text.split('\n').slice(0, 12).join('\n'));
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
}

/** Baseline: regexes over the first 12 lines, first match wins. */
function naive(text: string) {
  const head = text.split('\n').slice(0, 12);
  const number = head.map((l) => /S[ốo6]\s*:\s*(\S+)/iu.exec(l)?.[1]).find(Boolean) ?? '';
  const type = head.find((l) => /^\s*(THÔNG BÁO|KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|BÁO CÁO|TỜ TRÌNH|THONG BAO|KE HOACH|QUYET DINH|CHI THI)\s*$/iu.test(l))?.trim() ?? '';
  const issuer = head[0]?.split(/\s{2,}/)[0]?.trim() ?? '';
  const d = /ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})/iu.exec(head.join('\n'));
  return { type, number, issuer, date: d ? `${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}` : '' };
}

function ours(text: string) {
  const { structure: s } = segmentLines(linesFromText(text));
  return { type: s.meta.type?.name ?? (s.meta.number ? 'Công văn' : ''), number: s.meta.number ?? '', issuer: s.meta.issuer?.name ?? '', date: s.meta.date ?? '' };
}

type Got = ReturnType<typeof ours>;
function score(label: string, file: (id: string) => string, parse: (t: string) => Got) {
  const fields = ['type', 'number', 'issuer', 'date'] as const;
  const ok = { type: 0, number: 0, issuer: 0, date: 0, all: 0 };
  const okLoose = { ...ok };
  const misses: string[] = [];
  for (const e of index) {
    const gt = readFileSync(join(DEV, 'docs', `${e.id}.txt`), 'utf8');
    const want = { type: e.type, number: e.number, issuer: e.issuer, date: strictDate(gt) };
    const got = parse(readFileSync(file(e.id), 'utf8'));
    let all = true, allLoose = true;
    for (const f of fields) {
      const hit = norm(got[f]) === norm(want[f]);
      const hitLoose = loose(got[f]) === loose(want[f]);
      ok[f] += +hit; okLoose[f] += +hitLoose; all &&= hit; allLoose &&= hitLoose;
      if (!hit && misses.length < 12) misses.push(`${e.id} ${f}: want "${want[f]}" got "${got[f]}"`);
    }
    ok.all += +all; okLoose.all += +allLoose;
  }
  const pct = (x: number) => `${((100 * x) / index.length).toFixed(1)}%`;
  console.log(`${label.padEnd(28)} type ${pct(ok.type)}  number ${pct(ok.number)}  issuer ${pct(ok.issuer)}  date ${pct(ok.date)}  all-4 ${pct(ok.all)}   | mark-free: all-4 ${pct(okLoose.all)} (type ${pct(okLoose.type)} number ${pct(okLoose.number)} issuer ${pct(okLoose.issuer)} date ${pct(okLoose.date)})`);
  if (process.argv.includes('--misses')) for (const m of misses) console.log('   ', m);
}

console.log(`devset: ${index.length} documents`);
score('GT text, segment', (id) => join(DEV, 'docs', `${id}.txt`), ours);
score('GT text, naive baseline', (id) => join(DEV, 'docs', `${id}.txt`), naive);
score('eng-ocr (unrestored), segment', (id) => join(DEV, 'eng-ocr', `${id}.txt`), ours);
score('eng-ocr (unrestored), naive', (id) => join(DEV, 'eng-ocr', `${id}.txt`), naive);
