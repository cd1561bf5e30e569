/**
 * The evidence restore() gathers about each decoded word (calibration.ts turns it into P(right)):
 * from its candidates and lattice slot when it is emitted, and from the document's other readings
 * of the same token once every word is decoded.
 */
import { normalizeTonePlacement } from '../vi-text/index.js';
import type { Candidates, DecodeMode } from './candidates.js';
import type { ConfidenceCalibration, WordEvidence } from './calibration.js';
import type { Slot } from './decoder.js';
import { FIRST_WORD_ID } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import type { RestoredToken } from './restored-token.js';

export type CalibrationMode = DecodeMode | 'vie-ocr';

const HAS_DIGIT = /\d/;
const HAS_LETTER = /\p{L}/u;

export function wordEvidence(
  model: RestoreModel, token: RestoredToken, cands: Candidates, slot: Slot, choice: number, posterior: number, decoder: number, numeric: boolean,
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
  };
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
  tokens: RestoredToken[], evidence: Map<RestoredToken, WordEvidence>, calibration: ConfidenceCalibration | undefined, mode: CalibrationMode, keep: boolean,
): void {
  for (const t of tokens) {
    const e = evidence.get(t) ?? ruleEvidence(t);
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
    letters: t.original.length, docRepeats: 0, docAgree: 1, rule: true,
  };
}
