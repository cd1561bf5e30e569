/**
 * Acronyms spelled out in their own document. Reports write out what they abbreviate ("đổi mới
 * sáng tạo …", "thi đua khen thưởng …"), but text without marks has D for Đ, and English-model OCR
 * also P or B, so "DMST", "PMST" and "TDKT" stay as read when the corpus does not know them. An
 * acronym kept as read that, with one of its letters read as Đ, spells the initials of words the
 * restored document itself has in a row, in exactly one way, takes that spelling. D for Đ is only
 * lost marks, so one such run of words is enough; P or B for Đ is an OCR confusion with real
 * letters ("CVP" is "Chánh Văn phòng", "BTCN" "Bộ trưởng, Chủ nhiệm"), so it takes three.
 * Measured on the devset (English OCR / stripped): with two Đ letters, or P and B on one sighting,
 * wrong spellings came in ("BDG" → "ĐĐG", "CVP" → "CVĐ"). Vietnamese-model OCR text, which keeps
 * its marks, reads an Đ as D now and then, inside a code too ("TB-DHĐL" under "ĐẠI HỌC ĐIỆN LỰC").
 */
import type { RestoredToken } from './restored-token.js';
import { isSpace } from './units.js';

/** Length of the acronyms taken (shorter ones match chance initials too easily). */
const MIN_LETTERS = 3;
const MAX_LETTERS = 8;
/** Runs of words with these initials the document must have, by the letter read as Đ. */
const RUNS_NEEDED: Record<string, number> = { D: 1, P: 3, B: 3 };

const ACRONYM = /^[A-Z]+$/;
/** Read with marks, an acronym of plain D is most often printed so ("CTDT"); one with a D beside an Đ has lost a bar. */
const ACRONYM_READ_WITH_MARKS = /^(?=[A-Z]*Đ)[A-ZĐ]+$/;
const WORD = /^[\p{Ll}\p{Lu}\p{M}]+$/u;

/**
 * Rewrites, in `tokens` (sorted, restored), acronyms that the document spells out with Đ. `text`
 * is the input the tokens' offsets point into; `ocr` when P and B may stand for Đ; `isKnown`
 * tells a form the corpus knows (kept as it is).
 */
export function acronymsFromExpansions(text: string, tokens: RestoredToken[], ocr: boolean, isKnown: (lower: string) => boolean, withMarks = false): void {
  const lookAlikes = ocr ? 'DPB' : 'D';
  // Vietnamese-model OCR keeps most Đ and loses some ("TB-DHĐL" for TB-ĐHĐL): its acronyms may hold Đ.
  const shape = withMarks ? ACRONYM_READ_WITH_MARKS : ACRONYM;
  const candidates = tokens.filter((t) => t.restored === t.original && t.original.length >= MIN_LETTERS && t.original.length <= MAX_LETTERS &&
    shape.test(t.original) && [...t.original].some((c) => lookAlikes.includes(c)) && !isKnown(t.original.toLowerCase()));
  if (candidates.length === 0) return;
  // Only the initials a candidate may take are counted (as read, with one look-alike read as Đ, or with every D read so).
  const wanted = new Set<string>();
  for (const t of candidates) {
    wanted.add(t.original);
    for (let i = 0; i < t.original.length; i++) {
      if (lookAlikes.includes(t.original[i]!)) wanted.add(t.original.slice(0, i) + 'Đ' + t.original.slice(i + 1));
    }
    if (t.original.includes('D')) wanted.add(t.original.replaceAll('D', 'Đ'));
  }
  const runs = runInitials(text, tokens, wanted);
  for (const t of candidates) {
    // "PCT" where the document says "phó chủ tịch": the letters as read are the right ones.
    if (runs.has(t.original)) continue;
    const matches: string[] = [];
    [...t.original].forEach((c, i) => {
      if (!lookAlikes.includes(c)) return;
      const spelling = t.original.slice(0, i) + 'Đ' + t.original.slice(i + 1);
      if ((runs.get(spelling) ?? 0) >= RUNS_NEEDED[c]!) matches.push(spelling);
    });
    // "DHDL" under "ĐẠI HỌC ĐIỆN LỰC": every D lost its bar. Only D (lost marks, never P or B,
    // which brought "BDG" → "ĐĐG"), and only when no single-Đ spelling is spelled out.
    const allD = t.original.replaceAll('D', 'Đ');
    if (matches.length === 0 && (t.original.match(/D/g)?.length ?? 0) >= 2 && (runs.get(allD) ?? 0) >= RUNS_NEEDED.D!) matches.push(allD);
    if (matches.length !== 1) continue;
    t.alternatives = [t.original, ...t.alternatives.filter((a) => a !== t.original)];
    t.restored = matches[0]!;
  }
}

/** Whether text[from, to) is all white space (/^\s*$/ on the slice, without the slice). */
function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** word.charAt(0).toUpperCase(), one string per first code unit (kept). */
function upperInitial(word: string): string {
  const code = word.charCodeAt(0);
  return upperOfCode[code] ??= word.charAt(0).toUpperCase();
}
const upperOfCode: string[] = [];

/**
 * WORD.test(w) && !ACRONYM.test(w) by code unit (two regex calls a token were 2 % of a warm
 * pass): letters of the two cases and marks only, not all of them A–Z. Words with a surrogate
 * take the regexes (WORD reads a pair as one code point).
 */
function isExpansionWord(w: string): boolean {
  if (w.length === 0) return false;
  let plainCapitals = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) continue;
    if (c >= 0xd800 && c <= 0xdfff) return WORD.test(w) && !ACRONYM.test(w);
    plainCapitals = false;
    let k = wordUnit[c]!;
    if (k === 0) wordUnit[c] = k = WORD.test(String.fromCharCode(c)) ? 1 : 2;
    if (k !== 1) return false;
  }
  return !plainCapitals;
}
/** Per BMP code unit, found on first use: 1 when WORD takes it, 2 when not. */
const wordUnit = new Uint8Array(0x10000);

/**
 * How many times the document has each of the `wanted` initials (upper case, MIN_LETTERS..MAX_LETTERS
 * letters) as restored words in a row, with only spaces or line breaks between them.
 */
function runInitials(text: string, tokens: RestoredToken[], wanted: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  // Every prefix of a wanted spelling: a run's initials stop being built once they leave them
  // (no longer string can be wanted then).
  const prefixes = new Set<string>();
  for (const w of wanted) for (let k = 1; k <= w.length; k++) prefixes.add(w.slice(0, k));
  let longest = 0;
  for (const w of wanted) longest = Math.max(longest, w.length);
  let run: string[] = [];
  let end = -1;
  const countRuns = () => {
    for (let i = 0; i < run.length; i++) {
      let s = '';
      for (let j = i; j < run.length && j - i < Math.min(MAX_LETTERS, longest); j++) {
        s += run[j];
        if (!prefixes.has(s)) break;
        if (j - i + 1 >= MIN_LETTERS && wanted.has(s)) out.set(s, (out.get(s) ?? 0) + 1);
      }
    }
    run = [];
  };
  for (const t of tokens) {
    // Acronyms themselves (plain capitals) are no words of an expansion.
    const word = isExpansionWord(t.restored);
    if (!word || (end >= 0 && !onlySpaces(text, end, t.start))) countRuns();
    if (word) run.push(upperInitial(t.restored));
    end = t.end;
  }
  countRuns();
  return out;
}
