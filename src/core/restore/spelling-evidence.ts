/**
 * A restored word's spelling evidence (word-evidence.ts): what depends only on the token as read
 * and the reading as written, computed once per distinct pair and kept per model.
 */
import { normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { fuzzyKey } from './fuzzy-skeletons.js';
import type { RestoreModel } from './model.js';

export const HAS_DIGIT = /\d/;
export const HAS_LETTER = /\p{L}/u;
export const SYMBOL = /[^\p{L}\p{M}\d]/u;

/** What depends only on the token as read and as written, computed once per distinct pair in a document. */
export interface SpellingEvidence {
  knownInput: boolean; digits: boolean; kept: boolean; title: boolean; upper: boolean; symbols: boolean; letterEdits: number;
}

function spellingEvidence(model: RestoreModel, original: string, restored: string, isWord: boolean): SpellingEvidence {
  const lower = original.toLowerCase();
  return {
    knownInput: model.vocabIndex.has(normalizeTonePlacement(lower, 'old')),
    // Digits among letters, or a bare number read as a word.
    digits: HAS_DIGIT.test(original) && (HAS_LETTER.test(original) || HAS_LETTER.test(restored)),
    kept: restored.toLowerCase() === lower,
    title: original.length > 1 && original[0] !== original[0]!.toLowerCase() && original.slice(1) === original.slice(1).toLowerCase(),
    upper: original.length > 1 && original === original.toUpperCase() && original !== lower,
    symbols: SYMBOL.test(original),
    letterEdits: isWord ? editDistance(fuzzyKey(lower).replace(/[^a-z]/g, ''), stripMarks(restored.toLowerCase())) : 0,
  };
}

/**
 * The spelling evidence of `original` read as `restored`, `forms` and `spelling` being what the
 * document keeps for that word as written, by candidate index (index.ts: `Surfaces`). The
 * document's first word of a pair decides `isWord`, as it always has: a candidate of the same word
 * already given the same spelling lends its evidence. Callers keep what this returns per candidate.
 */
export function spellingFor(
  model: RestoreModel, forms: readonly (string | undefined)[], spelling: readonly (SpellingEvidence | undefined)[], original: string, restored: string,
  isWord: boolean,
): SpellingEvidence {
  for (let k = 0; k < spelling.length; k++) if (spelling[k] !== undefined && forms[k] === restored) return spelling[k]!;
  // Computed once per model across documents (a pure function of the model, the pair and isWord),
  // as candidate lists are (candidates.ts). Keyed by the two strings in turn: no key to concatenate,
  // and both strings' hashes are already cached (the word's by the document's map, the spelling's
  // by its first look-up).
  let shared = sharedSpellings.get(model);
  if (!shared || shared.size >= MAX_SHARED_SPELLINGS) sharedSpellings.set(model, (shared = { size: 0, words: new Map(), others: new Map() }));
  const byOriginal = isWord ? shared.words : shared.others;
  let byRestored = byOriginal.get(original);
  if (!byRestored) byOriginal.set(original, (byRestored = new Map()));
  let sp = byRestored.get(restored);
  if (!sp) {
    byRestored.set(restored, (sp = spellingEvidence(model, original, restored, isWord)));
    shared.size++;
  }
  return sp;
}
/** Spelling evidence by word as written, then spelling: read as a word (`isWord`) or not. */
interface SharedSpellings { size: number; words: Map<string, Map<string, SpellingEvidence>>; others: Map<string, Map<string, SpellingEvidence>> }
const sharedSpellings = new WeakMap<RestoreModel, SharedSpellings>();
/** Pairs kept per model before the shared maps start afresh (about 100 bytes each). */
const MAX_SHARED_SPELLINGS = 100_000;

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
