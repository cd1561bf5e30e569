/**
 * A scan whose first pages all read no text is stopped there. A 300-page TIFF of junk (a scanner
 * left running, a damaged copy) costs 3–15 s of OCR a page, all of it reading nothing, and the
 * default time limit (the file's plus a minute a page) let it run for an hour or more. A page
 * "reads text" when OCR found a few dictionary words on it (Vietnamese syllables of two letters or
 * more, read with some confidence); noise reads nothing, or specks at confidence near 0
 * (bench:noise-pages). Once any of the first pages reads text the file is never stopped, so a real
 * scan of any length is read to its end; a file of no more pages than are judged is read whole.
 */
import type { Page } from '../core/document.js';
import { isVietnameseSyllable } from '../core/vi-text/index.js';
import { envSwitch } from './env-switch.js';

/** Pages judged at the start of a file: none of them reading text stops it. */
export const NOISE_STOP_PAGES = 10;
/** Dictionary words a page needs to read as text. */
export const MIN_TEXT_WORDS = 3;
/** OCR confidence (0–100) below which a word is not counted: noise reads as specks at 0–10. */
export const MIN_WORD_CONFIDENCE = 30;

const LETTERS = /^\p{L}{2,}$/u;

/** Dictionary words on the page: OCR words read with confidence, or a text layer's words. */
export function textWords(page: Page): number {
  const words = page.words?.length ? page.words.filter((w) => w.confidence >= MIN_WORD_CONFIDENCE).map((w) => w.text) : page.lines.join(' ').split(/\s+/);
  let n = 0;
  for (const w of words) {
    const word = w.normalize('NFC').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
    if (LETTERS.test(word) && isVietnameseSyllable(word)) n++;
  }
  return n;
}

export const readsText = (page: Page): boolean => textWords(page) >= MIN_TEXT_WORDS;

/** Pages judged (0: never stop): BAOCAO_NOISE_STOP=0/off/false turns the stop off. */
export function noiseStopPages(): number {
  return envSwitch('BAOCAO_NOISE_STOP') ? NOISE_STOP_PAGES : 0;
}
