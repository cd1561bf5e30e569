/** Candidate syllables for one word unit, per input mode, with their channel log-probabilities. */
import { isVietnameseSyllable, normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { hasJunk } from './channel.js';
import { NUM, UNK } from './lm-tokens.js';
import type { RestoreModel } from './model.js';

export type DecodeMode = 'stripped' | 'ocr' | 'clean';

export interface Candidates {
  ids: number[];
  chan: number[];
  /** Lower-case surface form per candidate (the original word for <unk>). */
  forms: string[];
  /** False in every list candidateList makes: a list is used as a slot as it is (slot-shape.ts). */
  name?: boolean;
}

/** A candidate list, in the one slot shape (slot-shape.ts: the same fields in the same order). */
export function candidateList(ids: number[] = [], chan: number[] = [], forms: string[] = []): Candidates {
  return { ids, chan, forms, name: false };
}

export interface CandidateTuning {
  /** Max skeleton matches considered for mark-free input. */
  maxSkeleton: number;
  /** ln P of "keep the OCR token as it is" (a name, a foreign word, unreadable junk). */
  keepLogP: number;
  /** ln P of changing a token in text that already looks right ('clean' mode). */
  changeLogP: number;
  /** Skeleton matches whose unigram ln P is this far below the best one are dropped (speed). */
  unigramPrune: number;
  /** Extra ln P of reading a bare OCR number as a word ("16 trinh" → lộ trình). */
  numberWordLogP: number;
  /** Factor on keepLogP for a token with digits or symbols among its letters ("d01", "k¥"). */
  junkKeepFactor: number;
  /** Weight of the case evidence (see case-evidence.ts); 0 turns it off. */
  caseWeight: number;
}

export const DEFAULT_TUNING: CandidateTuning = {
  maxSkeleton: 16, keepLogP: -14, changeLogP: -5, unigramPrune: 7, numberWordLogP: -6, junkKeepFactor: 1.5, caseWeight: 0.5,
};

/** Distinct words whose candidate lists a model keeps per mode and tuning before starting afresh. */
export const SHARED_CANDIDATES_LIMIT = 100_000;
const shared = new WeakMap<RestoreModel, Map<string, Map<string, Candidates>>>();

/**
 * The candidate lists already built for `model` in `mode` with tuning `t`, by word: a document
 * repeats its words and documents share most of theirs, so lists are built once per process and
 * shared (callers never change a list). Keys are the caller's (candidatesFor depends only on the
 * word, the mode and the tuning; the caller keys on what it passes).
 */
export function sharedCandidates(model: RestoreModel, mode: DecodeMode, t: CandidateTuning): Map<string, Candidates> {
  let byTuning = shared.get(model);
  if (!byTuning) shared.set(model, (byTuning = new Map()));
  const key = mode + JSON.stringify(t);
  let lists = byTuning.get(key);
  if (!lists || lists.size > SHARED_CANDIDATES_LIMIT) byTuning.set(key, (lists = new Map()));
  return lists;
}

export function candidatesFor(model: RestoreModel, word: string, mode: DecodeMode, t: CandidateTuning, numeric = false): Candidates {
  const lower = word.toLowerCase();
  if (numeric) return numberCandidates(model, lower, t);
  const norm = normalizeTonePlacement(lower, 'old');
  const skel = stripMarks(lower);
  const ownId = model.vocabIndex.get(norm);
  if (mode === 'ocr') {
    const first = word.charAt(0);
    const capital = first !== first.toLowerCase();
    const cands = model.channel.candidates(lower, !capital ? 'none' : word === word.toUpperCase() ? 'all' : 'first');
    const out = candidateList();
    // Capitals without a vowel ("PCT", "CVP", "TTgCP"): an acronym is as likely as OCR damage.
    const acronym = word.length >= 2 && /^[B-DF-HJ-NP-TV-XZĐbcdfghj-np-tv-xzđ]+$/u.test(word) && (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
    for (const c of cands) {
      const form = model.vocab[c.id]!;
      out.ids.push(c.id);
      // The acronym itself with its Đ restored ("HDND" → hđnd) counts as keeping it.
      out.chan.push(acronym && form.replace(/đ/g, 'd') === lower ? Math.max(c.logP, t.keepLogP / 2) : c.logP);
      out.forms.push(form);
    }
    // A known acronym ("HDND" → hđnd) is itself the keeping choice.
    const knownAcronym = acronym && out.forms.some((f) => f.replace(/đ/g, 'd') === lower);
    if (ownId === undefined && !knownAcronym) {
      // Unseen in the corpus: a phonotactically valid syllable (a rare word, a name) is far
      // more plausible as itself than OCR junk is.
      out.ids.push(UNK);
      // Junk inside, or lower-case letters no Vietnamese syllable is made of ("tlch"): OCR damage
      // rather than a name or an acronym.
      const junk = hasJunk(lower) || (word !== word.toUpperCase() && /^[a-z]+$/.test(lower));
      out.chan.push(isVietnameseSyllable(norm) || acronym ? t.keepLogP / 2 : junk ? t.keepLogP * t.junkKeepFactor : t.keepLogP);
      out.forms.push(lower);
    } else if (ownId !== undefined && !out.ids.includes(ownId)) {
      // A real word the skeleton search missed: it stays a candidate, at its channel cost.
      out.ids.push(ownId);
      out.chan.push(Math.max(model.channel.score(norm, lower), acronym ? t.keepLogP / 2 : t.keepLogP));
      out.forms.push(norm);
    }
    return out;
  }
  const hasMarks = skel !== lower;
  if (mode === 'stripped' && hasMarks) {
    return candidateList([ownId ?? UNK], [0], [ownId === undefined ? lower : norm]);
  }
  const all = model.skeletonIndex.get(skel) ?? [];
  let best = -Infinity;
  for (const id of all) best = Math.max(best, model.lm.unigram(id));
  const ids = all.filter((id) => model.lm.unigram(id) >= best - t.unigramPrune).slice(0, t.maxSkeleton);
  if (ids.length === 0) return candidateList([ownId ?? UNK], [0], [ownId === undefined ? lower : norm]);
  const list = ownId !== undefined && !ids.includes(ownId) ? [ownId, ...ids] : ids;
  return candidateList(list, list.map((id) => (mode === 'clean' && id !== ownId ? t.changeLogP : 0)), list.map((id) => model.vocab[id]!));
}

/** A bare OCR number: itself (<num>) first, words its digits may stand for at an extra cost. */
function numberCandidates(model: RestoreModel, digits: string, t: CandidateTuning): Candidates {
  const out = candidateList([NUM], [0], [digits]);
  for (const c of model.channel.candidates(digits)) {
    out.ids.push(c.id);
    out.chan.push(c.logP + t.numberWordLogP);
    out.forms.push(model.vocab[c.id]!);
  }
  return out;
}
