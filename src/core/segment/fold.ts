/**
 * Mark-free, upper-case "keys" for matching headings and keywords on restored text that may
 * still carry OCR noise. A key has exactly the length of its (NFC) source, so offsets found in
 * the key slice the source text directly.
 */
import { stripMarks } from '../vi-text/index.js';

/** Upper-case, mark-free form of NFC text, same length; common English-OCR confusions undone. */
export function foldKey(text: string): string {
  const bare = stripMarks(text);
  // No upper-case mapping is shorter than its letter, so equal lengths mean none grew ("ß" → "SS").
  let up = bare.toUpperCase();
  if (up.length !== bare.length) {
    up = '';
    for (const ch of bare) {
      const u = ch.toUpperCase();
      up += u.length === ch.length ? u : ch;
    }
  }
  return up
    // Vietnamese words never start with P + vowel: that is an OCR'd Đ ("PANH GIA", "Poc lap").
    .replace(/(^|[^A-Z])P(?=[AEIOUY])/g, '$1D')
    // Q only occurs as QU: a lone Q is an OCR'd O ("HQP", "NGOQC").
    .replace(/Q(?!U)/g, 'O')
    // Digits glued to letters are OCR'd letters ("S6", "t6", "b0").
    .replace(/(?<=[A-Z])[06](?=[A-Z]|\b)/g, 'O')
    .replace(/(?<=[A-Z])1(?=[A-Z])/g, 'I');
}

export interface KeyToken {
  text: string;
  start: number;
  end: number;
}

/** Alphanumeric tokens of a key with their offsets; the first `limit` only when given (a test at the line start needs no more, and a line may be a whole 16 MB text). */
export function keyTokens(key: string, limit = Infinity): KeyToken[] {
  const out: KeyToken[] = [];
  // One shared regex stepped with exec: matchAll clones its regex on every call, and this runs
  // for every line against every keyword (gigabytes of garbage on a text of short lines).
  TOKEN.lastIndex = 0;
  for (let m = out.length < limit ? TOKEN.exec(key) : null; m; m = out.length < limit ? TOKEN.exec(key) : null) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
const TOKEN = /[A-Z0-9]+/g;

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

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // One reused row: this runs for every token of every line against every keyword.
  const row = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Token-level fuzzy equality: short tokens must match exactly, longer ones within a budget. */
function tokenDistance(a: string, b: string, exactUpTo = 1): number {
  if (a === b) return 0;
  if (b.length <= exactUpTo) return Infinity;
  const budget = Math.ceil(b.length / 3);
  // The length difference is a lower bound of the distance: most pairs stop here.
  if (Math.abs(a.length - b.length) > budget) return Infinity;
  const d = editDistance(a, b);
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
    for (let k = 0; k < words.length && total <= budget; k++) total += tokenDistance(tokens[i + k]!.text, words[k]!, exactUpTo);
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
  const tokens = keyTokens(key);
  return phrases.some((p) => findPhrase(tokens, p, 0, tokens.length, exactUpTo) >= 0);
}

/**
 * Letters of the text are upper-case (ignoring non-letters); false when no letters. A longer text
 * may hold a word the restorer wrote in lower case ("… VỀ tín NGƯỠNG, …"): 90% of its letters do.
 */
export function isUpperText(text: string): boolean {
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
