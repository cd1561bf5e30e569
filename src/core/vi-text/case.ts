/** Case pattern of a word, captured from one form and applied to another (restored) form. */

export type CasePattern = 'lower' | 'upper' | 'title' | 'mixed';

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

// isUpper / isLower of each BMP code unit, found on first use (CASE_KNOWN set) so that a word's
// pattern costs no string per character and the table costs nothing at load.
const CASE_KNOWN = 1, CASE_UPPER = 2, CASE_LOWER = 4, CASE_LOWER_FIXED = 8;
const caseOfCode = new Uint8Array(0x10000);

function caseFlags(code: number): number {
  let f = caseOfCode[code]!;
  if (f === 0) {
    const ch = String.fromCharCode(code);
    f = CASE_KNOWN | (isUpper(ch) ? CASE_UPPER : 0) | (isLower(ch) ? CASE_LOWER : 0) | (ch.toLowerCase() === ch ? CASE_LOWER_FIXED : 0);
    caseOfCode[code] = f;
  }
  return f;
}

/**
 * Whether `word` (two or more code units) changes in its first character only when lower-cased:
 * w[0] !== w[0].toLowerCase() && w.slice(1) === w.slice(1).toLowerCase(), without the strings.
 * Per code unit is the same test (the only context-dependent lower-casing, final sigma, never
 * leaves a Σ as it is); words with a surrogate take the string test.
 */
export function isTitleWord(word: string): boolean {
  if (word.length < 2) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return word[0] !== word[0]!.toLowerCase() && word.slice(1) === word.slice(1).toLowerCase();
  }
  if ((caseFlags(word.charCodeAt(0)) & CASE_LOWER_FIXED) !== 0) return false;
  for (let i = 1; i < word.length; i++) if ((caseFlags(word.charCodeAt(i)) & CASE_LOWER_FIXED) === 0) return false;
  return true;
}

/**
 * word.toLowerCase(), without the call when every code unit already lower-cases to itself (then
 * the word does: the only context-dependent lower-casing, final sigma, never leaves a Σ as it
 * is). V8 lower-cases a two-byte string — any word sliced from a text with one character past
 * Latin-1 — through ICU in its C++ runtime (~900 instructions and a new string a call, 3 % of a
 * warm restoration pass), though most words are lower case already. Surrogates take the call.
 */
export function lowerCase(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x80 ? code >= 0x41 && code <= 0x5a : code >= 0xd800 && code <= 0xdfff || (caseFlags(code) & CASE_LOWER_FIXED) === 0) return word.toLowerCase();
  }
  return word;
}

/** 'upper' needs two or more letters, all upper case; a lone capital is 'title'. Caseless → 'lower'. */
export function casePattern(word: string): CasePattern {
  let letters = 0, upper = 0, firstUpper = false, laterUpper = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let f: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < word.length && (word.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one character, as for…of reads it.
      const ch = word.slice(i, i + 2);
      f = (isUpper(ch) ? CASE_UPPER : 0) | (isLower(ch) ? CASE_LOWER : 0);
      i++;
    } else f = caseFlags(code);
    if ((f & CASE_UPPER) !== 0) {
      if (letters === 0) firstUpper = true;
      else laterUpper = true;
      upper++;
      letters++;
    } else if ((f & CASE_LOWER) !== 0) {
      letters++;
    }
  }
  if (upper === 0) return 'lower';
  if (upper === letters) return letters === 1 ? 'title' : 'upper';
  if (firstUpper && !laterUpper) return 'title';
  return 'mixed';
}

/** 'mixed' leaves the word as it is. */
export function applyCase(word: string, pattern: CasePattern): string {
  switch (pattern) {
    case 'lower': return lowerCase(word);
    case 'upper': return word.toUpperCase();
    case 'title': {
      const lower = lowerCase(word);
      const first = lower.codePointAt(0);
      if (first === undefined) return lower;
      const head = String.fromCodePoint(first);
      return head.toUpperCase() + lower.slice(head.length);
    }
    case 'mixed': return word;
  }
}
