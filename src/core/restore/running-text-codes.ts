/**
 * Capitals inside running text. English-model OCR keeps the letters of a short acronym among
 * lower-case words ("những SV chưa", "phòng KT và"): there it is an acronym, not a Vietnamese word
 * the channel should rebuild from other letters ("SV" → sự). Such a word keeps its letters:
 * candidates that only add marks or read a D, P or B as Đ (capital Đ's usual readings) stay as they
 * were, any other costs CHANGE_LETTERS nats.
 * Not when one of its letters is a usual OCR reading of a marked vowel (the channel's: "G" for ở
 * in "SG" Sở, "D" for ớ, "I" for ă): then it may as well be a damaged word, and the channel
 * decides as before. Header lines in capitals are not running text (OCR damages capitals too).
 * Measured on the devset's English OCR, capital class codes with digits ("D16") could not be told
 * from damaged words ("B06" Bộ, "S60" Số, "M06" Mở) by shape or channel: they are left alone.
 */
import { stripMarks } from '../vi-text/index.js';
import { candidateList, type Candidates } from './candidates.js';
import { UNK } from './lm-tokens.js';

/** ln-cost of reading other letters into a capitalised word in running text. */
export const CHANGE_LETTERS = -6;
/** A reading at least this likely for some marked vowel makes a letter ambiguous (ln 0.2). */
const USUAL_READING = Math.log(0.2);
const SHORT_CAPS = /^[A-ZĐ]{2,4}$/u;
// Made once (a bundler lowers \p{…} literals inside a function to `new RegExp(…)` per call).
const LINE_WORD = /\p{L}[\p{L}\p{M}\d]*/gu;
const LOWER_CASE_WORD = /^\p{Lu}?[\p{Ll}\p{M}\d]+$/u;
const MARKED_VOWELS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';

export interface VowelReadings {
  learnedReadings(letter: string): Iterable<[string, number]> | undefined;
}

const ambiguousByChannel = new WeakMap<VowelReadings, ReadonlySet<string>>();

/** Single letters the channel often reads for a marked vowel ("g" for ợ, "d" for ớ, "i" for ă). */
export function vowelReadingLetters(channel: VowelReadings): ReadonlySet<string> {
  let set = ambiguousByChannel.get(channel);
  if (!set) {
    const letters = new Set<string>();
    for (const v of MARKED_VOWELS) {
      for (const [reading, lp] of channel.learnedReadings(v) ?? []) {
        if (lp >= USUAL_READING && /^[a-z]$/.test(reading) && reading !== stripMarks(v)) letters.add(reading);
      }
    }
    ambiguousByChannel.set(channel, (set = letters));
  }
  return set;
}

/**
 * Whether `word` is a short word in capitals with no letter the channel reads for a marked vowel,
 * on a line of mostly lower-case words.
 */
export function isRunningTextAcronym(text: string, start: number, word: string, ambiguous: ReadonlySet<string>): boolean {
  if (!SHORT_CAPS.test(word)) return false;
  for (const ch of word.toLowerCase()) if (ambiguous.has(ch)) return false;
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', start);
  const line = text.slice(from, to < 0 ? text.length : to);
  let lower = 0, upper = 0;
  for (const w of line.match(LINE_WORD) ?? []) {
    if (LOWER_CASE_WORD.test(w)) lower++;
    else if (w === w.toUpperCase()) upper++;
  }
  return lower >= 3 && lower > upper;
}

/** Whether a candidate form has the letters of `lower` (an OCR word), Đ read as D, P or B. */
function sameLetters(form: string, lower: string): boolean {
  const f = stripMarks(form);
  if (f.length !== lower.length || form.length !== f.length) return false;
  for (let i = 0; i < f.length; i++) {
    const b = lower[i]!;
    if (form[i] === 'đ' ? b !== 'd' && b !== 'p' && b !== 'b' && b !== 'đ' : f[i] !== b) return false;
  }
  return true;
}

/** `c`'s channel scores with letter changes penalised (see above). */
export function keepingLetters(word: string, c: Candidates): Candidates {
  const lower = word.toLowerCase();
  const chan = c.chan.map((lp, k) => (c.ids[k] === UNK || sameLetters(c.forms[k]!, lower) ? lp : lp + CHANGE_LETTERS));
  return candidateList(c.ids, chan, c.forms);
}
