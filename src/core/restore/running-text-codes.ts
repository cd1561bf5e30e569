/**
 * Capitals inside running text. English-model OCR keeps the letters of a short word in capitals
 * among lower-case words ("những SV chưa", "VT, DT, Anh", "khóa D16 đợt 3"): there it is an
 * acronym or a class code, not a Vietnamese word the channel should rebuild from other letters
 * ("SV" → sự, "DT" → ớt, "D16" → đó). Such a word keeps its letters: candidates that only add
 * marks or Đ stay as they were, any other costs CHANGE_LETTERS nats, and a capital with digits
 * ("D16", "K65") is kept as printed at no cost. Header lines in capitals are not running text and
 * keep their channel (OCR damages capitals too: "TRUGNG" for TRƯỜNG).
 */
import { stripMarks } from '../vi-text/index.js';
import type { Candidates } from './candidates.js';
import { UNK } from './lm-tokens.js';

/** ln-cost of reading other letters into a capitalised word in running text. */
export const CHANGE_LETTERS = -6;
const SHORT_CAPS = /^[A-ZĐ]{2,4}$/u;
const CAPITAL_CODE = /^[A-ZĐ]{1,3}\d{2,}$/u;

/** Whether `word` is a short word in capitals or a capital code, on a line of mostly lower-case words. */
export function isRunningTextCode(text: string, start: number, word: string): boolean {
  if (!SHORT_CAPS.test(word) && !CAPITAL_CODE.test(word)) return false;
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', start);
  const line = text.slice(from, to < 0 ? text.length : to);
  let lower = 0, upper = 0;
  for (const w of line.match(/\p{L}[\p{L}\p{M}\d]*/gu) ?? []) {
    if (/^\p{Lu}?[\p{Ll}\p{M}\d]+$/u.test(w)) lower++;
    else if (w === w.toUpperCase()) upper++;
  }
  return lower >= 3 && lower > upper;
}

/** `c`'s channel scores with letter changes penalised (see above); its own reading kept for a code. */
export function keepingLetters(word: string, c: Candidates): Candidates {
  const lower = word.toLowerCase();
  const code = CAPITAL_CODE.test(word);
  const chan = c.chan.map((lp, k) => {
    if (c.ids[k] === UNK) return code ? 0 : lp;
    return stripMarks(c.forms[k]!).replace(/đ/g, 'd') === lower.replace(/đ/g, 'd') ? lp : lp + CHANGE_LETTERS;
  });
  if (code && !c.ids.includes(UNK)) return { ids: [...c.ids, UNK], chan: [...chan, 0], forms: [...c.forms, lower] };
  return { ids: c.ids, chan, forms: c.forms };
}
