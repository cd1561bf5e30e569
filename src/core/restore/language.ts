/**
 * Whether a text is Vietnamese at all. Restoration gives every word that could be a syllable its
 * most likely marks, so an English letter in an archive ("This is an annual report … by ten
 * percent") came back as "This is ẩn annual report … by tên percent". Vietnamese text, with its
 * marks stripped or wrecked by English-model OCR, is still mostly syllables once the marks are
 * removed (devset: 95% at least for clean and stripped text, 80% for English-model OCR); English
 * prose is a quarter to a third (short words: an, to, ten, the).
 */
import { couldBeSyllable } from '../vi-text/index.js';
import { splitChunk } from './ocr-words.js';

/** Under this share of syllables among its words a text is not restored (see the figures above). */
export const VIETNAMESE_SHARE_MIN = 0.5;
/** Fewer words than this say too little: a list of names or codes is restored as before. */
export const LANGUAGE_MIN_WORDS = 12;
/** The first words of a long text tell its language as well as all of them. */
const SAMPLE_WORDS = 20_000;

/** The share of a text's letter-only words that could be Vietnamese syllables, and how many words were counted. */
export function vietnameseWordShare(text: string): number {
  return wordShare(text).share;
}

export function wordShare(text: string): { share: number; words: number } {
  let words = 0, syllables = 0;
  for (const m of text.matchAll(/\S+/g)) {
    const core = splitChunk(m[0]).core;
    if (!/^\p{L}+$/u.test(core)) continue;
    words++;
    if (couldBeSyllable(core)) syllables++;
    if (words >= SAMPLE_WORDS) break;
  }
  return { share: words ? syllables / words : 1, words };
}

/** The text is too little Vietnamese to restore: the diagnostic's message, else null. */
export function notVietnamese(text: string): string | null {
  const { share, words } = wordShare(text);
  if (words < LANGUAGE_MIN_WORDS || share >= VIETNAMESE_SHARE_MIN) return null;
  return `only ${Math.round(share * 100)}% of its words could be Vietnamese syllables: the text looks like another language and is kept as read (pass --input to restore it anyway)`;
}
