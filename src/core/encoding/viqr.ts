/**
 * VIQR (RFC 1456): 7-bit Vietnamese, marks typed after the vowel — ^ ( + for â/ê/ô, ă, ơ/ư;
 * ` ' ? ~ . for the tones; dd (or the VISCII group's d-) for đ; a backslash makes the next mark
 * character literal. A syllable is converted only when the result is a possible Vietnamese
 * syllable, so English words with apostrophes or question marks stay as they are; a word with a
 * vowel mark inside (a^ a( o+ u+), which no English word has, needs only the letters of one
 * (names and misspellings: "Ko^ng", "lua^t"). A text that escapes its marks ("xong\.") follows
 * the RFC: every unescaped mark after a vowel is a mark. Otherwise a word-final "." or "?" is
 * punctuation at the end of a line or before a capital, a tone mark before a lower-case word.
 */
import { withTone, type Tone } from '../vi-text/marks.js';
import { couldBeSyllable, isVietnameseSyllable } from '../vi-text/index.js';

const TONE_OF: Record<string, Tone> = { '`': 1, "'": 2, '?': 3, '~': 4, '.': 5 };
const SHAPE: Record<string, Record<string, string>> = {
  '^': { a: 'â', e: 'ê', o: 'ô', A: 'Â', E: 'Ê', O: 'Ô' },
  '(': { a: 'ă', A: 'Ă' },
  '+': { o: 'ơ', u: 'ư', O: 'Ơ', U: 'Ư' },
};
const VOWELS = new Set([...'aeiouyAEIOUYâêôăơưÂÊÔĂƠƯ']);

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

/**
 * A word-final "." or "?" is a tone when the text visibly goes on: another punctuation mark
 * follows ("qua?." = "quả."), a lower-case word follows on the line, or a capital word follows
 * and the mark comes straight after a vowel mark or ends an all-caps word ("So+? Noi", "CHU? TI.CH").
 * At the end of a line or of the text it is punctuation unless the word is all caps.
 */
function finalMarkIsTone(text: string, at: number, afterShape: boolean, allCaps: boolean): boolean {
  const next = text[at + 1];
  if (next === undefined || next === '\n' || next === '\r' || next === '\f') return allCaps;
  if (next === ' ' || next === '\t') {
    const after = text[at + 2];
    if (after === undefined) return allCaps;
    if (after >= 'a' && after <= 'z') return true;
    return (after >= 'A' && after <= 'Z') && (afterShape || allCaps);
  }
  if (next === '.') return text[at + 2] !== '.'; // "..." after a word is an ellipsis
  return !isLetter(next);
}

/** In an all-caps acronym (QDD, NDD-CP, TTBDDS) a DD not after a vowel is Đ. */
function acronymDd(raw: string): string {
  if (!/^[A-Z]+$/.test(raw) || !raw.includes('DD')) return raw;
  return raw.replace(/(?<![AEIOUY])DD/g, 'Đ');
}

interface WordResult {
  end: number;
  text: string;
  /** True when at least one VIQR mark was applied and the result is a Vietnamese syllable. */
  converted: boolean;
}

/** A mark character typed right after a letter (or its vowel mark) and escaped: the text follows RFC 1456's escapes. */
const ESCAPED_MARK = /[A-Za-z^(+]\\[.?'`~^(+]/;

/**
 * `strict`: the text escapes its literal marks, so a final "." or "?" after a vowel is a tone.
 */
function readWord(text: string, start: number, strict: boolean): WordResult {
  const letters: string[] = [];
  let tone: Tone = 0;
  let toneAt = -1;
  let marks = 0;
  let shaped = false;
  let i = start;
  while (i < text.length) {
    const ch = text[i]!;
    if (isLetter(ch)) {
      const next = text[i + 1];
      const dd = next === 'd' || next === 'D' || (next === '-' && isLetter(text[i + 2]));
      if (letters.length === 0 && (ch === 'd' || ch === 'D') && dd) {
        letters.push(ch === 'd' ? 'đ' : 'Đ');
        marks++;
        i += 2;
        continue;
      }
      letters.push(ch);
      i++;
      continue;
    }
    const last = letters[letters.length - 1];
    if (last === undefined || !VOWELS.has(last)) break;
    const withShape = SHAPE[ch]?.[last];
    if (withShape !== undefined) {
      letters[letters.length - 1] = withShape;
      marks++;
      shaped ||= isLetter(text[i + 1]);
      i++;
      continue;
    }
    const t = TONE_OF[ch];
    if (t === undefined || tone !== 0) break;
    if (!strict && (ch === '.' || ch === '?') && !isLetter(text[i + 1]) && !SHAPE[text[i + 1] ?? '']) {
      const afterShape = i > start && SHAPE[text[i - 1]!] !== undefined;
      const allCaps = letters.length >= 2 && letters.every((l) => l === l.toUpperCase());
      if (!finalMarkIsTone(text, i, afterShape, allCaps)) break;
    }
    tone = t;
    toneAt = letters.length - 1;
    marks++;
    i++;
  }
  const raw = text.slice(start, i);
  if (marks === 0) return { end: i, text: acronymDd(raw), converted: false };
  if (toneAt >= 0) letters[toneAt] = withTone(letters[toneAt]!, tone);
  const word = letters.join('');
  // A lone đ is the list item after d) ("đ)"), not a syllable.
  const listItem = word.length === 1 && (word === 'đ' || word === 'Đ') && text[i] === ')';
  if (!listItem && !isVietnameseSyllable(word) && !((shaped || strict) && couldBeSyllable(word))) return { end: i, text: acronymDd(raw), converted: false };
  return { end: i, text: word, converted: true };
}

export interface ViqrDecoded {
  text: string;
  words: number;
  converted: number;
}

export function decodeViqr(text: string): ViqrDecoded {
  let out = '';
  let words = 0, converted = 0;
  const strict = ESCAPED_MARK.test(text);
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && (TONE_OF[text[i + 1]!] !== undefined || SHAPE[text[i + 1]!])) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (!isLetter(ch) || isLetter(text[i - 1])) {
      out += ch;
      i++;
      continue;
    }
    const w = readWord(text, i, strict);
    words++;
    if (w.converted) converted++;
    out += w.text;
    i = w.end;
  }
  return { text: out, words, converted };
}
