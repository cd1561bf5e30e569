/**
 * The evidence restore() gathers about each decoded word (calibration.ts turns it into P(right)):
 * from its candidates and lattice slot when it is emitted, and from the document's other readings
 * of the same token once every word is decoded.
 */
import { normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { fuzzyKey } from './fuzzy-skeletons.js';
import type { Candidates, DecodeMode } from './candidates.js';
import type { ConfidenceCalibration, WordEvidence } from './calibration.js';
import type { Slot, SlotResult } from './decoder.js';
import { SURE } from './posterior.js';
import type { NgramScorer } from './language-model.js';
import { BOS, EOS, FIRST_WORD_ID } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import type { RestoredToken } from './restored-token.js';

export type CalibrationMode = DecodeMode | 'vie-ocr';

const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;
const SYMBOL = /[^\p{L}\p{M}\d]/u;
/** lmMargin's value for a word the decoder was sure of (not computed). */
const LM_MARGIN_SURE = 15;

/** What depends only on the token as read and as written, computed once per distinct pair in a document. */
interface SpellingEvidence {
  knownInput: boolean; digits: boolean; kept: boolean; title: boolean; upper: boolean; symbols: boolean; letterEdits: number;
}
export type SpellingCache = Map<string, SpellingEvidence>;

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

/** The evidence about the word decoded at slot j of a segment (`post`: its posterior row, if summed). */
export function wordEvidence(
  model: RestoreModel, token: RestoredToken, cands: Candidates, lattice: readonly Slot[], results: readonly SlotResult[], j: number,
  posterior: number, numeric: boolean, cache: SpellingCache,
): WordEvidence {
  const slot = lattice[j]!, r = results[j]!, choice = r.choice;
  const id = slot.ids[choice]!;
  const key = token.original + '\u0001' + token.restored;
  let sp = cache.get(key);
  if (!sp) cache.set(key, (sp = spellingEvidence(model, token.original, token.restored, id >= FIRST_WORD_ID)));
  const n = Math.min(slot.ids.length, 24);
  let bestChan = -Infinity;
  for (let k = 0; k < n; k++) if (slot.chan[k]! > bestChan) bestChan = slot.chan[k]!;
  return {
    posterior, decoder: r.confidence, candidates: n,
    knownInput: sp.knownInput, digits: sp.digits, name: slot.name === true, kept: sp.kept,
    unknown: id < FIRST_WORD_ID,
    // The channel cost without case or name evidence: the candidates' own (slot.chan may add them).
    channel: cands.chan[choice] ?? slot.chan[choice]!,
    channelGap: bestChan - slot.chan[choice]!,
    unigram: id >= FIRST_WORD_ID ? model.lm.unigram(id) : 0,
    title: sp.title, upper: sp.upper, letters: token.original.length,
    docRepeats: 0, docAgree: 1, rule: false, listLetter: false,
    number: numeric, numberAsWord: numeric ? bestWordChannel(cands) : 0,
    symbols: sp.symbols, letterEdits: sp.letterEdits,
    wordNeighbours: isWordAt(lattice, results, j - 1) + isWordAt(lattice, results, j + 1),
    // Only where it can matter (a tenth of the cost of a word otherwise): unsure words, and numbers, which the decoder keeps surely.
    lmMargin: r.confidence < SURE || numeric ? lmMargin(model.lm, lattice, results, j) : LM_MARGIN_SURE,
    acronymD: false, // set by calibrate(), once the acronym passes are done
  };
}

function isWordAt(lattice: readonly Slot[], results: readonly SlotResult[], j: number): number {
  const x = results[j];
  return x !== undefined && lattice[j]!.ids[x.choice]! >= FIRST_WORD_ID ? 1 : 0;
}

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

function bestWordChannel(c: Candidates): number {
  let best = -Infinity;
  for (let k = 0; k < c.ids.length; k++) if (c.ids[k]! >= FIRST_WORD_ID && c.chan[k]! > best) best = c.chan[k]!;
  return best === -Infinity ? -30 : best;
}

/** How many other words of the document were read from the same token, and the share restored alike. */
export function withDocumentAgreement(tokens: readonly RestoredToken[], evidence: Map<RestoredToken, WordEvidence>): void {
  const groups = new Map<string, Map<string, number>>();
  for (const t of tokens) {
    if (!evidence.has(t)) continue;
    const key = t.original.toLowerCase();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Map()));
    const r = t.restored.toLowerCase();
    g.set(r, (g.get(r) ?? 0) + 1);
  }
  for (const t of tokens) {
    const e = evidence.get(t);
    if (!e) continue;
    const g = groups.get(t.original.toLowerCase())!;
    let total = 0;
    for (const c of g.values()) total += c;
    const same = g.get(t.restored.toLowerCase())! - 1;
    e.docRepeats = total - 1;
    e.docAgree = total > 1 ? same / (total - 1) : 1;
  }
}

/**
 * Sets each token's confidence to P(right) and keeps the decoder's value beside it. Words that no
 * decoder chose (acronyms, list markers) get evidence of their own kind: certain to the decoder.
 */
export function calibrate(
  text: string, tokens: RestoredToken[], evidence: Map<RestoredToken, WordEvidence>, calibration: ConfidenceCalibration | undefined, mode: CalibrationMode, keep: boolean,
  known: (lower: string) => boolean,
): void {
  for (const t of tokens) {
    let e = evidence.get(t);
    if (e) {
      // The list-letter and acronym passes may have rewritten the word after the decoder chose it.
      e.kept = t.restored.toLowerCase() === t.original.toLowerCase();
      e.listLetter = t.end - t.start === 1 && text[t.end] === ')';
    } else e = ruleEvidence(t);
    e.acronymD = e.upper && e.kept && t.original.includes('D') && !known(normalizeTonePlacement(t.original.toLowerCase(), 'old'));
    t.decoderConfidence = t.confidence;
    t.confidence = calibration?.has(mode) ? calibration.probability(mode, e) : e.posterior;
    if (keep) t.evidence = e;
  }
}

function ruleEvidence(t: RestoredToken): WordEvidence {
  const lower = t.original.toLowerCase();
  return {
    posterior: t.confidence, decoder: t.confidence, candidates: 1 + t.alternatives.length, knownInput: false,
    digits: HAS_DIGIT.test(t.original) && HAS_LETTER.test(t.original), name: false, kept: t.restored.toLowerCase() === lower,
    unknown: false, channel: 0, channelGap: 0, unigram: 0, title: false, upper: t.original === t.original.toUpperCase() && t.original !== lower,
    letters: t.original.length, docRepeats: 0, docAgree: 1, rule: true, listLetter: false, number: false, numberAsWord: 0, symbols: SYMBOL.test(t.original), letterEdits: 0, wordNeighbours: 2, lmMargin: 15, acronymD: false,
  };
}

/**
 * What the language model alone says about the choice at slot j, with the decoded neighbours: the
 * three trigrams touching it for the chosen word minus the best of the decoder's ranked
 * alternatives (nats; positive when the LM agrees). A large negative value is a word the channel
 * forced against the context ("16" kept as a number where a word belongs).
 */
export function lmMargin(lm: NgramScorer, lattice: readonly Slot[], results: readonly SlotResult[], j: number): number {
  const r = results[j]!;
  if (r.ranked.length < 2) return 15;
  const u = decodedAt(lattice, results, j - 2), v = decodedAt(lattice, results, j - 1);
  const x = decodedAt(lattice, results, j + 1), y = decodedAt(lattice, results, j + 2);
  const ids = lattice[j]!.ids, last = j + 1 >= lattice.length;
  const chosen = lmWindow(lm, u, v, ids[r.choice]!, x, y, last);
  let best = -Infinity;
  for (let n = 1; n < r.ranked.length; n++) best = Math.max(best, lmWindow(lm, u, v, ids[r.ranked[n]!]!, x, y, last));
  return Math.max(-15, Math.min(15, chosen - best));
}

function decodedAt(lattice: readonly Slot[], results: readonly SlotResult[], k: number): number {
  return k < 0 ? BOS : k >= lattice.length ? EOS : lattice[k]!.ids[results[k]!.choice]!;
}

/** ln P of the three trigrams that contain c between u v and x y (x is EOS at the segment's end: two). */
function lmWindow(lm: NgramScorer, u: number, v: number, c: number, x: number, y: number, last: boolean): number {
  return lm.trigram(u, v, c) + lm.trigram(v, c, x) + (last ? 0 : lm.trigram(c, x, y));
}
