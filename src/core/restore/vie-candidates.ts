/**
 * Candidates for a word of Vietnamese-model OCR output ('vie-ocr' input): the word itself and the
 * vocabulary syllables the learned channel (vie-channel.ts) says it may be a misreading of — tone
 * flips, mark flips, one learned letter confusion — each with ln P(read | intended) as its channel
 * score. The OCR engine's own word confidence scales those scores: an unsure reading is cheap to
 * change, a confident one costs more to change than the channel alone says.
 */
import { isVietnameseSyllable, normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { candidateList, type Candidates } from './candidates.js';
import { UNK } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import type { VieChannel } from './vie-channel.js';

export interface VieTuning {
  /** Candidates kept per word (the word itself included). */
  maxCandidates: number;
  /** Candidates further than this (nats, channel + unigram) below the best are dropped. */
  keepWithin: number;
  /** ln P of reading a word the vocabulary lacks as it is: a valid syllable (a rare word, a name) … */
  unknownKeepLogP: number;
  /** … or no valid syllable (OCR junk). */
  invalidKeepLogP: number;
  /**
   * Factor on every channel score: the pairs come from one font and one engine version, so their
   * rates give the channel's shape rather than its scale (ocr-pairs/README).
   */
  channelScale: number;
  /** OCR confidence (0..100) at or below which a change gets `lowShift`. */
  lowConfidence: number;
  /** OCR confidence at or above which a change gets `highShift`. */
  highConfidence: number;
  /**
   * ln of how much likelier a misreading is at low / high confidence than on average, added to
   * every change: the engine's confidence conditions the channel's error odds (on the devset
   * scans about half the words read below 80 are wrong, under 1 % of those read above 90).
   */
  lowShift: number;
  highShift: number;
}

export const DEFAULT_VIE_TUNING: VieTuning = {
  maxCandidates: 16, keepWithin: 18, unknownKeepLogP: -5, invalidKeepLogP: -8, channelScale: 0.6, lowConfidence: 70, highConfidence: 92, lowShift: 3, highShift: -1.5,
};

/** Nats added to the channel score of changing a word the OCR read with this confidence (none if unknown). */
export function confidenceShift(confidence: number | undefined, t: VieTuning): number {
  if (confidence === undefined || !Number.isFinite(confidence)) return 0;
  const x = Math.min(1, Math.max(0, (confidence - t.lowConfidence) / (t.highConfidence - t.lowConfidence)));
  return t.lowShift + x * (t.highShift - t.lowShift);
}

export function vieCandidates(model: RestoreModel, channel: VieChannel, word: string, confidence: number | undefined, t: VieTuning): Candidates {
  const lower = word.toLowerCase();
  const norm = normalizeTonePlacement(lower, 'old');
  const ownId = model.vocabIndex.get(norm);
  const w = t.channelScale;
  const scored = new Map<number, number>();
  // A word the vocabulary lacks is likely damaged in a way the pairs never showed (vên for yên,
  // luập for luật): its one-letter neighbours are searched too, at the unseen-substitution cost.
  const skeletons = channel.skeletons(norm);
  if (ownId === undefined) skeletons.push(...oneLetterNeighbours(skeletons[0]!));
  for (const skel of skeletons) {
    for (const id of model.skeletonIndex.get(skel) ?? []) {
      if (!scored.has(id)) scored.set(id, channel.score(model.vocab[id]!, norm));
    }
  }
  // … and the word with one letter the OCR added dropped ("PHÕỐ" for PHỐ: a vowel read twice),
  // each at the cost of that inserted letter.
  if (ownId === undefined) {
    for (const shorter of oneLetterShorter(norm)) {
      for (const id of model.skeletonIndex.get(stripMarks(shorter)) ?? []) {
        const lp = channel.score(model.vocab[id]!, shorter) + channel.tables.unseen;
        if (lp > (scored.get(id) ?? -Infinity)) scored.set(id, lp);
      }
    }
  }
  const joint = (id: number, lp: number) => lp + model.lm.unigram(id);
  const ranked = [...scored].filter(([, lp]) => lp > -Infinity).sort((a, b) => joint(b[0], b[1]) - joint(a[0], a[1]) || a[0] - b[0]);
  const head = ranked.length ? joint(ranked[0]![0], ranked[0]![1]) : 0;
  const out = candidateList();
  const shift = confidenceShift(confidence, t);
  const push = (id: number, lp: number, form: string) => { out.ids.push(id); out.chan.push(w * lp + (id === ownId || id === UNK ? 0 : shift)); out.forms.push(form); };
  if (ownId !== undefined) push(ownId, scored.get(ownId) ?? channel.score(norm, norm), norm);
  // A word the vocabulary lacks: a name or rare word if it is a valid syllable, else OCR damage.
  else push(UNK, isVietnameseSyllable(norm) ? t.unknownKeepLogP : t.invalidKeepLogP, lower);
  for (const [id, lp] of ranked) {
    if (out.ids.length >= t.maxCandidates) break;
    if (id === ownId || joint(id, lp) < head - t.keepWithin) continue;
    push(id, lp, model.vocab[id]!);
  }
  return out;
}

const LETTERS = [...'abcdeghiklmnopqrstuvxy'];

/** The word with one of its letters (marks and all) left out, each distinct spelling once. */
function oneLetterShorter(word: string): string[] {
  const chars = [...word];
  if (chars.length < 3) return [];
  return [...new Set(chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join('')))];
}

function oneLetterNeighbours(skeleton: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < skeleton.length; i++)
    for (const ch of LETTERS) if (ch !== skeleton[i]) out.push(skeleton.slice(0, i) + ch + skeleton.slice(i + 1));
  return out;
}
