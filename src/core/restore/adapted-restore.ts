/**
 * What restore() does with an archive's adaptation beside the adapted LM: the archive's
 * syllables stay candidates where the candidate pruning would drop them, its names are names
 * wherever they stand, and its acronyms take their Đ.
 */
import { normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import type { Adaptation } from './adaptation.js';
import { candidateList, type Candidates, type DecodeMode } from './candidates.js';
import type { RestoreModel } from './model.js';
import { MAX_CANDIDATES } from './arc-table.js'; // the largest list the decoder keeps: an added one must fit
import { namePositions, type NameSpot } from './name-evidence.js';


/**
 * The candidates with the archive's syllables of the word's skeleton added. Mark-free input: the
 * skeleton must match exactly (channel 0, as its other readings). English-model OCR: the OCR
 * token's own letters must match, at the channel's score for reading that syllable so.
 */
export function withArchiveSyllables(model: RestoreModel, a: Adaptation, cands: Candidates, word: string, mode: DecodeMode): Candidates {
  const lower = word.toLowerCase();
  const extra = a.syllables.get(stripMarks(lower));
  if (!extra) return cands;
  if (mode === 'stripped' && stripMarks(lower) !== lower) return cands; // a word with marks is read as written
  const missing = extra.filter((id) => !cands.ids.includes(id));
  if (missing.length === 0) return cands;
  const out = candidateList([...cands.ids], [...cands.chan], [...cands.forms]);
  const first = word.charAt(0);
  const capital = first !== first.toLowerCase() ? (word === word.toUpperCase() ? 'all' : 'first') : 'none';
  for (const id of missing) {
    const form = model.vocab[id]!;
    const chan = mode === 'ocr' ? model.channel.score(form, lower, capital) : 0;
    if (!Number.isFinite(chan)) continue;
    // Room is made at the end of a full list (its least likely readings).
    if (out.ids.length >= MAX_CANDIDATES) { out.ids.pop(); out.chan.pop(); out.forms.pop(); }
    out.ids.push(id);
    out.chan.push(chan);
    out.forms.push(form);
  }
  return out;
}

const TITLE_WORD = /\p{Lu}[\p{Ll}\p{M}]*/gu;
const WORD = /[\p{L}\p{M}]+/gu;

/** ln-probability bonus of the archive's spelling of a place it names, where its marker and name stand: one sighting is evidence enough, so the bonus decides unless the OCR channel strongly objects. */
export const PLACE_BONUS = 12;

/**
 * Start offset → the archive's spelling, for each word of a place the archive names ("xa Nam So"
 * after "xã Nậm Sỏ" was learnt): the marker and the name's words in a row on one line, read without marks.
 */
export function archivePlaceSpots(text: string, a: Adaptation): Map<number, string> {
  const out = new Map<number, string>();
  if (a.places.size === 0) return out;
  const words = [...text.matchAll(WORD)];
  const keyCache: (string | undefined)[] = [];
  const key = (i: number) => keyCache[i] ?? (keyCache[i] = stripMarks(words[i]![0].toLowerCase()));
  const keys = { slice: (from: number, to: number) => Array.from({ length: to - from }, (_, k) => key(from + k)) };
  for (let i = 0; i < words.length; i++) {
    // Only where a place marker stands (its first word: "xa", "thi", "huyen" …).
    if (!a.placeStarts.has(key(i))) continue;
    for (let n = 6; n >= 2; n--) {
      if (i + n > words.length) continue;
      const run = words.slice(i, i + n);
      if (run.some((w, k) => k > 0 && !/^[ \t]+$/.test(text.slice(run[k - 1]!.index! + run[k - 1]![0].length, w.index!)))) continue;
      const forms = a.places.get(keys.slice(i, i + n).join(' '));
      if (!forms) continue;
      run.forEach((w, k) => out.set(w.index!, forms[k]!));
      i += n - 1;
      break;
    }
  }
  return out;
}

/**
 * Adds to `spots` the runs of 2–4 Title-case words, separated by single spaces, whose mark-free
 * spelling is a name of the archive ("Nguyen Xuan Thoang"): their syllables get name evidence.
 */
export function archiveNameSpots(text: string, a: Adaptation, spots: Map<number, NameSpot>): void {
  if (a.nameSkeletons.size === 0) return;
  const words = [...text.matchAll(TITLE_WORD)].filter((m) => {
    const end = m.index! + m[0].length;
    return !/[\p{L}\p{M}]/u.test(text[end] ?? '') && !/[\p{L}\p{M}]/u.test(text[m.index! - 1] ?? '');
  });
  for (let i = 0; i < words.length; i++) {
    for (let n = 4; n >= 2; n--) {
      const run = words.slice(i, i + n);
      if (run.length < n || !run.every((w, k) => k === 0 || text.slice(run[k - 1]!.index! + run[k - 1]![0].length, w.index!) === ' ')) continue;
      const key = run.map((w) => stripMarks(normalizeTonePlacement(w[0].toLowerCase(), 'old'))).join(' ');
      if (!a.nameSkeletons.has(key)) continue;
      namePositions(n).forEach((position, k) => { if (!spots.has(run[k]!.index!)) spots.set(run[k]!.index!, { position, signer: false }); });
      i += n - 1;
      break;
    }
  }
}

/**
 * The archive's spelling of an upper-case acronym read without its Đ ("DMST" → "ĐMST"), or null.
 * With English-model OCR, P and B stand for Đ too, when the archive wrote that acronym twice or more.
 */
export function archiveAcronyms(a: Adaptation, word: string, ocr: boolean): string | null {
  if (!/^[A-Z]{2,8}$/.test(word)) return null;
  const lower = word.toLowerCase();
  const exact = a.acronyms.get(lower);
  if (exact) return exact.form;
  if (!ocr) return null;
  let found: string | null = null;
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] !== 'p' && lower[i] !== 'b') continue;
    const hit = a.acronyms.get(lower.slice(0, i) + 'd' + lower.slice(i + 1));
    if (hit && hit.count >= 2) {
      if (found && found !== hit.form) return null; // two readings: no evidence for either
      found = hit.form;
    }
  }
  return found;
}
