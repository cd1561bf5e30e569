/**
 * An archive's adaptation (`baocao learn`, archive.json): what one archive's correct text says
 * beyond the bundled model — its people's names, its places, its acronyms and its syllable
 * n-gram counts. Pure: `AdaptationData` is the parsed file (the shell reads and validates it,
 * src/model/adaptation-file.ts); `prepareAdaptation` turns it into what restore() uses beside
 * the bundled model: a boosted LM (adapted-lm.ts), a name model with the archive's names,
 * extra candidates for the archive's syllables the candidate pruning would drop, and acronyms.
 */
import { normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { AdaptedLM, type ArchiveNgrams } from './adapted-lm.js';
import { BOS, COMMA, EOS, NUM, SPECIAL_TOKENS } from './lm-tokens.js';
import type { RestoreModel } from './model.js';
import { NAME_POSITIONS, type NameModel, type NamePosition } from './name-model.js';

export const ADAPTATION_FORMAT = 'baocao-adaptation';
export const ADAPTATION_VERSION = 1;

/** A count of something the archive says: a name, a place, an acronym, an n-gram. */
export type Counted = [text: string, count: number];

export interface AdaptationData {
  format: typeof ADAPTATION_FORMAT;
  version: number;
  /** Fingerprint of the bundled model it was made for (src/model/fingerprint.ts). */
  model: string;
  /** What it was learnt from (counts only, for the record). */
  sources: { documents: number; corrections: number; texts: number; syllables: number };
  /** People's names as written ("Nguyễn Xuân Thoang"). */
  names: Counted[];
  /** Places with their kind ("xã Ngọc Kỳ", "huyện Tứ Kỳ"). */
  places: Counted[];
  /** Acronyms with Đ as the archive writes them ("HĐND", "ĐMST"). */
  acronyms: Counted[];
  /** Lower-case, old-tone-placed tokens joined by spaces; <s>, </s>, <num>, "," as in lm-tokens.ts. */
  ngrams: { segments: number; unigrams: Counted[]; bigrams: Counted[]; trigrams: Counted[] };
}

export interface AdaptationTuning {
  /** λ of the LM boost (adapted-lm.ts: P_bundled + λ · A_archive), for an archive far larger than lmHalfSize. */
  lmWeight: number;
  /**
   * Archive size (syllables) at which λ is half of lmWeight: λ = lmWeight · N / (N + lmHalfSize).
   * A few hundred syllables are too few to estimate n-grams from; they would only add noise.
   */
  lmHalfSize: number;
  /** The archive's share of the name model's probability at each position. */
  nameShare: number;
  /** Absolute discount of the archive n-gram model. */
  discount: number;
}

/**
 * Not chosen on the devset: λ = 0.1 is the classic cache-LM weight, a share of 0.3 for names seen
 * in this archive and discount 0.7 the usual absolute discount (all a priori); the half size of
 * 5,000 syllables (a few reports) was set after ocr-pairs (not the devset) showed a loss with
 * archives of ~300 syllables at a fixed λ (docs/adapt.md).
 */
export const DEFAULT_ADAPTATION_TUNING: AdaptationTuning = { lmWeight: 0.1, lmHalfSize: 5000, nameShare: 0.3, discount: 0.7 };

/** An adaptation made ready for one loaded model. */
export interface Adaptation {
  model: RestoreModel;
  lm: AdaptedLM;
  names?: NameModel;
  /** Name syllables as mark-free lower-case sequences ("nguyen xuan thoang"), for names the cues miss. */
  nameSkeletons: ReadonlySet<string>;
  /** Places by mark-free lower-case marker and name ("xa nam so") → the name's syllables as the archive writes them. */
  places: ReadonlyMap<string, readonly string[]>;
  /** First words of those keys (the markers' first syllables), where a place can start. */
  placeStarts: ReadonlySet<string>;
  /** The archive's syllables by skeleton (vocabulary ids), to be candidates even when pruned away. */
  syllables: ReadonlyMap<string, readonly number[]>;
  /** Acronym as read with D for Đ, lower-case ("hdnd") → the archive's spelling ("HĐND"). */
  acronyms: ReadonlyMap<string, { form: string; count: number }>;
}

/** The key of an n-gram's token in the model's vocabulary (undefined: unknown to the model). */
function tokenId(model: RestoreModel, token: string): number | undefined {
  const special = SPECIAL_TOKENS.indexOf(token as (typeof SPECIAL_TOKENS)[number]);
  if (special >= 0) return special;
  return model.vocabIndex.get(token);
}

export function prepareAdaptation(model: RestoreModel, data: AdaptationData, tuning: Partial<AdaptationTuning> = {}): Adaptation {
  const t = { ...DEFAULT_ADAPTATION_TUNING, ...tuning };
  const size = data.ngrams.unigrams.reduce((n, [, c]) => n + c, 0);
  const lm = new AdaptedLM(model.lm, archiveNgrams(model, data, t.discount), t.lmWeight * size / (size + t.lmHalfSize));
  const syllables = new Map<string, number[]>();
  for (const [form] of data.ngrams.unigrams) {
    const id = model.vocabIndex.get(form);
    if (id === undefined) continue;
    const skel = stripMarks(form);
    const list = syllables.get(skel);
    if (!list) syllables.set(skel, [id]);
    else if (!list.includes(id)) list.push(id);
  }
  const acronyms = new Map<string, { form: string; count: number }>();
  for (const [form, count] of data.acronyms) {
    const key = form.toLowerCase().replace(/đ/g, 'd');
    const seen = acronyms.get(key);
    if (!seen || count > seen.count) acronyms.set(key, { form, count });
  }
  const places = new Map<string, string[]>();
  for (const [place] of data.places) {
    const parts = place.toLowerCase().split(/\s+/).map((w) => normalizeTonePlacement(w, 'old'));
    // A marker and one word ("xã Năm") match text by chance too often to force a reading.
    if (parts.length - markerLength(parts) < 2) continue;
    const key = parts.map((w) => stripMarks(w)).join(' ');
    if (!places.has(key)) places.set(key, parts);
  }
  const nameSkeletons = new Set<string>();
  const counts = Object.fromEntries(NAME_POSITIONS.map((p) => [p, new Map<string, number>()])) as Record<NamePosition, Map<string, number>>;
  for (const [name, count] of data.names) {
    const parts = name.toLowerCase().split(/\s+/).filter(Boolean).map((s) => normalizeTonePlacement(s, 'old'));
    if (parts.length < 2 || parts.length > 4) continue;
    nameSkeletons.add(parts.map((s) => stripMarks(s)).join(' '));
    parts.forEach((s, k) => {
      const p: NamePosition = k === 0 ? 'surname' : k === parts.length - 1 ? 'given' : 'middle';
      counts[p].set(s, (counts[p].get(s) ?? 0) + count);
    });
  }
  const names = model.names && data.names.length ? model.names.withArchive(counts, t.nameShare) : model.names;
  const placeStarts = new Set([...places.keys()].map((k) => k.split(' ')[0]!));
  return { model, lm, ...(names ? { names } : {}), nameSkeletons, places, placeStarts, syllables, acronyms };
}

/**
 * Bigrams and trigrams met once are left out of the archive LM: one sighting in a small archive is
 * chance as often as habit. Names and places, which a single sighting does establish, have their
 * own evidence (name model, place spots).
 */
const MIN_NGRAM_COUNT = 2;

/** Words of the place marker at the start of `parts` ("thị trấn" is two). */
function markerLength(parts: readonly string[]): number {
  return parts[0] === 'thị' || parts[0] === 'thành' ? 2 : parts[0] === 'tổ' ? 3 : 1;
}

function archiveNgrams(model: RestoreModel, data: AdaptationData, D: number): ArchiveNgrams {
  const V = model.vocab.length;
  const ids = (key: string) => {
    const out: number[] = [];
    for (const tok of key.split(' ')) {
      const id = tokenId(model, tok);
      if (id === undefined) return null;
      out.push(id);
    }
    return out;
  };
  // Unigram counts are the bigram contexts' totals (the archive LM has no unigram level: word
  // frequencies alone say little the bundled LM does not).
  const uniCount = new Float64Array(V);
  for (const [key, c] of data.ngrams.unigrams) {
    const id = tokenId(model, key);
    if (id !== undefined && id !== BOS) uniCount[id]! += c;
  }
  const seen = new Uint8Array(V);
  // Context counts: a word's count as a context is its count as a token (every token but </s> is
  // followed by one); <s> starts each segment twice (<s> <s> w …).
  const contextCount = (id: number) => (id === BOS ? data.ngrams.segments : id === EOS ? 0 : uniCount[id]!);
  const bigram = new Map<number, number>();
  for (const [key, c] of data.ngrams.bigrams) {
    const k = ids(key);
    if (!k || k.length !== 2) continue;
    const ctx = contextCount(k[0]!);
    if (ctx <= 0 || c > ctx || c < MIN_NGRAM_COUNT) continue;
    const p = Math.max(c - D, 0) / ctx;
    bigram.set(k[0]! * V + k[1]!, p);
    seen[k[1]!] = 1;
  }
  // A trigram's context total is its bigram's count (kept with it when the file was pruned).
  const bigramCount = new Map<number, number>();
  for (const [key, c] of data.ngrams.bigrams) {
    const k = ids(key);
    if (k && k.length === 2) bigramCount.set(k[0]! * V + k[1]!, c);
  }
  bigramCount.set(BOS * V + BOS, data.ngrams.segments);
  const trigram = new Map<number, Map<number, number>>();
  const trigramMass = new Map<number, number>();
  for (const [key, c] of data.ngrams.trigrams) {
    const k = ids(key);
    if (!k || k.length !== 3) continue;
    const h = k[0]! * V + k[1]!;
    const ctx = bigramCount.get(h) ?? 0;
    if (ctx <= 0 || c > ctx || c < MIN_NGRAM_COUNT) continue;
    const p = Math.max(c - D, 0) / ctx;
    let row = trigram.get(h);
    if (!row) trigram.set(h, (row = new Map()));
    row.set(k[2]!, p);
    seen[k[2]!] = 1;
    trigramMass.set(h, (trigramMass.get(h) ?? 0) + p);
  }
  const trigramBackoff = new Map<number, number>();
  for (const [h, m] of trigramMass) trigramBackoff.set(h, Math.max(1 - m, 0));
  return { seen, bigram, trigram, trigramBackoff };
}

/** The tokens the archive n-grams use for the LM's special ids. */
export const NGRAM_TOKEN = { bos: SPECIAL_TOKENS[BOS], eos: SPECIAL_TOKENS[EOS], num: SPECIAL_TOKENS[NUM], comma: SPECIAL_TOKENS[COMMA] } as const;
