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
import type { TrigramLM } from './language-model.js';
import { BOS, EOS, FIRST_WORD_ID } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import type { RestoredToken } from './restored-token.js';

export type CalibrationMode = DecodeMode | 'vie-ocr';

const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;
const SYMBOL = /[^\p{L}\p{M}\d]/u;

export function wordEvidence(
  model: RestoreModel, token: RestoredToken, cands: Candidates, slot: Slot, choice: number, posterior: number, decoder: number, numeric: boolean,
  wordNeighbours: number, lmMargin: number,
): WordEvidence {
  const original = token.original;
  const lower = original.toLowerCase();
  const id = slot.ids[choice]!;
  const n = Math.min(slot.ids.length, 24);
  let bestChan = -Infinity;
  for (let k = 0; k < n; k++) if (slot.chan[k]! > bestChan) bestChan = slot.chan[k]!;
  // The channel cost without case or name evidence: the candidates' own (slot.chan may add them).
  const channel = cands.chan[choice] ?? slot.chan[choice]!;
  return {
    posterior, decoder, candidates: n,
    knownInput: model.vocabIndex.has(normalizeTonePlacement(lower, 'old')),
    digits: (HAS_DIGIT.test(original) && HAS_LETTER.test(original)) || (numeric && HAS_LETTER.test(token.restored)),
    name: slot.name === true,
    kept: token.restored.toLowerCase() === lower,
    unknown: id < FIRST_WORD_ID,
    channel,
    channelGap: bestChan - slot.chan[choice]!,
    unigram: id >= FIRST_WORD_ID ? model.lm.unigram(id) : 0,
    title: original.length > 1 && original[0] !== original[0]!.toLowerCase() && original.slice(1) === original.slice(1).toLowerCase(),
    upper: original.length > 1 && original === original.toUpperCase() && original !== lower,
    letters: original.length,
    docRepeats: 0,
    docAgree: 1,
    rule: false,
    listLetter: false,
    number: numeric,
    numberAsWord: numeric ? bestWordChannel(cands) : 0,
    symbols: SYMBOL.test(original),
    letterEdits: id >= FIRST_WORD_ID ? editDistance(fuzzyKey(lower).replace(/[^a-z]/g, ''), stripMarks(token.restored.toLowerCase())) : 0,
    wordNeighbours,
    lmMargin,
  };
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
): void {
  for (const t of tokens) {
    let e = evidence.get(t);
    if (e) {
      // The list-letter and acronym passes may have rewritten the word after the decoder chose it.
      e.kept = t.restored.toLowerCase() === t.original.toLowerCase();
      e.listLetter = t.end - t.start === 1 && text[t.end] === ')';
    } else e = ruleEvidence(t);
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
    letters: t.original.length, docRepeats: 0, docAgree: 1, rule: true, listLetter: false, number: false, numberAsWord: 0, symbols: SYMBOL.test(t.original), letterEdits: 0, wordNeighbours: 2, lmMargin: 15,
  };
}

/**
 * What the language model alone says about the choice at slot j, with the decoded neighbours: the
 * three trigrams touching it for the chosen word minus the best of the decoder's ranked
 * alternatives (nats; positive when the LM agrees). A large negative value is a word the channel
 * forced against the context ("16" kept as a number where a word belongs).
 */
export function lmMargin(lm: TrigramLM, lattice: readonly Slot[], results: readonly SlotResult[], j: number): number {
  const r = results[j]!;
  if (r.ranked.length < 2) return 15;
  const at = (k: number) => (k < 0 ? BOS : k >= lattice.length ? EOS : lattice[k]!.ids[results[k]!.choice]!);
  const u = at(j - 2), v = at(j - 1), x = at(j + 1), y = at(j + 2);
  const ids = lattice[j]!.ids;
  const window = (c: number) => lm.trigram(u, v, c) + lm.trigram(v, c, x) + (j + 1 < lattice.length ? lm.trigram(c, x, y) : 0);
  const chosen = window(ids[r.choice]!);
  let best = -Infinity;
  for (let n = 1; n < r.ranked.length; n++) best = Math.max(best, window(ids[r.ranked[n]!]!));
  return Math.max(-15, Math.min(15, chosen - best));
}
