/**
 * The document's own OCR confusions (English-model OCR input). The channel was learnt from one OCR
 * engine's pairs; another engine, or another scan, misreads vowels in its own way: Debian's fast
 * English model writes "é" for ô about 40 % of the time where the learnt channel says 3 %
 * ("khéng", "céng", "nép" for không, công, nộp). A document shows its engine's habits in the words
 * decoded with high confidence: where one of those has as many letters as its OCR token, each vowel
 * is one observation "intended vowel shape (ô, ê, ơ …, tone aside) → letter read". Against the
 * letters the channel expected for the same vowels, that gives per shape and read letter a ratio
 * (observed + a) / (expected + a) — the channel's emissions adapted to the document, as MAP
 * adaptation does with a prior of `a` pseudo-observations. Unsure words get their candidates'
 * channel scores multiplied by those ratios (letter by letter, capped) and their segment is decoded
 * again. A document too short to show a habit changes nothing: with few observations the ratios stay
 * near 1.
 */
import { vowelOfCode } from '../vi-text/marks.js';
import { decodeSegment, type Slot } from './decoder.js';
import type { ChannelTables } from './channel-types.js';
import type { NgramScorer } from './language-model.js';
import { FIRST_WORD_ID } from './lm-tokens.js';
import type { SegmentMemo } from './segment-memo.js';
import type { DecodedSegment } from './doc-cache.js';

export interface DocConfusionTuning {
  /** A word decoded with at least this confidence is an observation of the document's confusions. */
  confident: number;
  /** Only words decoded below this confidence are scored again. */
  unsure: number;
  /** Pseudo-observations pulling each ratio towards 1 (the channel as learnt). */
  prior: number;
  /** Largest change of one letter's ln-probability, either way. */
  cap: number;
  /** Scale of the summed ln-ratios (0 turns the pass off). */
  weight: number;
}

export const DEFAULT_DOC_CONFUSIONS: DocConfusionTuning = { confident: 0.9, unsure: 0.9, prior: 2, cap: 3, weight: 1 };

/** Per vowel shape (toneless lower-case code) and letter read: observed and expected counts. */
export class DocumentConfusions {
  private observed = new Map<number, Map<string, number>>();
  private expected = new Map<number, Map<string, number>>();

  constructor(private tables: ChannelTables) {}

  /** Adds a word read as `raw` (lower case) and decoded as `form`; letters aligned one to one. */
  observe(raw: string, form: string): void {
    if (raw.length !== form.length) return;
    for (let i = 0; i < form.length; i++) {
      const shape = vowelOfCode(form.charCodeAt(i));
      if (shape === 0) continue;
      const g = form[i]!, o = raw[i]!;
      add(this.observed, shape, o, 1);
      // The channel's expectation for this very vowel (tone included), over the letters it reads as.
      for (const [piece, lp] of this.tables.emit[g] ?? []) if (piece.length === 1) add(this.expected, shape, piece, Math.exp(lp));
    }
  }

  /** ln of the document's ratio for `form` read as `raw` (0 when the lengths differ). */
  logRatio(raw: string, form: string, t: DocConfusionTuning): number {
    if (raw.length !== form.length) return 0;
    let sum = 0;
    for (let i = 0; i < form.length; i++) {
      const shape = vowelOfCode(form.charCodeAt(i));
      if (shape === 0) continue;
      const o = raw[i]!;
      const obs = this.observed.get(shape)?.get(o) ?? 0, exp = this.expected.get(shape)?.get(o) ?? 0;
      const r = Math.log((obs + t.prior) / (exp + t.prior));
      sum += Math.max(-t.cap, Math.min(t.cap, r));
    }
    return sum * t.weight;
  }
}

function add(into: Map<number, Map<string, number>>, shape: number, letter: string, n: number): void {
  let m = into.get(shape);
  if (!m) into.set(shape, (m = new Map()));
  m.set(letter, (m.get(letter) ?? 0) + n);
}

/**
 * Learns the document's confusions from its confident words and decodes again the segments where
 * an unsure word's candidates are re-ranked by them. `texts` are the words as read, per word slot.
 */
export function applyDocumentConfusions(
  lm: NgramScorer, segments: (DecodedSegment & { texts: string[] })[], channelWeight: number, tables: ChannelTables,
  vocab: readonly string[], t: DocConfusionTuning, memo?: SegmentMemo,
): void {
  if (t.weight === 0) return;
  const doc = new DocumentConfusions(tables);
  for (const s of segments) {
    for (let w = 0; w < s.wordSlots.length; w++) {
      const j = s.wordSlots[w]!, r = s.results[j]!, slot = s.slots[j]!;
      const id = slot.ids[r.choice]!;
      if (r.confidence >= t.confident && id >= FIRST_WORD_ID && !slot.name) doc.observe(s.texts[w]!.toLowerCase(), vocab[id]!);
    }
  }
  for (const s of segments) {
    let changed: Slot[] | undefined;
    for (let w = 0; w < s.wordSlots.length; w++) {
      const j = s.wordSlots[w]!, r = s.results[j]!;
      const slot = (changed ?? s.slots)[j]!;
      if (r.confidence >= t.unsure || slot.name) continue;
      const raw = s.texts[w]!.toLowerCase();
      const delta = slot.ids.map((id) => (id >= FIRST_WORD_ID ? doc.logRatio(raw, vocab[id]!, t) : 0));
      // Decoded again only when some other candidate gains on the one chosen.
      if (!delta.some((d, k) => d > delta[r.choice]! + 0.05)) continue;
      (changed ??= s.slots.slice())[j] = { ...slot, chan: slot.chan.map((lp, k) => lp + delta[k]!) };
    }
    if (changed) {
      s.slots = changed;
      s.results = memo ? memo.decode(lm, changed, channelWeight) : decodeSegment(lm, changed, channelWeight);
      s.decoded = changed;
    }
  }
}
