/**
 * Mark-free, upper-case "keys" for matching headings and keywords on restored text that may
 * still carry OCR noise. A key has exactly the length of its (NFC) source, so offsets found in
 * the key slice the source text directly.
 */
import { stripMarks } from '../vi-text/index.js';
import { alnumRuns } from './key-scan.js';

/** Upper-case, mark-free form of NFC text, same length; common English-OCR confusions undone. */
export function foldKey(text: string): string {
  const folded = foldLetters(text);
  if (folded === null) return undoOcrConfusions(upperBare(stripMarks(text)), MAY_P | MAY_Q | MAY_06 | MAY_1);
  // Most keys hold no letter or glued digit a rewrite looks for: their regexes are not run.
  return foldedMay === 0 ? folded : undoOcrConfusions(folded, foldedMay);
}

/**
 * What foldLetters saw that a rewrite of undoOcrConfusions needs (its regexes cannot match without
 * it): a P, a Q, a 0 or 6 right after a letter A–Z, a 1 right after one.
 */
const MAY_P = 1, MAY_Q = 2, MAY_06 = 4, MAY_1 = 8;
let foldedMay = 0;

/**
 * stripMarks + the same-length upper-casing below, one code unit at a time from a table filled as
 * characters are met (both are per character: no mark or case mapping looks at its neighbours).
 * Null when a code unit has no one-unit fold (a combining mark, a surrogate): the caller folds
 * that text the long way.
 */
function foldLetters(text: string): string | null {
  const n = text.length;
  if (n > FOLD_BUFFER.length) return null;
  let changed = false;
  let may = 0;
  let afterAZ = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    let to = FOLDED[code]!;
    if (to === 0) to = FOLDED[code] = foldOne(code);
    if (to < 0) return null;
    const unit = to - 1;
    if (unit !== code) changed = true;
    FOLD_BUFFER[i] = unit;
    // The rewrites' triggers (undoOcrConfusions): P and Q anywhere, 0/6 and 1 glued to a letter.
    if (unit === 0x50) may |= MAY_P;
    else if (unit === 0x51) may |= MAY_Q;
    else if (afterAZ && (unit === 0x30 || unit === 0x36)) may |= MAY_06;
    else if (afterAZ && unit === 0x31) may |= MAY_1;
    afterAZ = unit >= 0x41 && unit <= 0x5a;
  }
  foldedMay = may;
  if (!changed) return text;
  // The buffer holds no surrogate (those return null above), so decoding its units is exact; 2–3×
  // faster than String.fromCharCode.apply on a line. ignoreBOM: a U+FEFF first is kept, not eaten.
  return UNITS_DECODER.decode(FOLD_BUFFER.subarray(0, n));
}
const UNITS_DECODER = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });

/** Code unit → its fold + 1 (0: not looked up yet, -1: no one-unit fold). */
const FOLDED = new Int32Array(0x10000);
const FOLD_BUFFER = new Uint16Array(1 << 16);

function foldOne(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return -1;
  const folded = upperBare(stripMarks(String.fromCharCode(code)));
  return folded.length === 1 ? folded.charCodeAt(0) + 1 : -1;
}

/** Upper case without changing the length: a letter whose capital is longer ("ß" → "SS") stays as it is. */
function upperBare(bare: string): string {
  // No upper-case mapping is shorter than its letter, so equal lengths mean none grew.
  let up = bare.toUpperCase();
  if (up.length !== bare.length) {
    up = '';
    for (const ch of bare) {
      const u = ch.toUpperCase();
      up += u.length === ch.length ? u : ch;
    }
  }
  return up;
}

/**
 * Each rewrite runs only on keys holding its letter (most hold none of Q, 0, 6, 1), and only when
 * `may` says its trigger is there. The earlier rewrites turn letters into letters (P→D, Q→O) and a
 * 0/6 before a 1 stays (no \b between them), so what the folded key holds is what each rewrite sees.
 */
function undoOcrConfusions(up: string, may: number): string {
  // Vietnamese words never start with P + vowel: that is an OCR'd Đ ("PANH GIA", "Poc lap").
  if (may & MAY_P && up.includes('P')) up = up.replace(/(^|[^A-Z])P(?=[AEIOUY])/g, '$1D');
  // Q only occurs as QU: a lone Q is an OCR'd O ("HQP", "NGOQC").
  if (may & MAY_Q && up.includes('Q')) up = up.replace(/Q(?!U)/g, 'O');
  // Digits glued to letters are OCR'd letters ("S6", "t6", "b0").
  if (may & MAY_06 && (up.includes('0') || up.includes('6'))) up = up.replace(/(?<=[A-Z])[06](?=[A-Z]|\b)/g, 'O');
  if (may & MAY_1 && up.includes('1')) up = up.replace(/(?<=[A-Z])1(?=[A-Z])/g, 'I');
  return up;
}

export interface KeyToken {
  text: string;
  start: number;
  end: number;
}

/** Alphanumeric tokens of a key (/[A-Z0-9]+/g) with their offsets; the first `limit` only when given (a test at the line start needs no more, and a line may be a whole 16 MB text). */
export function keyTokens(key: string, limit = Infinity): KeyToken[] {
  // Found per code unit (key-scan.ts): this runs for every line against every keyword, and a
  // regex's match array per token was garbage enough to show in a batch.
  return alnumRuns(key, limit);
}

/** A phrase's words and its edit budget, split once per phrase (phrases are a fixed few). */
const phraseParts = new Map<string, { words: string[]; letters: number }>();
export function wordsOf(phrase: string): { words: string[]; letters: number } {
  let parts = phraseParts.get(phrase);
  if (!parts) {
    const words = phrase.split(' ');
    parts = { words, letters: words.reduce((n, w) => n + w.length, 0) };
    // Phrases are constants of the code; a bound anyway in case a caller builds them from text.
    if (phraseParts.size > 10_000) phraseParts.clear();
    phraseParts.set(phrase, parts);
  }
  return parts;
}

/** Levenshtein distance in UTF-16 code units. */
export function editDistance(a: string, b: string): number {
  // A budget no distance reaches (strings are shorter than 2^30 units), kept a small integer: an
  // Infinity here made V8 throw editDistanceWithin's optimised code away ("not a Smi") in every worker.
  return editDistanceWithin(a, b, NO_BUDGET);
}
const NO_BUDGET = 0x3fffffff;

/**
 * editDistance when it is `budget` or less, else some number above `budget`. A word of up to 30
 * code units (every keyword and token but a rare long one) is compared bit-parallel (Myers 1999, as
 * Hyyrö 2001 writes it for the whole-string distance): one pass over `a` of a few word operations a
 * unit, its distance exact. The table below took ~2.4× its instructions, and this runs for every
 * token of every line against every keyword (it was a quarter of segmentation's own code).
 */
export function editDistanceWithin(a: string, b: string, budget: number): number {
  if (a === b) return 0;
  const m = b.length;
  if (m === 0) return a.length;
  if (m > 30) return tableDistanceWithin(a, b, budget);
  // Where each code unit occurs in b, one bit a place; cleared again before returning.
  for (let j = 0; j < m; j++) MATCH_BITS[b.charCodeAt(j)]! |= 1 << j;
  const mask = (1 << m) - 1, last = 1 << (m - 1);
  // Vertical deltas of the current column (+1 where pv, −1 where mv); score is the column's last cell.
  let pv = mask, mv = 0, score = m;
  for (let i = 0; i < a.length; i++) {
    const eq = MATCH_BITS[a.charCodeAt(i)]!;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // The first row is 0, 1, 2, …: each column's top horizontal delta is +1.
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = (mh | ~(xv | ph)) & mask;
    mv = ph & xv & mask;
  }
  for (let j = 0; j < m; j++) MATCH_BITS[b.charCodeAt(j)] = 0;
  return score;
}
const MATCH_BITS = new Int32Array(0x10000);

// One row reused across calls (words longer than 30 units).
let editRow = new Uint16Array(64);

/** The table, row by row: a row's least value never falls in the rows below it, so it stops at the first row above the budget. */
function tableDistanceWithin(a: string, b: string, budget: number): number {
  if (b.length + 1 > editRow.length) editRow = new Uint16Array(2 * (b.length + 1));
  const row = editRow;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    let least = (row[0] = i);
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      let v = diag + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < v) v = up + 1;
      if (row[j - 1]! + 1 < v) v = row[j - 1]! + 1;
      row[j] = v;
      if (v < least) least = v;
      diag = up;
    }
    if (least > budget) return budget + 1;
  }
  return row[b.length]!;
}

/**
 * Token-level fuzzy equality: short tokens must match exactly, longer ones within a budget (a third
 * of the word, and no more than `left`, what the phrase's budget has left: a distance above that
 * fails the phrase whatever it is, so it need not be known).
 */
function tokenDistance(a: string, b: string, exactUpTo: number, left: number): number {
  if (a === b) return 0;
  if (b.length <= exactUpTo) return Infinity;
  const budget = Math.min(Math.ceil(b.length / 3), left);
  // The length difference is a lower bound of the distance: most pairs stop here.
  if (Math.abs(a.length - b.length) > budget) return Infinity;
  const d = editDistanceWithin(a, b, budget);
  return d <= budget ? d : Infinity;
}

/**
 * Where `phrase` (a key, space-separated words) occurs in `tokens` from `from` on, allowing a
 * total edit budget of a quarter of the phrase's letters (words of `exactUpTo` letters or fewer
 * must match exactly). Returns the token index or -1.
 */
export function findPhrase(tokens: KeyToken[], phrase: string, from = 0, to = tokens.length, exactUpTo = 1): number {
  const { words, letters } = wordsOf(phrase);
  const budget = Math.max(1, Math.floor(letters / 4));
  const limit = Math.min(to, tokens.length);
  for (let i = from; i + words.length <= limit; i++) {
    let total = 0;
    for (let k = 0; k < words.length && total <= budget; k++) total += tokenDistance(tokens[i + k]!.text, words[k]!, exactUpTo, budget - total);
    if (total <= budget) return i;
  }
  return -1;
}

/** True when the tokens starting at `at` are the phrase (fuzzy). */
export function phraseAt(tokens: KeyToken[], phrase: string, at: number): boolean {
  return findPhrase(tokens, phrase, at, at + wordsOf(phrase).words.length) === at;
}

/** True when the whole key is the phrase (fuzzy), nothing else. */
export function isPhrase(key: string, phrase: string): boolean {
  const tokens = keyTokens(key);
  return tokens.length === wordsOf(phrase).words.length && phraseAt(tokens, phrase, 0);
}

/**
 * Any of the phrases occurs in the key (fuzzy). `exactUpTo`: words this short must match exactly
 * (keywords like "MẶT ĐƯỢC" / "ĐẠT ĐƯỢC" differ by one letter of a short word).
 */
export function hasAnyPhrase(key: string, phrases: readonly string[], exactUpTo = 1): boolean {
  return hasAnyPhraseIn(keyTokens(key), phrases, exactUpTo);
}

/** hasAnyPhrase on a key's tokens, for a caller that tests one key against several lists. */
export function hasAnyPhraseIn(tokens: KeyToken[], phrases: readonly string[], exactUpTo = 1): boolean {
  return phrases.some((p) => findPhrase(tokens, p, 0, tokens.length, exactUpTo) >= 0);
}

/**
 * Letters of the text are upper-case (ignoring non-letters); false when no letters. A longer text
 * may hold a word the restorer wrote in lower case ("… VỀ tín NGƯỠNG, …"): 90% of its letters do.
 */
export function isUpperText(text: string): boolean {
  // Counted per code unit from a table (what the regexes below compute, without their strings).
  let letters = 0, lower = 0, lowers = false, uppers = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind = LETTER_KIND[code]!;
    if (kind === 0) kind = LETTER_KIND[code] = letterKind(code);
    if (kind === SURROGATE) return isUpperTextSlow(text);
    if (!(kind & LETTER)) continue;
    letters++;
    if (kind & LL) lower++;
    if (kind & CHANGES_DOWN) uppers = true;
    if (kind & CHANGES_UP) lowers = true;
  }
  // A letter that lower-casing changes makes the letters differ from their lower case, and so on.
  if (!letters || !uppers) return false;
  if (!lowers) return true;
  return letters >= 20 && lower <= 0.1 * letters;
}

/**
 * Whether the first `n` letters of the text (code units, as `.replace(/[^\p{L}]/gu, '').slice(0, n)`
 * counts them) are all unchanged by upper-casing.
 */
export function leadingLettersUpper(text: string, n: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length && seen < n; i++) {
    const code = text.charCodeAt(i);
    let kind = LETTER_KIND[code]!;
    if (kind === 0) kind = LETTER_KIND[code] = letterKind(code);
    if (kind === SURROGATE) {
      const letters = text.replace(/[^\p{L}]/gu, '').slice(0, n);
      return letters === letters.toUpperCase();
    }
    if (!(kind & LETTER)) continue;
    if (kind & CHANGES_UP) return false;
    seen++;
  }
  return true;
}

/** How many runs of letters the text holds (`text.match(/\p{L}+/gu)?.length ?? 0`). */
export function letterRuns(text: string): number {
  let runs = 0, inRun = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind = LETTER_KIND[code]!;
    if (kind === 0) kind = LETTER_KIND[code] = letterKind(code);
    if (kind === SURROGATE) return text.match(/\p{L}+/gu)?.length ?? 0;
    const letter = (kind & LETTER) !== 0;
    if (letter && !inRun) runs++;
    inRun = letter;
  }
  return runs;
}

const LETTER = 1, LL = 2, CHANGES_DOWN = 4, CHANGES_UP = 8, KNOWN = 16, SURROGATE = 32;
const LETTER_KIND = new Uint8Array(0x10000);

function letterKind(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return SURROGATE;
  const ch = String.fromCharCode(code);
  if (!/\p{L}/u.test(ch)) return KNOWN;
  return KNOWN | LETTER | (/\p{Ll}/u.test(ch) ? LL : 0) | (ch.toLowerCase() !== ch ? CHANGES_DOWN : 0) | (ch.toUpperCase() !== ch ? CHANGES_UP : 0);
}

/** The definition, for text with characters outside the BMP. */
function isUpperTextSlow(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters.length || letters === letters.toLowerCase()) return false;
  if (letters === letters.toUpperCase()) return true;
  const lower = letters.replace(/[^\p{Ll}]/gu, '').length;
  return letters.length >= 20 && lower <= 0.1 * letters.length;
}

/** `word` in the case pattern of `like`: upper-case, capitalised or lower-case. */
export function inCaseOf(word: string, like: string): string {
  const letters = like.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return word.toUpperCase();
  return /^\p{Lu}/u.test(letters) ? word[0]!.toUpperCase() + word.slice(1) : word.toLowerCase();
}

/**
 * A title line that is upper-case but for a word or two the restorer wrote in lower case
 * ("TRÊN ĐỊA BÀN tỉnh LAI CHÂU"): at least three quarters of its words are upper-case.
 */
export function isMostlyUpper(text: string): boolean {
  if (isUpperText(text)) return true;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const upper = words.filter((w) => isUpperText(w)).length;
  return upper >= 3 && upper >= 0.75 * words.length;
}
