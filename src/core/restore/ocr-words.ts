/**
 * English-model OCR turns marked letters into digits and symbols ("x4" xã, "K&" kế, "v¢" về),
 * so an OCR word is a whole whitespace-delimited chunk minus its surrounding punctuation, not a
 * run of letters.
 */
import { charClass, CharClass } from '../vi-text/chars.js';

const LEAD = new Set([...'"\'“”‘’([{<«–—•*…']);
const TRAIL = new Set([...'.,;:!?()[]{}>"\'“”‘’»…']);

export interface ChunkParts {
  lead: string;
  core: string;
  trail: string;
}

export function splitChunk(chunk: string): ChunkParts {
  let a = 0, b = chunk.length;
  while (a < b && LEAD.has(chunk[a]!)) a++;
  while (b > a && TRAIL.has(chunk[b - 1]!)) b--;
  return { lead: chunk.slice(0, a), core: chunk.slice(a, b), trail: chunk.slice(b) };
}

export function ocrWordCore(chunk: string): string {
  return splitChunk(chunk).core;
}

const LETTER = /\p{L}/u;
const JUNK_SYMBOL = /[¢€¥£©®§]/;
// Made once here: inside the functions a bundler targeting Node lowers \p{…} literals to
// `new RegExp(…)`, which then ran per word.
const SHORT_NUMBER = /^\d{1,3}$/;
const TIME_OF_DAY = /^\d{1,2}h(?:\d{2})?$/;
const DIGITS_AND_JUNK = /^[\d¢€¥£©®§&]+$/;
const CODE_OR_ADDRESS = /[/\\_=+#]|\.\S|:\/\//;
const SHORT_AT_WORD = /^[\p{L}&]{1,3}@$/u;
const DIGITS_WITH_CAPITALS = /^(\d+\p{Lu}+|\p{Lu}{2,}\d+)$/u;
const CLASS_CODE = /^\p{Lu}\d*[2578]\d*$/u;

// A lower-case syllable of 3–7 letters glued to what follows it: a capital, two digits, or a digit
// and a capital. No single word reads so, where one digit inside lower case is a damaged vowel
// ("thu6c" thuộc, "nh4n" nhận).
const GLUED_HEAD = /^(\p{Ll}{3,7})(?=\p{Lu}|\d\d|\d\p{Lu})/u;
const DIGIT = /\d/;
const LETTERS_AND_DIGITS = /^[\p{L}\d]+$/u;

/**
 * False where GLUED_HEAD cannot match, by code unit (the regex ran on every English-OCR core: 1 % of
 * a warm pass). Its head is 3–7 lower-case letters and the unit after them a capital or a digit, so
 * when the first unit that is not a–z is ASCII it must stand at index 3–7 and be A–Z or 0–9; eight
 * units of a–z leave no place for it. A non-ASCII unit first (a letter with marks, either case, or
 * a surrogate) is left to the regex.
 */
function mayBeGluedHead(core: string): boolean {
  const n = core.length < 8 ? core.length : 8;
  for (let i = 0; i < n; i++) {
    const c = core.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue;
    if (c >= 0x80) return true;
    return i >= 3 && ((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39));
  }
  return false;
}

/**
 * Where a word ends inside an OCR core that glues it to a number ("ngay29": ngày 29; "ngayA5",
 * the English model's reading of "ngày 15" with a handwritten day), or -1. The fast English model
 * drops the space before a handwritten or tightly set number. The head must be a Vietnamese
 * syllable as read (`isSyllable`, marks allowed) and the rest letters and digits, one digit at least.
 */
export function gluedWordEnd(core: string, isSyllable: (lower: string) => boolean): number {
  if (!mayBeGluedHead(core)) return -1;
  const m = GLUED_HEAD.exec(core);
  const rest = m ? core.slice(m[1]!.length) : '';
  // Only letters and digits after it: a chunk with inner punctuation ("ngan2Ss,undm") is left to tokenize().
  if (!m || !DIGIT.test(rest) || !LETTERS_AND_DIGITS.test(rest)) return -1;
  return isSyllable(m[1]!) ? m[1]!.length : -1;
}

// A number glued to the lower-case syllable after it ("26théng": 26 tháng): two to four digits, or
// one of the digits that never stand for a letter inside English-OCR words (2, 5, 7, 8; see
// CLASS_CODE), since "1uật", "6ng", "4nh" are damaged words (l, ô, á read as digits).
const GLUED_NUMBER_HEAD = /^(?:\d{2,4}|[2578])(?=\p{Ll}{3,7}$)/u;

/**
 * Where a number glued before a word ends inside an OCR core ("26théng", the fast English model's
 * reading of "ngày 26 tháng 7" with the day handwritten), or -1: the word after it must be a
 * Vietnamese syllable as read (`isSyllable`, marks allowed), lower case, letters only.
 */
export function gluedNumberEnd(core: string, isSyllable: (lower: string) => boolean): number {
  const m = GLUED_NUMBER_HEAD.exec(core);
  return m && isSyllable(core.slice(m[0].length)) ? m[0].length : -1;
}

/**
 * A short bare number ("16", "101") may be an English-model reading of a word (lộ, lời). It
 * stays a number unless the channel and the context strongly prefer a word.
 */
export function isOcrNumberCandidate(core: string): boolean {
  return SHORT_NUMBER.test(core);
}

const isDigitCode = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * LETTER.test(core) by code unit (charClass's Letter is \p{L} in the BMP): the regexes of
 * isOcrWordCandidate were a tenth of an English-OCR word's cost outside the decoder. A core with
 * a surrogate takes the regex.
 */
function hasLetter(core: string): boolean {
  for (let i = 0; i < core.length; i++) {
    const code = core.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return LETTER.test(core);
    if (charClass(code) === CharClass.Letter) return true;
  }
  return false;
}

/** CODE_OR_ADDRESS.test(core) by code unit: one of / \ _ = + # (so "://" too), or a dot before a non-space. */
function codeOrAddress(core: string): boolean {
  for (let i = 0; i < core.length; i++) {
    const code = core.charCodeAt(i);
    if (code === 0x2f || code === 0x5c || code === 0x5f || code === 0x3d || code === 0x2b || code === 0x23) return true;
    if (code === 0x2e && i + 1 < core.length) {
      const k = charClass(core.charCodeAt(i + 1));
      if (k !== CharClass.Space && k !== CharClass.Newline) return true;
    }
  }
  return false;
}

/**
 * Whether an OCR core could be a damaged Vietnamese word: it has a letter, is short, and has no
 * structure of a code, number, URL or e-mail (slashes, @, dots inside, mostly digits).
 */
export function isOcrWordCandidate(core: string): boolean {
  if (core.length === 0 || core.length > 9) return false;
  // A time of day as Vietnamese notices write it ("24h", "7h30"): no syllable reads so.
  if (isDigitCode(core.charCodeAt(0)) && TIME_OF_DAY.test(core)) return false;
  // Symbols only an English model puts in Vietnamese words: "1€" lệ, "¢€" về.
  if (!hasLetter(core)) return core.length <= 4 && DIGITS_AND_JUNK.test(core) && (JUNK_SYMBOL.test(core) || core === '&');
  // "@" ends a short damaged word ("S@", "S&@" Sở) but sits inside an e-mail address.
  if (codeOrAddress(core) || (core.includes('@') && !SHORT_AT_WORD.test(core))) return false;
  let digits = 0, letters = 0;
  // By code unit (charClass's Letter is \p{L} in the BMP); a surrogate pair is one code point, as for…of reads it.
  for (let i = 0; i < core.length; i++) {
    const code = core.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < core.length && (core.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      if (LETTER.test(core.slice(i, i + 2))) letters++;
      i++;
    } else if (charClass(code) === CharClass.Letter) letters++;
  }
  if (digits > 2 || letters === 0) return false;
  // Digits with capitals ("5G", "F0", "COVID19") name a thing; English-model OCR damage is lower-case.
  if (digits > 0 && DIGITS_WITH_CAPITALS.test(core)) return false;
  // So does one capital before digits of which one never stands for a letter (2, 5, 7, 8: under
  // 0.1% of the digits inside words of the English-OCR pairs): a class code ("khóa D20"), where
  // "S60", "B06" are damaged "Số", "Bộ".
  if (digits >= 2 && CLASS_CODE.test(core)) return false;
  // A hyphenated chunk ("KH-UBND", "Kon-Tum") is a code or a compound, not one syllable.
  return !core.includes('-');
}
