/**
 * Splits text into decodable word units and the language-model markers between them (numbers,
 * commas, segment breaks). Everything that is not a word unit is left byte-for-byte as it is.
 */
import { tokenize } from '../vi-text/index.js';
import { CharClass, charClass, isWordCode } from '../vi-text/chars.js';
import { isVietnameseSyllable, lowerCase } from '../vi-text/index.js';
import { restoredToken, type RestoredToken } from './restored-token.js';
import { gluedNumberEnd, gluedWordEnd, isOcrNumberCandidate, isOcrWordCandidate, splitChunk } from './ocr-words.js';

export type Unit =
  /**
   * `numeric`: a bare OCR number that may stand for a word (see isOcrNumberCandidate); `glued`: a
   * word the OCR glued to the number after it ("ngay29"): the restored text puts a space between;
   * `afterNumber`: one glued to the number before it ("26théng"), a space put before the word.
   */
  | { kind: 'word'; start: number; end: number; text: string; numeric?: boolean; glued?: boolean; afterNumber?: boolean }
  /** Upper-case letters inside a document code ("QD" in 72/QD-UBND): Đ may be restored. */
  | { kind: 'acronym'; start: number; end: number; text: string; typeSlot?: boolean }
  | { kind: 'num' }
  /** A web address or e-mail: a word the language model does not know (the corpus has it so). */
  | { kind: 'unk' }
  | { kind: 'comma' }
  | { kind: 'break' };

const CLOSING = /[.;:!?)\]}"”»…]/;
// The \p{…} patterns are made once here: a bundler targeting Node (esbuild, tsx) lowers such a
// literal inside a function to `new RegExp(…)`, made again on every call.
const LETTER = /\p{L}/u;
const LOWER_LETTER = /\p{Ll}/u;
const CODE_CAPITALS = /\p{Lu}[\p{Lu}\p{Ll}]{1,5}/gu;
const OCR_LABEL_TAIL = /^[ \t]*:[ \t]*[^\s/]{0,8}[ \t]*\/\p{Lu}/u;
const SYMBOL_PART = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})(?=.*\p{Ll})[\p{Lu}\p{Ll}]{2,5}$/u;
const DASH_CAPITAL = /^-\p{Lu}/u;
const MARKS = /\p{M}/gu;
const OPENING = /[("“«[{]/;

export function splitUnits(text: string, ocrWords: boolean): Unit[] {
  const units: Unit[] = [];
  const push = (u: Unit) => {
    const last = units[units.length - 1];
    if (u.kind === 'break' && (!last || last.kind === 'break')) return;
    units.push(u);
  };
  // Whether the current line has a letter before the chunk (a dash after one is no list dash),
  // kept as the chunks go by: looking back from each dash is quadratic on one long line.
  let letterOnLine = false;
  let at = 0, wordBefore = false;
  // A word of the chunk at `at` (its offsets in the chunk): a word unit, or a symbol's type code.
  const word = (chunk: string, start: number, end: number, form: string) => {
    // "TTr" in "/TTr-UBND" (Tờ trình; also CTr, TTh, QyĐ): a mixed-case type code, not a word.
    if (isSymbolPart(chunk, start, end, form)) {
      push({ kind: 'break' });
      units.push({ kind: 'acronym', start: at + start, end: at + end, text: form, ...(chunk[start - 1] === '/' ? { typeSlot: true } : {}) });
      return;
    }
    if (wordBefore && start === 0 && startsMotto(text, at)) push({ kind: 'break' });
    units.push({ kind: 'word', start: at + start, end: at + end, text: form });
  };
  // Chunks are runs of white space (\s) and of anything else, scanned by code unit (no match
  // objects: this ran for every word). English-model OCR glues "Số:" to its number
  // ("S6:2116/TB"): the label is a chunk of its own there.
  for (let next = 0; at < text.length; at = next) {
    if (isSpace(text.charCodeAt(at))) {
      let lines = 0, lineFeed = false, formFeed = false;
      for (next = at; next < text.length; next++) {
        const c = text.charCodeAt(next);
        if (!isSpace(c)) break;
        // \r\n, \r and \n are one line break each.
        if (c === 10) { lines++; lineFeed = true; }
        else if (c === 13) { lines++; if (text.charCodeAt(next + 1) === 10) { next++; lineFeed = true; } }
        else if (c === 12) formFeed = true;
      }
      if (lineFeed) letterOnLine = false;
      // A blank line or page break ends the paragraph; a single line break does not end a sentence.
      if (lines >= 2 || formFeed) push({ kind: 'break' });
      continue;
    }
    next = ocrWords ? numberLabelEnd(text, at) : -1;
    if (next < 0) for (next = at + 1; next < text.length && !isSpace(text.charCodeAt(next));) next++;
    const chunk = text.slice(at, next);
    wordBefore = letterOnLine;
    if (!letterOnLine && LETTER.test(chunk)) letterOnLine = true;
    if (ocrWords) {
      const p = splitChunk(chunk);
      // A word glued to a number ("ngay29"): the word, then the number as the corpus has it.
      const glued = gluedWordEnd(p.core, isVietnameseSyllable);
      if (glued > 0) {
        const start = at + p.lead.length;
        if (p.lead !== '' && OPENING.test(p.lead)) push({ kind: 'break' });
        units.push({ kind: 'word', start, end: start + glued, text: p.core.slice(0, glued), glued: true }, { kind: 'num' });
        if (p.trail !== '' && (CLOSING.test(p.trail) || OPENING.test(p.trail))) push({ kind: 'break' });
        else if (p.trail.includes(',')) push({ kind: 'comma' });
        continue;
      }
      // A number glued to the word after it ("26théng"): the number as the corpus has it, then the word.
      const numberEnd = gluedNumberEnd(p.core, isVietnameseSyllable);
      if (numberEnd > 0) {
        const start = at + p.lead.length + numberEnd;
        if (OPENING.test(p.lead)) push({ kind: 'break' });
        units.push({ kind: 'num' }, { kind: 'word', start, end: at + p.lead.length + p.core.length, text: p.core.slice(numberEnd), afterNumber: true });
        if (CLOSING.test(p.trail) || OPENING.test(p.trail)) push({ kind: 'break' });
        else if (p.trail.includes(',')) push({ kind: 'comma' });
        continue;
      }
      const numeric = isOcrNumberCandidate(p.core);
      if (numeric || isOcrWordCandidate(p.core)) {
        if (p.lead !== '' && OPENING.test(p.lead)) push({ kind: 'break' });
        const start = at + p.lead.length;
        if (wordBefore && startsMotto(text, start)) push({ kind: 'break' });
        units.push({ kind: 'word', start, end: start + p.core.length, text: p.core, ...(numeric ? { numeric } : {}) });
        if (p.trail === ':' && numberFollows(text, at + chunk.length)) continue;
        if (p.trail !== '' && (CLOSING.test(p.trail) || OPENING.test(p.trail))) push({ kind: 'break' });
        else if (p.trail.includes(',')) push({ kind: 'comma' });
        continue;
      }
      // Two damaged words joined by a slash ("4n/khéa" án/khóa, "va/hoac"): each is a word, the
      // slash a break, as between two plain words; tokenize() would take "4n/..." for a code.
      const pair = slashPair(p.core);
      if (pair) {
        const start = at + p.lead.length;
        units.push({ kind: 'word', start, end: start + pair[0].length, text: pair[0] });
        push({ kind: 'break' });
        units.push({ kind: 'word', start: start + pair[0].length + 1, end: start + p.core.length, text: pair[1] });
        if (p.trail !== '' && (CLOSING.test(p.trail) || OPENING.test(p.trail))) push({ kind: 'break' });
        else if (p.trail.includes(',')) push({ kind: 'comma' });
        continue;
      }
    }
    // Most chunks are one word of letters and marks, which tokenize() would return as such.
    if (allWordCodes(chunk)) { word(chunk, 0, chunk.length, chunk); continue; }
    for (const t of tokenize(chunk)) {
      if (t.kind === 'word') word(chunk, t.start, t.end, t.text);
      else if (t.kind === 'number') push({ kind: 'num' });
      else if (t.kind === 'url' || t.kind === 'email') { push({ kind: 'unk' }); push({ kind: 'break' }); }
      else if (t.kind === 'punct' && t.text === ',') push({ kind: 'comma' });
      // A dash between words on one line ("Độc lập - Tự do - Hạnh phúc") separates like a comma.
      else if (t.kind === 'punct' && chunk.length === 1 && /[-–—]/.test(chunk) && wordBefore) push({ kind: 'comma' });
      // "Số: 72/KH-UBND" reads like "số 72/KH-UBND": a colon before a number ends no sentence.
      // So does one with the number glued to it ("Số:2116/TB-ĐHĐL").
      else if (t.kind === 'punct' && t.text === ':' && (t.end === chunk.length ? numberFollows(text, at + chunk.length) : /^\d/.test(chunk.slice(t.end)))) continue;
      // The corpus reads "số 72/KH-UBND" as số <num> then a break; do the same here.
      else if (t.kind === 'code') {
        if (/^\d/.test(t.text)) push({ kind: 'num' });
        push({ kind: 'break' });
        // Capitals, or a capital and lower-case letters OCR made of a capital ("Qb" for "QĐ").
        for (const a of t.text.matchAll(CODE_CAPITALS)) {
          const start = at + t.start + a.index!;
          // The document type right after "số/" ("1565/QĐ-TTg") comes from a short fixed list.
          const typeSlot = /\d\/$/.test(t.text.slice(0, a.index!));
          units.push({ kind: 'acronym', start, end: start + a[0].length, text: a[0], ...(typeSlot ? { typeSlot } : {}) });
        }
      }
      else push({ kind: 'break' });
    }
  }
  return units;
}

/**
 * The space a glued word lacked ("ngay29" → "ngày 29", "26théng" → "26 tháng"): an empty token at
 * the word's end, or at its start when the number came first, restoring to one space. Tokens are
 * ordered by start, then end (byStartThenEnd), so an empty one at a word's start goes before the
 * word; no token starts at the number, so the text rebuilds in order.
 */
export function gluedSeams(units: readonly Unit[]): RestoredToken[] {
  const out: RestoredToken[] = [];
  for (const u of units) {
    if (u.kind !== 'word') continue;
    if (u.glued) out.push(restoredToken('', ' ', u.end, u.end, 1, []));
    if (u.afterNumber) out.push(restoredToken('', ' ', u.start, u.start, 1, []));
  }
  return out;
}

/** The restored tokens' order: by start, an empty token (a seam) before a word starting there. */
export const byStartThenEnd = (a: RestoredToken, b: RestoredToken): number => a.start - b.start || a.end - b.end;

/**
 * "Số" as read before a colon or a number is the label of a document number ("Số: 2116/TB",
 * "Số:……/TB" with the digits handwritten and unread, "Số 12"), never "sổ" (a register): the
 * restorer keeps it as it is.
 */
export function isNumberLabel(text: string, word: string, end: number): boolean {
  return word.toLowerCase() === 'số' && /^[ \t]*(?:[:;]|\d)/.test(text.slice(end, end + 8));
}

/**
 * English-model OCR reads the label "Số:" as "Sé:", "S6:", "So:" — restored "Sẽ:" by the
 * language model. Two characters from S, then a colon, a number (or the dots of a blank, or
 * junk for handwritten digits) and a slash before a capital: the header's "Số: 12/UBND".
 */
export function isOcrNumberLabel(text: string, word: string, end: number): boolean {
  return /^S\S$/u.test(word) && OCR_LABEL_TAIL.test(text.slice(end, end + 24));
}

/**
 * A word with two capitals and a small letter (TTr, CTr, TTh, QyĐ) right after a slash or right
 * before "-" and a capital is part of a document symbol whose number was split off or unread
 * ("45 /TTr-UBND", ".../TTr-UBND"): the tokenizer, which joins mixed-case parts into a code only
 * after digits, leaves it a word, and restoring it as one drops its "r".
 */
function isSymbolPart(chunk: string, start: number, end: number, text: string): boolean {
  if (text.length > 5 || text.length < 2 || lowerCase(text) === text) return false; // most words, cheaply
  if (!SYMBOL_PART.test(text)) return false;
  return chunk[start - 1] === '/' || DASH_CAPITAL.test(chunk.slice(end));
}

/** JavaScript's \s for one UTF-16 code unit (white space and line terminators). */
export function isSpace(c: number): boolean {
  const k = charClass(c);
  return k === CharClass.Space || k === CharClass.Newline;
}

/**
 * End of an OCR number label glued to its number at `at` (a non-space), as the regex
 * /[^\s\d:][^\s:]{0,3}:(?=\d)/ would match there ("S6:" in "S6:2116/TB"), or -1.
 */
function numberLabelEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === 58 || (first >= 48 && first <= 57)) return -1;
  let j = at + 1;
  while (j < at + 4 && j < text.length && text.charCodeAt(j) !== 58 && !isSpace(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) !== 58) return -1;
  const after = text.charCodeAt(j + 1);
  return after >= 48 && after <= 57 ? j + 1 : -1;
}

/** The two halves of "word/word" when both could be damaged lower-case words, else undefined. */
function slashPair(core: string): [string, string] | undefined {
  const slash = core.indexOf('/');
  if (slash <= 0 || slash !== core.lastIndexOf('/')) return undefined;
  const a = core.slice(0, slash), b = core.slice(slash + 1);
  const wordy = (w: string) => LOWER_LETTER.test(w) && !isOcrNumberCandidate(w) && isOcrWordCandidate(w);
  return wordy(a) && wordy(b) ? [a, b] : undefined;
}

/** A chunk of letters and marks only, which tokenize() would return as one word (most chunks). */
function allWordCodes(chunk: string): boolean {
  for (let i = 0; i < chunk.length; i++) if (!isWordCode(chunk.charCodeAt(i))) return false;
  return true;
}

/** Whether the next chunk after `at` (spaces on the same line skipped) starts with a digit. */
function numberFollows(text: string, at: number): boolean {
  return /^[ \t]*\d/.test(text.slice(at, at + 16));
}

/**
 * The national motto in capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA…", marks or not) after other words
 * on its line: OCR without word boxes fuses the header's two columns ("BỘ CÔNG THƯƠNG CỘNG HÒA
 * XÃ HỘI…"), and read as one sentence "thương công hòa" won. The motto starts a new context.
 */
function startsMotto(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 67) return false; // 'C'
  const ahead = text.slice(at, at + 24).normalize('NFD').replace(MARKS, '');
  return /^C[O0]NG[ \t]+H[O0]A[ \t]+X[A4][ \t]+H[O0]I\b/.test(ahead);
}
