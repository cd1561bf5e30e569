/**
 * Diacritic restoration: split the text into word units and markers, build each word's candidate
 * syllables (skeleton matches for mark-free text, OCR-channel candidates for English-model OCR),
 * decode each segment with the trigram LM, and rebuild the text replacing only the words, with
 * their original case pattern. Pure: the model is passed in (src/model/load.ts loads it).
 */
import { casePattern, detectToneStyle, lowerCase, normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { candidateList, candidatesFor, sharedCandidates, DEFAULT_TUNING, type Candidates, type CandidateTuning, type DecodeMode } from './candidates.js';
import { RANKED_ALTERNATIVES, type Slot } from './decoder.js';
import { slotOf, withChannel } from './slot-shape.js';
import { acronymsFromExpansions } from './acronym-expansions.js';
import { applyDocumentCache, unifyNames, DEFAULT_DOC_CACHE, type DecodedSegment, type DocCacheTuning } from './doc-cache.js';
import { detectInput } from './detect-input.js';
import { fuzzyKey } from './fuzzy-skeletons.js';
import { withCaseEvidence, type CaseContext } from './case-evidence.js';
import { ocrDashTokens, readListLetters } from './list-markers.js';
import { findNames, withNameEvidence, DEFAULT_NAME_TUNING, type NameTuning } from './name-evidence.js';
import { COMMA, FIRST_WORD_ID, NUM, UNK } from './lm-tokens.js';
import { rebuild, restoreAcronym, surfaceAt, withVietnameseD, type Surfaces } from './surface-forms.js';
import type { RestoreModel } from './model.js';
import { restoredToken, type RestoredToken } from './restored-token.js';
import { isRunningTextAcronym, keepingLetters, vowelReadingLetters } from './running-text-codes.js';
import { byStartThenEnd, gluedSeams, isNumberLabel, isOcrNumberLabel, splitUnits } from './units.js';
import { vieCandidates, DEFAULT_VIE_TUNING, type VieTuning } from './vie-candidates.js';
import { confidenceAt, type WordConfidence } from './vie-confidence.js';
import { ORGAN_LINE_BONUS, organLineSpots } from './organ-lines.js';
import { archiveAcronyms, archiveNameSpots, archivePlaceSpots, PLACE_BONUS, withArchiveSyllables } from './adapted-restore.js';
import type { Adaptation } from './adaptation.js';
import { SURE, chosenPosteriors } from './unsure-posteriors.js';
import { WindowMemo } from './window-memo.js';
import { SegmentMemo } from './segment-memo.js';
import { documentTable } from './arc-table.js';
import { addWordEvidence, withDocumentAgreement, calibrate, DocumentEvidence, type AgreementGroup, type CalibrationMode } from './word-evidence.js';
import { spellingFor } from './spelling-evidence.js';

export type { RestoreModel } from './model.js';
export type { RestoredToken } from './restored-token.js';
export { modelFromBytes } from './model.js';
export type { DecodeMode } from './candidates.js';
export { detectInput } from './detect-input.js';
export { documentConfidences, locateWords, type WordConfidence } from './vie-confidence.js';
export { ConfidenceCalibration, type CalibrationFile, type WordEvidence } from './calibration.js';

import type { RestoreInput } from './inputs.js';
export { RESTORE_INPUTS, USER_RESTORE_INPUTS, type RestoreInput } from './inputs.js';

export interface RestoreOptions {
  model: RestoreModel;
  input?: RestoreInput;
  /** Weight of the channel log-probability against the LM (OCR input). */
  channelWeight?: number;
  tuning?: Partial<CandidateTuning>;
  /** Document-level cache settings (bonus 0 turns it off). */
  docCache?: Partial<DocCacheTuning>;
  /** 'vie-ocr' input: OCR word confidences by offset in `text` (vie-confidence.ts), sorted by start. */
  confidences?: readonly WordConfidence[];
  vieTuning?: Partial<VieTuning>;
  /** Name evidence at person names (model.names); false turns it off. */
  names?: boolean;
  nameTuning?: Partial<NameTuning>;
  /** Tone placement to write ('new': "hoà"); taken from `text` when absent (one window of a longer text is given its document's). */
  toneStyle?: 'old' | 'new';
  /** An archive's adaptation (adaptation.ts, `baocao learn`), prepared for this same model. */
  adaptation?: Adaptation;
  /** Forward–backward posteriors for the confidences (posterior.ts); false keeps the decoder's own (faster). */
  posterior?: boolean;
  /** Organ lines of a header keep their words as written (organ-lines.ts); false turns it off (benches). */
  organLines?: boolean;
  /** Keep each word's evidence on its token (calibration and benches). */
  evidence?: boolean;
}

interface SegmentWord {
  unit: { start: number; end: number; text: string; numeric?: boolean };
  cands: Candidates;
  slot: number;
  entry: WordEntry;
}

/**
 * What restore() keeps per distinct word as written in one document, so that a repeated word costs
 * one map look-up: its candidate key and list (not for Vietnamese-model OCR, whose lists hang on
 * word confidences), its slot with title-case evidence, its surface spellings, its agreement group.
 */
interface WordEntry {
  key: string;
  lower: string;
  /** caseContextOf(the word), a pure function of it. */
  context: CaseContext | null;
  /** letterKey(the word), made on first use (OCR segments). */
  letters: string | undefined;
  cands: Candidates | undefined;
  titled: Slot | undefined;
  surfaces: Surfaces;
  group: AgreementGroup;
}

export interface RestoreResult {
  text: string;
  tokens: RestoredToken[];
  mode: DecodeMode;
}

const MARKER_SLOT = { num: slotOf([NUM], [0], [], false), comma: slotOf([COMMA], [0], [], false), unk: slotOf([UNK], [0], [], false) } as const;
const MAX_ALTERNATIVES = RANKED_ALTERNATIVES;
const MAX_SEGMENT = 400;

export function restore(given: string, options: RestoreOptions): RestoreResult {
  const { model, adaptation } = options;
  if (adaptation && adaptation.model !== model) throw new Error('the adaptation was prepared for another model');
  const lm = adaptation?.lm ?? model.lm;
  const input = options.input ?? 'auto';
  const mode: DecodeMode = input === 'auto' ? detectInput(given) : input === 'vie-ocr' ? 'clean' : input;
  const text = withVietnameseD(given, mode);
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const channelWeight = options.channelWeight ?? 1;
  const newStyle = (options.toneStyle ?? detectToneStyle(text)) === 'new';
  const units = splitUnits(text, mode === 'ocr');
  const tokens: RestoredToken[] = [];
  // Lists are shared across documents, except Vietnamese-model OCR's (they hang on word confidences).
  const cache = input === 'vie-ocr' ? new Map<string, Candidates>() : sharedCandidates(model, mode, tuning);
  const caseSlots = new Map<string, Slot>();
  // Vietnamese-model OCR with its learned channel (absent in older model folders: 'clean' as before).
  const vie = input === 'vie-ocr' ? model.vieChannel : undefined;
  const vieTuning = { ...DEFAULT_VIE_TUNING, ...options.vieTuning };
  const nameModel = options.names === false ? undefined : adaptation?.names ?? model.names;
  const nameTuning = { ...DEFAULT_NAME_TUNING, ...options.nameTuning };
  const nameAt = nameModel && nameTuning.weight !== 0 ? findNames(text, nameModel.surnameSkeletons) : undefined;
  // The archive's own names are names wherever they stand, not only after a cue word.
  if (nameAt && adaptation) archiveNameSpots(text, adaptation, nameAt);
  const placeAt = adaptation && mode !== 'clean' ? archivePlaceSpots(text, adaptation) : undefined;
  // Organ lines of a header, read with marks: a word's reading as written (organ-lines.ts).
  const organAt = mode === 'stripped' || options.organLines === false ? undefined : organLineSpots(text);

  const entries = new Map<string, WordEntry>();
  const calibrationMode: CalibrationMode = input === 'vie-ocr' ? 'vie-ocr' : mode;
  const withPosterior = options.posterior !== false;
  // Segments and unsure windows the document repeats are decoded and summed once (window-memo.ts).
  const windows = withPosterior ? new WindowMemo() : undefined;
  // The document's LM scores, looked up once for the decoder, its re-decodings and the posteriors.
  const arcs = documentTable(lm);
  const decoded = new SegmentMemo(arcs);
  const evidence = new DocumentEvidence();
  const emit = (segWords: SegmentWord[], results: DecodedSegment['results'], lattice: readonly Slot[]) => {
    // The posterior of the lattice actually decoded last (the document cache may have re-weighted it).
    const post = withPosterior ? chosenPosteriors(lm, lattice, results, channelWeight, SURE, windows, arcs) : undefined;
    for (const w of segWords) {
      const r = results[w.slot]!, original = w.unit.text, choice = r.choice, surfaces = w.entry.surfaces;
      const restored = surfaceAt(surfaces, original, w.cands, choice, newStyle);
      const alternatives = alternativesOf(surfaces, original, w.cands, r.ranked, newStyle);
      const token = restoredToken(original, restored, w.unit.start, w.unit.end, r.confidence, alternatives);
      tokens.push(token);
      const sp = surfaces.spelling[choice] ??= spellingFor(model, surfaces.forms, surfaces.spelling, original, restored, lattice[w.slot]!.ids[choice]! >= FIRST_WORD_ID);
      addWordEvidence(evidence, model, token, w.cands, lattice, results, w.slot, posteriorOr(post, w.slot, r.confidence), w.unit.numeric === true, sp,
        w.entry.group, surfaces.lower[choice] ??= lowerCase(restored));
    }
  };
  let slots: Slot[] = [];
  let words: SegmentWord[] = [];
  const segments: (DecodedSegment & { words: SegmentWord[]; texts: string[] })[] = [];
  const flush = () => {
    // Without the OCR document passes a segment is final once decoded: emit it, keep nothing.
    if (words.length && mode !== 'ocr') emit(words, decoded.decode(lm, slots, channelWeight), slots);
    else if (words.length) {
      segments.push({
        slots, words, wordSlots: words.map((w) => w.slot),
        keys: words.map((w) => (w.entry.letters ??= letterKey(w.unit.text))), texts: words.map((w) => w.unit.text),
        results: decoded.decode(lm, slots, channelWeight),
      });
    }
    slots = [];
    words = [];
  };
  for (const u of units) {
    if (u.kind === 'break') { flush(); continue; }
    if (u.kind === 'acronym') {
      const restored = (adaptation && archiveAcronyms(adaptation, u.text, mode === 'ocr')) || restoreAcronym(model, u.text, u.typeSlot === true);
      tokens.push(restoredToken(u.text, restored, u.start, u.end, 1, restored === u.text ? [] : [u.text]));
      continue;
    }
    if (u.kind !== 'word') { slots.push(MARKER_SLOT[u.kind]); continue; }
    // Case matters to the OCR channel (capital Đ reads as P or B), so the cache keys on it.
    let entry = entries.get(u.text);
    if (!entry) {
      const lower = lowerCase(u.text);
      entry = {
        key: mode === 'ocr' ? u.text : lower, lower, context: caseContextOf(u.text), letters: undefined, cands: undefined, titled: undefined,
        surfaces: { forms: [], spelling: [], lower: [], readAs: undefined, pattern: undefined }, group: evidence.group(lower),
      };
      entries.set(u.text, entry);
    }
    const confidence = vie && options.confidences ? confidenceAt(options.confidences, u.start) : undefined;
    const key = vie ? entry.key + '\u0001' + (confidence ?? '') : entry.key;
    let cands = vie ? cache.get(key) : entry.cands ?? cache.get(key);
    if (!cands) {
      cands = vie && !u.numeric ? vieCandidates(model, vie, u.text, confidence, vieTuning) : candidatesFor(model, u.text, mode, tuning, u.numeric);
      if (adaptation && !vie && !u.numeric && mode !== 'clean') cands = withArchiveSyllables(model, adaptation, cands, u.text, mode);
      cache.set(key, cands);
    }
    if (!vie) entry.cands = cands;
    // The number label keeps its reading (units.ts); the one candidate is the word as read.
    // (Each test only where its first condition can hold: the word is "số", or two or three code units from S.)
    const labelId = (entry.lower === 'số' && isNumberLabel(text, u.text, u.end))
      || (mode === 'ocr' && u.text.charCodeAt(0) === 0x53 && u.text.length <= 3 && isOcrNumberLabel(text, u.text, u.end)) ? model.vocabIndex.get('số') : undefined;
    if (labelId !== undefined) cands = candidateList([labelId], [0], ['số']);
    // An acronym in capitals among lower-case words keeps its letters (running-text-codes.ts).
    else if (mode === 'ocr' && isRunningTextAcronym(text, u.start, u.text, vowelReadingLetters(model.channel))) cands = keepingLetters(u.text, cands);
    words.push({ unit: u, cands, slot: slots.length, entry });
    // Case is evidence only inside a segment (its first word is capitalised anyway).
    const context = (mode === 'clean' && !vie) || slots.length === 0 || labelId !== undefined ? null : entry.context;
    let slot: Slot = cands;
    if (context) {
      // caseContextOf gives only 'title': the entry keeps that slot for its word (not for vie-ocr, keyed on confidence too).
      let cased = vie ? undefined : entry.titled;
      if (!cased) {
        const caseKey = context + '\u0000' + key;
        cased = caseSlots.get(caseKey);
        if (!cased) {
          const chan = withCaseEvidence(model, cands, context, tuning.caseWeight);
          caseSlots.set(caseKey, (cased = chan ? withChannel(cands, chan) : cands));
        }
        if (!vie) entry.titled = cased;
      }
      slot = cased;
    }
    const spot = nameAt?.get(u.start);
    if (spot) {
      // Only a signer's line is sure enough to keep a syllable as read (see withNameEvidence).
      const asRead = spot.signer ? normalizeTonePlacement(u.text.toLowerCase(), 'old') : undefined;
      slot = withNameEvidence(nameModel!, slot, cands.forms, cands.chan, spot.position, nameTuning, asRead);
    }
    const place = placeAt?.get(u.start);
    if (place !== undefined && cands.forms.includes(place)) slot = withChannel(slot, slot.chan.map((lp, k) => (cands.forms[k] === place ? lp + PLACE_BONUS : lp)));
    const asWritten = organAt?.get(u.start);
    if (asWritten !== undefined && cands.forms.includes(asWritten)) slot = withChannel(slot, slot.chan.map((lp, k) => (cands.forms[k] === asWritten ? lp + ORGAN_LINE_BONUS : lp)));
    slots.push(slot);
    // Bound the decoder's memory on text without punctuation; context loss here is negligible.
    if (slots.length >= MAX_SEGMENT) flush();
  }
  flush();
  if (mode === 'ocr') {
    const skeletons = new Map<number, string>();
    const skeletonOf = (id: number) => skeletons.get(id) ?? skeletons.set(id, stripMarks(model.vocab[id] ?? '')).get(id)!;
    applyDocumentCache(lm, segments, channelWeight, { ...DEFAULT_DOC_CACHE, ...options.docCache }, skeletonOf, decoded);
    if (options.docCache?.bonus !== 0) unifyNames(lm, segments, channelWeight, decoded);
  }
  for (const seg of segments) emit(seg.words, seg.results, seg.decoded ?? seg.slots);
  if (mode === 'ocr') tokens.push(...ocrDashTokens(text), ...gluedSeams(units));
  tokens.sort(byStartThenEnd);
  if (mode !== 'clean') readListLetters(text, tokens);
  if (mode === 'ocr' || mode === 'stripped' || input === 'vie-ocr') acronymsFromExpansions(text, tokens, mode === 'ocr', (lower) => model.vocabIndex.has(lower), input === 'vie-ocr');
  if (adaptation && mode !== 'clean') {
    // Acronyms the archive writes with Đ that the corpus does not know ("DMST" → ĐMST).
    for (const t of tokens) {
      if (t.restored !== t.original) continue;
      const form = archiveAcronyms(adaptation, t.original, mode === 'ocr');
      if (form) { t.restored = form; t.alternatives = [t.original]; }
    }
  }
  // Confidence as P(right): the evidence of each word with the document's other readings of its token.
  withDocumentAgreement(evidence);
  calibrate(text, tokens, evidence, model.confidence, calibrationMode, options.evidence === true, (lower) => model.vocabIndex.has(lower));
  return { text: rebuild(text, tokens), tokens, mode };
}

/**
 * The surface forms of ranked[1..MAX_ALTERNATIVES], in an array made at its size (an empty array
 * grown by push reserves 17 slots: most of what emit allocated per word).
 */
function alternativesOf(surfaces: Surfaces, original: string, cands: Candidates, ranked: readonly number[], newStyle: boolean): string[] {
  const n = Math.min(ranked.length - 1, MAX_ALTERNATIVES);
  if (n <= 0) return [];
  const a = surfaceAt(surfaces, original, cands, ranked[1]!, newStyle);
  if (n === 1) return [a];
  const b = surfaceAt(surfaces, original, cands, ranked[2]!, newStyle);
  if (n === 2) return [a, b];
  const c = surfaceAt(surfaces, original, cands, ranked[3]!, newStyle);
  if (n === 3) return [a, b, c];
  const out = [a, b, c];
  for (let k = 4; k <= n; k++) out.push(surfaceAt(surfaces, original, cands, ranked[k]!, newStyle));
  return out;
}

/** The summed posterior of slot j (chosenPosteriors; NaN where none was summed), else the decoder's confidence. */
function posteriorOr(post: Float64Array | undefined, j: number, decoder: number): number {
  const p = post ? post[j]! : NaN;
  return p === p ? p : decoder;
}

function caseContextOf(word: string): CaseContext | null {
  const first = word.charAt(0);
  if (first === first.toLowerCase() || word.length < 2) return null; // most words, cheaply
  const p = casePattern(word);
  return p === 'title' && word.length > 1 ? 'title' : null;
}

/** An OCR token's letters as a vocabulary skeleton: "huy¢én" → "huyen", "Dat" → "dat". */
function letterKey(word: string): string {
  return fuzzyKey(word.toLowerCase()).replace(/[^a-z]/g, '');
}
