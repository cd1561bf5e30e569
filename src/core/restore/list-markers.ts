/**
 * List markers at line starts. List letters ("a)", "b)" …) are markers, not syllables: the
 * language model would read "¢)" (an English-model OCR's c) as "ở)" and "d)" as "đ)" by the words
 * around them. Their reading is the letter itself, "¢"/"©"/"€" being c, and a "d" after a "d" of
 * the same list being đ (đ comes after d in Vietnamese lists, and both OCR and stripped text lose
 * its stroke). An English-model OCR also reads an item's dash as "=" ("= VPCP: BTCN, …").
 */
import { restoredToken, type RestoredToken } from './restored-token.js';

const LOOKALIKE_C = new Set(['¢', '©', '€']);

/** Rewrites the list-letter tokens of `tokens` (sorted by offset) in place. */
export function readListLetters(text: string, tokens: RestoredToken[]): void {
  let last = '';
  for (const t of tokens) {
    if (t.end - t.start !== 1 || text[t.end] !== ')' || !atLineStart(text, t.start)) continue;
    const read = t.original.toLowerCase();
    const letter = LOOKALIKE_C.has(read) ? 'c' : read === 'd' && last === 'd' ? 'đ' : read;
    if (!/^[a-zđ]$/u.test(letter)) continue;
    if (letter !== t.restored) {
      t.alternatives = [t.restored, ...t.alternatives.filter((a) => a !== letter && a !== t.restored)].slice(0, 3);
      t.restored = letter;
    }
    t.confidence = 1;
    last = letter;
  }
}

function atLineStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\f') return true;
    if (ch !== ' ' && ch !== '\t') return false;
  }
  return true;
}

/** Item dashes an English-model OCR read as "=" at a line start, before a word: tokens restoring them to "-". */
export function ocrDashTokens(text: string): RestoredToken[] {
  const out: RestoredToken[] = [];
  for (const m of text.matchAll(/^[ \t]*(=)(?=[ \t]+\p{L})/gmu)) {
    const start = m.index! + m[0].length - 1;
    out.push(restoredToken('=', '-', start, start + 1, 1, ['=']));
  }
  return out;
}
