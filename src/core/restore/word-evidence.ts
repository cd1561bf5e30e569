/**
 * The evidence restore() gathers about each decoded word (calibration.ts turns it into P(right)):
 * from its candidates and lattice slot when it is emitted, and from the document's other readings
 * of the same token once every word is decoded.
 */
import { lowerCase, normalizeTonePlacement } from '../vi-text/index.js';
import { HAS_DIGIT, HAS_LETTER, SYMBOL, type SpellingEvidence } from './spelling-evidence.js';
import type { Candidates, DecodeMode } from './candidates.js';
import { blankEvidence, type ConfidenceCalibration, type WordEvidence } from './calibration.js';
import type { Slot, SlotResult } from './decoder.js';
import { SURE } from './unsure-posteriors.js';
import type { NgramScorer } from './language-model.js';
import { BOS, EOS, FIRST_WORD_ID } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import type { RestoredToken } from './restored-token.js';

export type CalibrationMode = DecodeMode | 'vie-ocr';

/** lmMargin's value for a word the decoder was sure of (not computed). */
const LM_MARGIN_SURE = 15;

/**
 * Records the evidence about the word decoded at slot j of a segment (`posterior`: its posterior,
 * or the decoder's confidence when not summed; `sp`: spellingFor) in `doc`, as columns.
 */
export function addWordEvidence(
  doc: DocumentEvidence, model: RestoreModel, token: RestoredToken, cands: Candidates, lattice: readonly Slot[], results: readonly SlotResult[], j: number,
  posterior: number, numeric: boolean, sp: SpellingEvidence, group: AgreementGroup, restoredLower: string,
): void {
  const slot = lattice[j]!, r = results[j]!, choice = r.choice;
  const id = slot.ids[choice]!;
  const n = Math.min(slot.ids.length, 24);
  let bestChan = -Infinity;
  for (let k = 0; k < n; k++) if (slot.chan[k]! > bestChan) bestChan = slot.chan[k]!;
  // lmMargin first: the row's buffer may be replaced when it grows.
  const margin = r.confidence < SURE || numeric ? lmMargin(model.lm, lattice, results, j) : LM_MARGIN_SURE;
  const at = doc.nextRow(), v = doc.values;
  v[at + POSTERIOR] = posterior;
  v[at + DECODER] = r.confidence;
  v[at + CANDIDATES] = n;
  v[at + FLAGS] = (slot.name === true ? NAME : 0) | (id < FIRST_WORD_ID ? UNKNOWN : 0) | (numeric ? NUMBER : 0);
  // The channel cost without case or name evidence: the candidates' own (slot.chan may add them).
  v[at + CHANNEL] = cands.chan[choice] ?? slot.chan[choice]!;
  v[at + CHANNEL_GAP] = bestChan - slot.chan[choice]!;
  v[at + UNIGRAM] = id >= FIRST_WORD_ID ? model.lm.unigram(id) : 0;
  v[at + NUMBER_AS_WORD] = numeric ? bestWordChannel(cands) : 0;
  v[at + WORD_NEIGHBOURS] = isWordAt(lattice, results, j - 1) + isWordAt(lattice, results, j + 1);
  // Only where it can matter (a tenth of the cost of a word otherwise): unsure words, and numbers, which the decoder keeps surely.
  v[at + LM_MARGIN] = margin;
  doc.add(token, sp, group, restoredLower);
}

const NAME = 1, UNKNOWN = 2, NUMBER = 4;

// The emitted words' numeric evidence: one row of FIELDS doubles per word in DocumentEvidence.values.
const POSTERIOR = 0, DECODER = 1, CANDIDATES = 2, FLAGS = 3, CHANNEL = 4, CHANNEL_GAP = 5, UNIGRAM = 6, NUMBER_AS_WORD = 7,
  WORD_NEIGHBOURS = 8, LM_MARGIN = 9, DOC_REPEATS = 10, DOC_AGREE = 11, FIELDS = 12;
/** The last document's rows buffer, handed to the next (restore() is synchronous; a document still using it makes its own). */
let spareValues: Float64Array | undefined;

function isWordAt(lattice: readonly Slot[], results: readonly SlotResult[], j: number): number {
  const x = results[j];
  return x !== undefined && lattice[j]!.ids[x.choice]! >= FIRST_WORD_ID ? 1 : 0;
}

function bestWordChannel(c: Candidates): number {
  let best = -Infinity;
  for (let k = 0; k < c.ids.length; k++) if (c.ids[k]! >= FIRST_WORD_ID && c.chan[k]! > best) best = c.chan[k]!;
  return best === -Infinity ? -30 : best;
}

/** The document's words read from the same token (lower case), and how many of them took each reading. */
export interface AgreementGroup { lower: string; total: number; counts: Map<string, number> }

/**
 * The decoded words' evidence as columns, in the order they were emitted: no object or map entry
 * per word (WordEvidence objects are made one at a time when calibrating), and each lower-case
 * spelling made once per distinct token and reading (`emitted` / `emittedLower`: the reading as
 * the decoder gave it; later passes may still rewrite t.restored).
 */
export class DocumentEvidence {
  readonly tokens: RestoredToken[] = [];
  readonly spelling: SpellingEvidence[] = [];
  readonly groupOf: AgreementGroup[] = [];
  readonly emitted: string[] = [];
  readonly emittedLower: string[] = [];
  /** The words' numeric evidence, FIELDS doubles a word (no boxed number, no array growth per column). */
  values: Float64Array;
  private rows = 0;
  private agreed = false;
  /** withDocumentAgreement has filled the agreement fields. */
  agreeSet(): void {
    this.agreed = true;
  }

  constructor() {
    this.values = spareValues ?? new Float64Array(FIELDS * 1024);
    spareValues = undefined;
  }

  /** Where the next word's row starts in `values` (read `values` after this call: it may grow). */
  nextRow(): number {
    const at = FIELDS * this.rows;
    if (at + FIELDS > this.values.length) {
      const grown = new Float64Array(2 * this.values.length);
      grown.set(this.values);
      this.values = grown;
    }
    return at;
  }

  /** Hands the rows buffer to the next document (after the last read of this one's evidence). */
  release(): void {
    if (!spareValues || spareValues.length < this.values.length) spareValues = this.values;
  }
  /** Each word's final reading in lower case (set by withDocumentAgreement). */
  finalLower: string[] = [];
  private readonly groups = new Map<string, AgreementGroup>();

  /** The group of a token, by its lower-case spelling. */
  group(lower: string): AgreementGroup {
    let g = this.groups.get(lower);
    if (!g) this.groups.set(lower, (g = { lower, total: 0, counts: new Map() }));
    return g;
  }

  add(token: RestoredToken, sp: SpellingEvidence, group: AgreementGroup, restoredLower: string): void {
    // Stores at the arrays' ends, not push: the optimized addWordEvidence called the push builtin
    // for each (~170 instructions a call, 5 a word), where a store that grows the array is inlined.
    const i = this.rows++;
    this.tokens[i] = token;
    this.spelling[i] = sp;
    this.groupOf[i] = group;
    this.emitted[i] = token.restored;
    this.emittedLower[i] = restoredLower;
  }

  /** Word i's evidence as an object (fresh, or `into` overwritten). */
  evidence(i: number, into?: WordEvidence): WordEvidence {
    const v = this.values, at = FIELDS * i, sp = this.spelling[i]!, flags = v[at + FLAGS]!;
    const e = into ?? blankEvidence();
    e.posterior = v[at + POSTERIOR]!; e.decoder = v[at + DECODER]!; e.candidates = v[at + CANDIDATES]!;
    e.knownInput = sp.knownInput; e.digits = sp.digits; e.name = (flags & NAME) !== 0; e.kept = sp.kept;
    e.unknown = (flags & UNKNOWN) !== 0; e.channel = v[at + CHANNEL]!; e.channelGap = v[at + CHANNEL_GAP]!; e.unigram = v[at + UNIGRAM]!;
    e.title = sp.title; e.upper = sp.upper; e.letters = this.tokens[i]!.original.length;
    e.docRepeats = this.agreed ? v[at + DOC_REPEATS]! : 0; e.docAgree = this.agreed ? v[at + DOC_AGREE]! : 1; e.rule = false; e.listLetter = false;
    e.number = (flags & NUMBER) !== 0; e.numberAsWord = v[at + NUMBER_AS_WORD]!; e.symbols = sp.symbols; e.letterEdits = sp.letterEdits;
    e.wordNeighbours = v[at + WORD_NEIGHBOURS]!; e.lmMargin = v[at + LM_MARGIN]!;
    return e;
  }
}

/** How many other words of the document were read from the same token, and the share restored alike. */
export function withDocumentAgreement(doc: DocumentEvidence): void {
  const { tokens, groupOf, emitted, emittedLower } = doc;
  const n = tokens.length, lowers: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const restored = tokens[i]!.restored;
    const r = restored === emitted[i] ? emittedLower[i]! : lowerCase(restored);
    lowers[i] = r;
    const g = groupOf[i]!;
    g.counts.set(r, (g.counts.get(r) ?? 0) + 1);
    g.total++;
  }
  const v = doc.values;
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    const same = g.counts.get(lowers[i]!)! - 1;
    v[FIELDS * i + DOC_REPEATS] = g.total - 1;
    v[FIELDS * i + DOC_AGREE] = g.total > 1 ? same / (g.total - 1) : 1;
  }
  doc.agreeSet();
  doc.finalLower = lowers;
}

/**
 * Sets each token's confidence to P(right) and keeps the decoder's value beside it. Words that no
 * decoder chose (acronyms, list markers) get evidence of their own kind: certain to the decoder.
 * Call after withDocumentAgreement.
 */
export function calibrate(
  text: string, tokens: RestoredToken[], doc: DocumentEvidence, calibration: ConfidenceCalibration | undefined, mode: CalibrationMode, keep: boolean,
  known: (lower: string) => boolean,
): void {
  const calibrated = calibration?.has(mode) === true;
  const set = (t: RestoredToken, e: WordEvidence) => {
    // An unknown capitals acronym kept with a D: English OCR and stripped text have no Đ ("QHDP" may be QHĐP).
    e.acronymD = e.upper && e.kept && t.original.includes('D') && !known(normalizeTonePlacement(t.original.toLowerCase(), 'old'));
    t.decoderConfidence = t.confidence;
    t.confidence = calibrated ? calibration!.probability(mode, e) : e.posterior;
    if (keep) t.evidence = e;
  };
  // Without `keep` one object serves every word in turn (the calibration reads it and lets go).
  const scratch = keep ? undefined : blankEvidence();
  for (let i = 0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i]!, e = doc.evidence(i, scratch);
    // The list-letter and acronym passes may have rewritten the word after the decoder chose it.
    e.kept = doc.finalLower[i] === doc.groupOf[i]!.lower;
    e.listLetter = t.end - t.start === 1 && text[t.end] === ')';
    set(t, e);
  }
  doc.release();
  // The others (no decoder chose them) are the tokens not yet given a decoder confidence.
  for (const t of tokens) if (t.decoderConfidence === undefined) set(t, ruleEvidence(t));
}

function ruleEvidence(t: RestoredToken): WordEvidence {
  const lower = t.original.toLowerCase(), e = blankEvidence();
  e.posterior = t.confidence; e.decoder = t.confidence; e.candidates = 1 + t.alternatives.length;
  e.digits = HAS_DIGIT.test(t.original) && HAS_LETTER.test(t.original); e.kept = t.restored.toLowerCase() === lower;
  e.channel = 0; e.channelGap = 0; e.unigram = 0; e.upper = t.original === t.original.toUpperCase() && t.original !== lower;
  e.letters = t.original.length; e.docRepeats = 0; e.docAgree = 1; e.rule = true; e.numberAsWord = 0; e.symbols = SYMBOL.test(t.original);
  e.letterEdits = 0; e.wordNeighbours = 2; e.lmMargin = 15;
  return e;
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
