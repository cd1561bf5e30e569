/**
 * Where an OCR-then-restore path loses ground-truth syllables (bench:eng-real-errors for English-model
 * OCR, bench:vie-real-errors for the Vietnamese path). The restored text and the raw OCR reading are
 * each aligned to the ground truth (as bench:real scores it: whole page, case-sensitive) and every GT
 * syllable the restored text misses is put in one class:
 *   ocr-dropped   no raw token aligned to it: the OCR lost or merged it (no restorer can bring it back)
 *   ocr-skeleton  the raw token's letters (marks stripped, lower case, fuzzy o/0, l/1 …) are not the
 *                 syllable's: the OCR misread letters (or handwritten digits), not only marks
 *   code-number   the syllable holds a digit, or is a code in capitals, and the OCR read it right
 *                 (Đ as D aside) but the restorer changed it ("D16" → Đó)
 *   unrestored    the restorer left it unaligned although the raw reading had it (split/merged by restore)
 *   tone-vowel    same letters, another known Vietnamese form chosen (tầng/tăng, đợt/đốt)
 *   junk          the restored token is not a Vietnamese syllable at all
 *   case          right letters and marks, wrong case (counted only by the cased score)
 * Beside them, `inserted`: tokens of the restored text aligned to no GT syllable (seal and signature
 * ink read as words, specks, lines the GT leaves out), and what they are.
 */
import { isVietnameseSyllable, stripMarks } from '../../src/core/vi-text/index.js';
import { alignWords, scoreTokens } from './score.js';

export const CLASSES = ['ocr-dropped', 'ocr-skeleton', 'code-number', 'unrestored', 'tone-vowel', 'junk', 'case'] as const;
export type ErrorClass = (typeof CLASSES)[number];
export interface ClassifiedError { cls: ErrorClass; gt: string; raw: string; out: string; /** the GT syllable's index */ at: number }

/** Letters as OCR may confuse them, marks gone: the skeleton a channel can map back. */
export const skeleton = (t: string) => stripMarks(t.toLowerCase()).replace(/đ/g, 'd').replace(/0/g, 'o').replace(/[1|]/g, 'l').replace(/5/g, 's');
const isCode = (t: string) => /\d/.test(t) || (/^[A-ZĐ]{2,}$/u.test(stripMarks(t)) && !isVietnameseSyllable(t.toLowerCase()));

/** Each GT syllable the restored text misses, with its class; `rawRight` counts the GT syllables the raw reading had exactly (cased). */
export function classify(gt: string, raw: string, restored: string): { total: number; errors: ClassifiedError[]; rawRight: number; inserted: string[] } {
  const flat = (s: string) => scoreTokens(s.replace(/\s+/g, ' '));
  const g = flat(gt), r = flat(raw), o = flat(restored);
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  const gl = lower(g), rl = lower(r), ol = lower(o);
  const pairs = alignWords(gl, ol);
  const toOut = new Map(pairs.map(([i, j]) => [i, j]));
  const aligned = new Set(pairs.map(([, j]) => j));
  const inserted = o.filter((_, j) => !aligned.has(j));
  const toRaw = new Map(alignWords(gl.map(skeleton), rl.map(skeleton)).map(([i, j]) => [i, j]));
  const errors: ClassifiedError[] = [];
  let rawRight = 0;
  for (let i = 0; i < g.length; i++) {
    const j = toOut.get(i), k = toRaw.get(i);
    const out = j === undefined ? '' : o[j]!, rawTok = k === undefined ? '' : r[k]!;
    if (rawTok === g[i]) rawRight++;
    if (j !== undefined && out === g[i]) continue;
    let cls: ErrorClass;
    if (j !== undefined && out.toLowerCase() === gl[i]) cls = 'case';
    else if (k === undefined) cls = 'ocr-dropped';
    else if (skeleton(rawTok) !== skeleton(g[i]!)) cls = 'ocr-skeleton';
    else if (isCode(g[i]!)) cls = 'code-number';
    else if (j === undefined) cls = 'unrestored';
    else if (skeleton(out) === skeleton(g[i]!) && isVietnameseSyllable(out.toLowerCase())) cls = 'tone-vowel';
    else if (!isVietnameseSyllable(out.toLowerCase())) cls = 'junk';
    else cls = 'ocr-skeleton';
    errors.push({ cls, gt: g[i]!, raw: rawTok, out, at: i });
  }
  return { total: g.length, errors, rawRight, inserted };
}

/** Counts per class. */
export function tally(errors: readonly ClassifiedError[]): Record<ErrorClass, number> {
  const t = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  for (const e of errors) t[e.cls]++;
  return t;
}
