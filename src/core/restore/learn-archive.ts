/**
 * `baocao learn`, the pure part: an archive's correct text (a person's corrected documents, or
 * known-correct text) counted into an AdaptationData — people's names, places after xã, phường,
 * huyện …, acronyms with Đ, and syllable n-grams tokenised exactly as restoration reads text
 * (units.ts: segments end at sentence punctuation, numbers are <num>, commas ","). Deterministic:
 * the same texts in the same order give the same file. Pruned to a bound: when the n-grams do
 * not fit, names' and places' own n-grams are kept first, then the most frequent.
 */
import { isVietnameseSyllable, normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { ADAPTATION_FORMAT, ADAPTATION_VERSION, NGRAM_TOKEN, type AdaptationData, type Counted } from './adaptation.js';
import type { RestoreModel } from './model.js';
import { findNames } from './name-evidence.js';
import { splitUnits } from './units.js';

export interface LearnText {
  text: string;
  /** Counts taken this many times (a person's corrected line counts more than text read once). */
  weight?: number;
}

export interface LearnLimits {
  maxBigrams: number;
  maxTrigrams: number;
}

export const DEFAULT_LEARN_LIMITS: LearnLimits = { maxBigrams: 20_000, maxTrigrams: 20_000 };

export interface LearnRecord { model: string; documents: number; corrections: number; texts: number }

/**
 * Words after which a place's name follows (longest first, so "thị trấn" wins over a lone word).
 * Not "bản" (a mountain village, but far more often "a copy": "bản Cam kết", "bản Quy chế").
 */
export const PLACE_MARKERS: readonly string[] = [
  'tổ dân phố', 'thị trấn', 'thị xã', 'thành phố', 'phường', 'huyện', 'quận', 'tỉnh', 'thôn', 'xóm', 'làng', 'xã', 'ấp',
];

/** Capitalised words that follow a marker without being a place: "xã hội" (society), the motto's "Độc lập" on the same line. */
const NOT_PLACE_WORDS = new Set(['hội', 'độc']);

export function learnAdaptation(texts: readonly LearnText[], model: RestoreModel, record: LearnRecord, limits: LearnLimits = DEFAULT_LEARN_LIMITS): AdaptationData {
  const uni = new Map<string, number>(), bi = new Map<string, number>(), tri = new Map<string, number>();
  const names = new Map<string, number>(), places = new Map<string, number>(), acronyms = new Map<string, number>();
  const protectedKeys = new Set<string>();
  const surnames = model.names?.surnameSkeletons ?? new Set<string>();
  let segments = 0, syllables = 0;
  const add = (m: Map<string, number>, k: string, c: number) => m.set(k, (m.get(k) ?? 0) + c);
  for (const { text: raw, weight = 1 } of texts) {
    const text = raw.normalize('NFC');
    for (const seq of tokenSegments(text, model)) {
      segments += weight;
      syllables += seq.length * weight;
      const s = [NGRAM_TOKEN.bos, NGRAM_TOKEN.bos, ...seq, NGRAM_TOKEN.eos];
      for (let i = 2; i < s.length; i++) {
        add(uni, s[i]!, weight);
        add(bi, s[i - 1] + ' ' + s[i], weight);
        add(tri, s[i - 2] + ' ' + s[i - 1] + ' ' + s[i], weight);
      }
    }
    for (const n of namesIn(text, surnames)) add(names, n, weight);
    for (const p of placesIn(text)) add(places, p, weight);
    for (const a of acronymsIn(text)) add(acronyms, a, weight);
  }
  for (const phrase of [...names.keys(), ...places.keys()]) {
    const seq = tokenSegments(phrase, model).flat();
    for (let i = 1; i < seq.length; i++) {
      protectedKeys.add(seq[i - 1] + ' ' + seq[i]);
      if (i >= 2) protectedKeys.add(seq[i - 2] + ' ' + seq[i - 1] + ' ' + seq[i]);
    }
  }
  const trigrams = pruned(tri, limits.maxTrigrams, protectedKeys);
  const keptBigrams = pruned(bi, limits.maxBigrams, protectedKeys);
  // A kept trigram's context bigram is its count of contexts: it stays too.
  const bigramKeys = new Set(keptBigrams.map(([k]) => k));
  for (const [k] of trigrams) {
    const ctx = k.slice(0, k.lastIndexOf(' '));
    if (!ctx.startsWith(NGRAM_TOKEN.bos + ' ' + NGRAM_TOKEN.bos) && !bigramKeys.has(ctx)) { bigramKeys.add(ctx); keptBigrams.push([ctx, bi.get(ctx)!]); }
  }
  return {
    format: ADAPTATION_FORMAT,
    version: ADAPTATION_VERSION,
    model: record.model,
    sources: { documents: record.documents, corrections: record.corrections, texts: record.texts, syllables },
    names: sorted(names),
    places: sorted(places),
    acronyms: sorted(acronyms),
    ngrams: { segments, unigrams: sorted(uni), bigrams: keptBigrams.sort(byCount), trigrams },
  };
}

/** Each segment's LM tokens: words lower-case with old tone placement (unknown → <unk>), <num>, ",". */
export function tokenSegments(text: string, model: RestoreModel): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  const end = () => { if (cur.length) out.push(cur); cur = []; };
  for (const u of splitUnits(text, false)) {
    if (u.kind === 'break') end();
    else if (u.kind === 'num') cur.push(NGRAM_TOKEN.num);
    else if (u.kind === 'comma') cur.push(NGRAM_TOKEN.comma);
    // A web address or e-mail, as restore() reads it.
    else if (u.kind === 'unk') cur.push('<unk>');
    else if (u.kind === 'word') {
      const form = normalizeTonePlacement(u.text.toLowerCase(), 'old');
      cur.push(model.vocabIndex.has(form) ? form : '<unk>');
    }
    // Acronyms inside document codes are outside the LM's sequence, as in restore().
  }
  end();
  return out;
}

const byCount = (a: Counted, b: Counted) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const sorted = (m: Map<string, number>): Counted[] => [...m].sort(byCount);

/** All entries when they fit; else the protected ones, then the most frequent, up to `max`. */
function pruned(m: Map<string, number>, max: number, keep: ReadonlySet<string>): Counted[] {
  const all = sorted(m);
  if (all.length <= max) return all;
  const first = all.filter(([k]) => keep.has(k)), rest = all.filter(([k]) => !keep.has(k));
  return [...first, ...rest].slice(0, Math.max(max, first.length)).sort(byCount);
}

const TITLE = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
const UPPER = /^[\p{Lu}\p{M}]{2,}$/u;
const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/**
 * People's names: those name-evidence.ts finds (after a cue word, a signer's line), and Title-case
 * runs of 2–4 words inside a sentence (after a lower-case word) that begin with a known surname.
 */
export function namesIn(text: string, surnames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const spots = findNames(text, surnames);
  const starts = [...spots.keys()].sort((a, b) => a - b);
  const wordAt = (at: number) => /^[\p{L}\p{M}]+/u.exec(text.slice(at, at + 40))?.[0] ?? '';
  for (let i = 0; i < starts.length; i++) {
    if (spots.get(starts[i]!)!.position !== 'surname') continue;
    const parts = [wordAt(starts[i]!)];
    for (let j = i + 1; j < starts.length && spots.get(starts[j]!)!.position !== 'surname'; j++) parts.push(wordAt(starts[j]!));
    if (parts.length >= 2 && parts.length <= 4) out.push(parts.map(titleCase).join(' '));
  }
  const seen = new Set(starts);
  for (const m of text.matchAll(/(?<=\p{Ll}[\p{Ll}\p{M}]* )(\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*){1,3})(?![\p{L}\p{M}])/gu)) {
    if (seen.has(m.index!)) continue;
    const words = m[1]!.split(' ');
    if (surnames.has(stripMarks(words[0]!.toLowerCase())) && words.every((w) => isVietnameseSyllable(normalizeTonePlacement(w.toLowerCase(), 'old')))) out.push(words.join(' '));
  }
  return out;
}

/** Places as "<marker> <Name>" ("xã Ngọc Kỳ"), from Title-case or upper-case names after a marker. */
export function placesIn(text: string): string[] {
  const out: string[] = [];
  const markers = PLACE_MARKERS.map((m) => m.replace(/ /g, '\\s+')).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{M}])(${markers})[ \\t]+((?:[\\p{Lu}][\\p{L}\\p{M}]*)(?:[ \\t]+[\\p{Lu}][\\p{L}\\p{M}]*){0,3})`, 'giu');
  for (const m of text.matchAll(re)) {
    const marker = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const upperMarker = m[1] === m[1]!.toUpperCase();
    const words = m[2]!.split(/[ \t]+/);
    const kept: string[] = [];
    for (const w of words) {
      // Upper-case after an upper-case marker ("XÃ NGỌC KỲ"), Title-case after the others.
      if (!(upperMarker ? UPPER.test(w) : TITLE.test(w))) break;
      if (PLACE_MARKERS.includes(w.toLowerCase()) || NOT_PLACE_WORDS.has(w.toLowerCase())) break; // "tỉnh Thanh Hóa Huyện …" on one line
      kept.push(titleCase(w));
    }
    if (kept.length) out.push(`${marker} ${kept.join(' ')}`);
  }
  return out;
}

/** Capital-letter acronyms that hold an Đ ("HĐND", "QĐ"), which text without marks writes with D. */
export function acronymsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{M}])[A-ZĐ]{2,8}(?![\p{L}\p{M}])/gu)) {
    const a = m[0];
    if (a.includes('Đ') && !isVietnameseSyllable(a.toLowerCase())) out.push(a);
  }
  return out;
}
