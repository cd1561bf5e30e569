/**
 * Section markers damaged by OCR ("IL." / "H." / "1I." for "II.", "L" for "I.", "1," or "1.X" for "1. X",
 * "C)" or "_¢)" for "c)", "8)" for "g)", "4)" for "a)", "hÙ" for "h)", "~" for "-"). A damaged marker is only taken on strong evidence:
 * it is a look-alike of the NEXT number of its sequence as read so far, and what follows looks
 * like that level's heading (an upper-case heading of ≥ 4 letters after a Roman numeral, a capital
 * after a number or letter). Anything else — a real numbered list, a figure at a line start —
 * keeps the reading of headingOf, numbers as read.
 */
import type { HeadingMarker, MarkerKind } from './marker-kinds.js';
import { LETTERS, romanValue } from './numerals.js';

/**
 * Last ordinal read at each numbered level (0: none yet); `open` once any numbered heading is
 * read; `dashes` while the last marker read is a "-" item; `fromOcr` when the text was OCR'd
 * (a repeated numeral is then taken for a lost stem, see lostStem).
 */
export interface MarkerSequence { roman: number; arabic: number; letter: number; open: boolean; dashes: boolean; fromOcr: boolean }

export const newSequence = (fromOcr = false): MarkerSequence => ({ roman: 0, arabic: 0, letter: 0, open: false, dashes: false, fromOcr });

/** The Roman numeral expected after the n-th. */
const ROMANS = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** What a heading marker does to the sequence: a level restarts its children's numbering. */
export function advanceSequence(seq: MarkerSequence, marker: HeadingMarker): void {
  const n = marker.number.replace(/^(Phần|Chương|Điều)\s+/u, '');
  const restart: Partial<Record<MarkerKind, () => void>> = {
    part: () => Object.assign(seq, { roman: 0, arabic: 0, letter: 0 }),
    chapter: () => Object.assign(seq, { roman: 0, arabic: 0, letter: 0 }),
    roman: () => Object.assign(seq, { roman: romanValue(n), arabic: 0, letter: 0 }),
    article: () => Object.assign(seq, { arabic: 0, letter: 0 }),
    arabic: () => Object.assign(seq, { arabic: +n, letter: 0 }),
    decimal: () => Object.assign(seq, { letter: 0 }),
    decimal3: () => Object.assign(seq, { letter: 0 }),
    letter: () => Object.assign(seq, { letter: LETTERS.indexOf(n) + 1 }),
  };
  seq.dashes = marker.kind === 'dash';
  const step = restart[marker.kind];
  if (!step) return;
  step();
  seq.open = true;
}

/** Glyphs OCR gives for the strokes of I, V, X; "H" and "M" are two I's run together ("ML." for "III."). */
const ROMAN_LOOKALIKE: Record<string, string> = {
  I: 'I', l: 'I', L: 'I', '1': 'I', '|': 'I', '!': 'I', 'í': 'I', 'ì': 'I', 'Í': 'I', 'Ì': 'I', H: 'II', M: 'II', V: 'V', v: 'V', X: 'X', x: 'X',
};

/** Glyphs OCR gives for list letters, besides their own capital. */
const LETTER_LOOKALIKE: Record<string, string> = { '4': 'a', '@': 'a', '6': 'b', '8': 'bg', '9': 'g', '€': 'c', '(': 'c', '¢': 'c', '©': 'c' };

/** "I." read as "IL": the damaged dot reads as one more stroke; so without punctuation "IL" may be "I". */
function romanMatches(token: string, punctuated: boolean, expected: string): boolean {
  const canonical = [...token].map((c) => ROMAN_LOOKALIKE[c] ?? '?').join('');
  if (canonical === expected) return true;
  return !punctuated && token.length > 1 && !/I$/.test(token) && canonical === `${expected}I`;
}

const upperHeading = (rest: string) => {
  const word = /^[\p{L}\s,]{4,}/u.exec(rest)?.[0].replace(/[\s,]/g, '') ?? '';
  return word.length >= 4 && word === word.toUpperCase() && word !== word.toLowerCase();
};

/** The expected next Roman numeral read through damage: "IL. NHIỆM VỤ", "H. NHIỆM VỤ", "L MỤC ĐÍCH". */
function damagedRoman(text: string, seq: MarkerSequence): HeadingMarker | null {
  const m = /^(\s*)([IlL1|!íìÍÌHMVvXx]{1,5})(\s*[.,:;)]\s*|\s+)(?=\S)/u.exec(text);
  const expected = ROMANS[seq.roman + 1];
  if (!m || !expected || !upperHeading(text.slice(m[0].length))) return null;
  if (!romanMatches(m[2]!, /[.,:;)]/.test(m[3]!), expected)) return null;
  return { kind: 'roman', number: expected, textStart: m[0].length };
}

/**
 * "I. MỘT SỐ NHIỆM VỤ" right after "I. ĐÁNH GIÁ", or "II." right after "II.": OCR merges the
 * stems of a bold numeral and loses one (the image check in ingest/ocr/roman-stems.ts sees it on
 * scans; old OCR text has only this). In OCR'd text, a heading numeral that repeats the last one
 * read, when one more I is the next numeral and an upper-case heading follows, is that next
 * numeral. Typed text keeps its author's repeat (flagged by numberingDiagnostics).
 */
function lostStem(text: string, read: HeadingMarker, seq: MarkerSequence): HeadingMarker | null {
  const expected = ROMANS[seq.roman + 1];
  if (!seq.fromOcr || romanValue(read.number) !== seq.roman || expected !== `${read.number}I`) return null;
  return upperHeading(text.slice(read.textStart)) ? { ...read, number: expected } : null;
}

/**
 * "1. MỘT SỐ YÊU CẦU" after "I. ĐÁNH GIÁ CHUNG": the stems of "II" merged and read as the digit.
 * In OCR'd text, a number of 1's read as the numeral one I short of the next Roman one, inside a
 * Roman sequence, before a heading wholly in capitals (a numbered item under a Roman heading is
 * not written so), is that next numeral.
 */
function lostStemAsDigits(text: string, read: HeadingMarker, seq: MarkerSequence): HeadingMarker | null {
  if (!seq.fromOcr || seq.roman === 0 || !/^1{1,2}$/.test(read.number)) return null;
  const expected = ROMANS[seq.roman + 1];
  if (expected !== `${'I'.repeat(read.number.length)}I`) return null;
  const letters = text.slice(read.textStart).replace(/\P{L}/gu, '');
  return letters.length >= 6 && letters === letters.toUpperCase() ? { ...read, kind: 'roman', number: expected } : null;
}

/** "1, Phấn đấu …" or "3.Sở Y tế" for "1. Phấn đấu …", "3. Sở Y tế": the expected next number, a capital after it. */
function damagedArabic(text: string, seq: MarkerSequence): HeadingMarker | null {
  const m = /^\s*(\d{1,2})(?:\s*[,;]\s+|\.)(?=\p{Lu})/u.exec(text);
  if (!m || +m[1]! !== seq.arabic + 1) return null;
  return { kind: 'arabic', number: m[1]!, textStart: m[0].length };
}

/** The letters that may come next: after "d)" both "đ)" and "e)" (many lists skip đ). */
function expectedLetters(seq: MarkerSequence): string[] {
  const next = LETTERS[seq.letter];
  if (!next || !seq.open) return [];
  return next === 'đ' ? ['đ', 'e'] : [next];
}

/** "C) Rà soát" for "c)", "8) Nâng cao" for "g)", "4) Lĩnh vực" for "a)": the expected next letter, a capital after it. */
function damagedLetter(text: string, seq: MarkerSequence): HeadingMarker | null {
  // A speck before the marker ("_¢) Chủ tịch") is OCR noise from the margin.
  const m = /^\s*(?:[_~`'.,·]\s*)?(\S)\s*\)\s+(?=\p{Lu})/u.exec(text);
  if (!m) return damagedParenthesis(text, seq);
  const read = m[1]!;
  // A digit that is the next number of its own list stays that number.
  if (/\d/.test(read) && +read === seq.arabic + 1) return null;
  const candidates = (LETTER_LOOKALIKE[read] ?? '') + (read !== read.toLowerCase() ? read.toLowerCase() : '');
  const letter = expectedLetters(seq).find((l) => candidates.includes(l));
  return letter ? { kind: 'letter', number: letter, textStart: m[0].length } : null;
}

/** Glyphs OCR gives for the ")" of a list letter. */
const PAREN_LOOKALIKE = /[\]}|Ùù]/u;

/** "hÙ Tiếp tục …" for "h) Tiếp tục …": the expected next letter itself, its ")" misread, a capital after. */
function damagedParenthesis(text: string, seq: MarkerSequence): HeadingMarker | null {
  const m = /^\s*(\p{Ll})(\S)\s+(?=\p{Lu})/u.exec(text);
  if (!m || !PAREN_LOOKALIKE.test(m[2]!) || !expectedLetters(seq).includes(m[1]!)) return null;
  return { kind: 'letter', number: m[1]!, textStart: m[0].length };
}

/** "~ Rà soát …" or ": - Theo dõi …" inside a "-" list: the dash read as a tilde or with a speck before it, a capital after it. */
function damagedDash(text: string, seq: MarkerSequence): HeadingMarker | null {
  const m = /^\s*(?:~|[:;.,_`'·]\s*[-–])\s*(?=\p{Lu})/u.exec(text);
  return m && seq.dashes ? { kind: 'dash', number: '-', textStart: m[0].length } : null;
}

/**
 * The marker of a line whose plain reading (`read`, from headingOf) is missing or is a number that
 * breaks its sequence, read as a damaged marker when the evidence above holds; else `read`.
 */
export function repairMarker(text: string, read: HeadingMarker | null, seq: MarkerSequence): HeadingMarker | null {
  if (read?.kind === 'roman') return lostStem(text, read, seq) ?? read;
  const digits = read?.kind === 'arabic' ? lostStemAsDigits(text, read, seq) : null;
  if (digits) return digits;
  if (read && read.kind !== 'arabic') return read;
  // An arabic reading that continues its own list is kept: "4) …" after "3) …" is item 4.
  if (read && +read.number === seq.arabic + 1) return read;
  return damagedRoman(text, seq) ?? damagedLetter(text, seq) ?? (read ? read : damagedArabic(text, seq) ?? damagedDash(text, seq));
}
