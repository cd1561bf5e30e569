/**
 * How restore() (index.ts) writes what it chose: a candidate's surface form in the original
 * word's case and the document's tone placement, acronyms with their Đ, Đ for the Icelandic eth,
 * and the text rebuilt around the restored words.
 */
import { applyCase, casePattern, lowerCase, normalizeTonePlacement, type CasePattern } from '../vi-text/index.js';
import type { Candidates, DecodeMode } from './candidates.js';
import { NUM, UNK } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import type { RestoredToken } from './restored-token.js';
import type { SpellingEvidence } from './spelling-evidence.js';

/**
 * OCR reads Đ as the Icelandic eth Ð (U+00D0, and ð for đ), which looks the same and means nothing
 * in Vietnamese: in text being restored as Vietnamese (marks of its own, or input that lost them)
 * it is Đ. One UTF-16 unit for another, so every offset stays as it was.
 */
export function withVietnameseD(text: string, mode: DecodeMode): string {
  if (!/[Ðð]/.test(text) || (mode === 'clean' && !VIETNAMESE_LETTER.test(text))) return text;
  return text.replace(/Ð/g, 'Đ').replace(/ð/g, 'đ');
}
const VIETNAMESE_LETTER = /[ăâêôơưđĂÂÊÔƠƯĐ\u1EA0-\u1EF9]/;

/**
 * "QD" → "QĐ" when the corpus writes that acronym with Đ more often than without. A document
 * type after "số/" that the corpus does not know as read, with a "b" or "p" where exactly one
 * known acronym has its Đ ("1565/Qb-TTg", "12/QP-UBND": English-model OCR reads Đ as D, P or
 * b), becomes that one; elsewhere an unknown acronym with a P may be a real one ("GDPT").
 */
export function restoreAcronym(model: RestoreModel, text: string, typeSlot: boolean): string {
  const lower = text.toLowerCase();
  const best = model.skeletonIndex.get(lower)?.[0];
  if (best !== undefined) {
    const form = model.vocab[best]!;
    return form !== lower && form.replace(/đ/g, 'd') === lower ? form.toUpperCase() : text;
  }
  if (!typeSlot || model.vocabIndex.has(lower)) return text;
  const known = new Set<string>();
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] !== 'b' && lower[i] !== 'p') continue;
    const form = lower.slice(0, i) + 'đ' + lower.slice(i + 1);
    if (model.vocabIndex.has(form)) known.add(form);
  }
  return known.size === 1 ? [...known][0]!.toUpperCase() : text;
}

/** A distinct original word's surface spellings by candidate index, their lower case, and the spelling evidence of each as a choice. */
export interface Surfaces {
  forms: string[]; spelling: SpellingEvidence[]; lower: string[];
  /** The word as read, lower case in old tone placement, and its case pattern: the same for every candidate (made on first use). */
  readAs: string | undefined; pattern: CasePattern | undefined;
}

export function surfaceAt(s: Surfaces, original: string, c: Candidates, k: number, newStyle: boolean): string {
  return s.forms[k] ?? (s.forms[k] = toSurface(s, original, c, k, newStyle));
}

function toSurface(s: Surfaces, original: string, c: Candidates, k: number, newStyle: boolean): string {
  if (c.ids[k] === UNK || c.ids[k] === NUM) return original;
  const form = c.forms[k]!;
  // Same word in another tone placement: keep the author's spelling.
  if ((s.readAs ??= normalizeTonePlacement(lowerCase(original), 'old')) === form) return original;
  const styled = newStyle ? normalizeTonePlacement(form, 'new') : form;
  // English-model OCR reads a small l as a capital I ("Ién" lên): that capital is no case.
  const pattern = original[0] === 'I' && styled[0] === 'l' && original.length > 1 && original.slice(1) === original.slice(1).toLowerCase()
    ? 'lower' : (s.pattern ??= casePattern(original));
  return applyCase(styled, pattern === 'mixed' ? mixedCaseAs(original) : pattern);
}

// Made once (a bundler lowers \p{…} literals inside a function to `new RegExp(…)` per call).
const NOT_UPPER = /[^\p{Lu}]/gu, NOT_LOWER = /[^\p{Ll}]/gu, FIRST_UPPER = /^\p{Lu}/u;

/**
 * OCR mixes cases inside a word ("TiNH" for TỈNH, a capital Ỉ read as a small i): the word takes
 * the case most of its letters have, capitalised when its first letter is.
 */
function mixedCaseAs(word: string): 'upper' | 'title' | 'lower' {
  const upper = word.replace(NOT_UPPER, '').length, lower = word.replace(NOT_LOWER, '').length;
  if (upper > lower) return 'upper';
  return FIRST_UPPER.test(word) ? 'title' : 'lower';
}

export function rebuild(text: string, tokens: readonly RestoredToken[]): string {
  let out = '';
  let at = 0;
  for (const t of tokens) {
    out += text.slice(at, t.start) + t.restored;
    at = t.end;
  }
  return out + text.slice(at);
}
