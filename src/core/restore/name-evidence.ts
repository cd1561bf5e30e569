/**
 * Person names as evidence. A name ("Nguyễn Xuân Thoang") has little context for the language
 * model, so where the text shows a name — a Title-case run after a form of address or a title
 * ("ông", "đồng chí", "Chủ tịch"), or the signer's line under the position line — each syllable's
 * candidates get the name model's ln P(syllable | surname / middle / given) times a weight. Only
 * readings the channel finds nearly as likely as its best one take part; the others count as
 * unseen names, as do real names the corpus never saw, so a rare name can still win. On a signer's
 * line, a syllable none of whose close readings is a known name is kept as the OCR read it.
 */
import { lowerCase, normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { isWordCode } from '../vi-text/chars.js';
import { isTitleWord } from '../vi-text/case.js';
import type { Slot } from './decoder.js';
import { slotOf } from './slot-shape.js';
import type { NameModel, NamePosition } from './name-model.js';

export interface NameTuning {
  /** Weight of the name model's ln P; 0 turns name evidence off. */
  weight: number;
  /** Readings more than this many nats below the best channel score do not take part. */
  margin: number;
}

export const DEFAULT_NAME_TUNING: NameTuning = { weight: 1, margin: 4 };

/** Forms of address and the last words of titles after which a person's name follows. */
export const NAME_CUES: readonly string[] = [
  'ông', 'bà', 'anh', 'chị', 'cụ', 'cô', 'chú', 'bác', 'em', 'cháu', 'đ/c', 'đc',
  'tịch', 'trưởng', 'tướng', 'thư', 'đốc', 'tá', 'sư', 'sĩ', 'ts', 'ths', 'gs', 'pgs',
];
const CUE_SKELETONS = new Set(NAME_CUES.map((c) => stripMarks(c).replace('/', '')));

export function namePositions(length: number): NamePosition[] {
  return Array.from({ length }, (_, k) => (k === 0 ? 'surname' : k === length - 1 ? 'given' : 'middle'));
}

/** A name syllable found in text: its place in the name, and whether it is on a signer's line. */
export interface NameSpot {
  position: NamePosition;
  /** Alone on the line under a position line: a name beyond doubt, unlike one after a cue word. */
  signer: boolean;
}

/** A word of the text; `key` (mark-free, lower case) is made on first use (keyOf): most words are never asked. */
interface Word { start: number; end: number; text: string; key: string; title: boolean }

function word(text: string, start: number): Word {
  return { start, end: start + text.length, text, key: '', title: isTitle(text) };
}

function keyOf(w: Word): string {
  return w.key === '' ? (w.key = stripMarks(lowerCase(w.text))) : w.key;
}

/** Any UTF-16 surrogate: findNames' code-unit scan classifies BMP letters only. */
const SURROGATE = /[\uD800-\uDFFF]/;

const WORD_RE = /[\p{L}\p{M}]+/gu;
const HAS_TITLE_WORD = /\p{Lu}[\p{Ll}\p{M}]/u;

/**
 * lastWords' words for the line text[lineStart, lineEnd) without a surrogate (each WORD_RE match
 * is then a maximal run of isWordCode units), found from the line's end: spreading matchAll made a match object and six
 * megamorphic loads for every word of every line (2 % of a warm pass).
 */
function lastTwoWords(text: string, lineStart: number, lineEnd: number, words: Word[]): void {
  let end = lineEnd, found = 0;
  const starts = [0, 0], ends = [0, 0];
  while (found < 2) {
    while (end > lineStart && !isWordCode(text.charCodeAt(end - 1))) end--;
    if (end === lineStart) break;
    let start = end - 1;
    while (start > lineStart && isWordCode(text.charCodeAt(start - 1))) start--;
    starts[found] = start; ends[found] = end; found++;
    end = start;
  }
  for (let k = found - 1; k >= 0; k--) words.push(word(text.slice(starts[k]!, ends[k]!), starts[k]!));
}

/** The last two word matches of a line. */
const lastWords = (line: string) => [...line.matchAll(WORD_RE)].slice(-2);
const isTitle = isTitleWord;
const isUpperLine = (line: string) => /\p{L}{2}/u.test(line) && line === line.toUpperCase();

/**
 * Start offsets of the name syllables in `text`, with their position in the name. A name is
 * 2–4 Title-case words on one line, the first a surname (capital Đ read as P or B by an
 * English-model OCR counts as D), after a cue word, or alone on the line under an upper-case line
 * or a position line ("Chủ tịch"): the signer's line.
 */
export function findNames(text: string, surnames: ReadonlySet<string>): Map<number, NameSpot> {
  const out = new Map<number, NameSpot>();
  const isSurname = surnameTest(surnames);
  let lineStart = 0, prevLine = '';
  let before: Word[] = []; // the last two words before the current line (for a cue ending a line)
  for (const line of text.split('\n')) {
    // Most lines hold no Title-case word and so no name: only their last two words (a cue ending
    // the line) are read. This keeps the search cheap on long documents.
    const words: Word[] = [];
    if (!HAS_TITLE_WORD.test(line)) {
      if (SURROGATE.test(line)) for (const m of lastWords(line)) words.push(word(m[0], lineStart + m.index!));
      else lastTwoWords(text, lineStart, lineStart + line.length, words);
    } else if (SURROGATE.test(line)) {
      for (const m of line.matchAll(WORD_RE)) words.push(word(m[0], lineStart + m.index!));
    } else {
      // WORD_RE's matches, found by code unit (the line has no surrogate, so each is one character): no match object per word.
      // Read in `text`, one string: the lines split from it come in several string representations,
      // which made every line.length and line.charCodeAt here a megamorphic load (1 % of a warm pass).
      const lineEnd = lineStart + line.length;
      for (let i = lineStart; i < lineEnd;) {
        if (!isWordCode(text.charCodeAt(i))) { i++; continue; }
        const from = i;
        while (i < lineEnd && isWordCode(text.charCodeAt(i))) i++;
        words.push(word(text.slice(from, i), from));
      }
    }
    const alone = words.length >= 2 && words.length <= 4 && words.every((w) => w.title) &&
      line.replace(/[\s.,;:]+/g, '').length === words.reduce((n, w) => n + w.text.length, 0);
    if (alone && isSurname(keyOf(words[0]!)) && (isUpperLine(prevLine.trim()) || endsWithTitle(prevLine))) mark(words, out, true);
    else {
      const all = [...before, ...words];
      for (let i = before.length; i < all.length; i++) {
        if (!all[i]!.title || !isSurname(keyOf(all[i]!)) || !cueBefore(text, all, i)) continue;
        let j = i;
        while (j < all.length && all[j]!.title && j - i < 5 && (j === i || onlySpaces(text, all[j - 1]!.end, all[j]!.start))) j++;
        if (j - i >= 2 && j - i <= 4) { mark(all.slice(i, j), out, false); i = j - 1; }
      }
    }
    before = words.slice(-2);
    if (line.trim() !== '') prevLine = line;
    lineStart += line.length + 1;
  }
  return out;
}

/**
 * Whether a word's mark-free key is a surname: exactly, with a capital Đ read as P or B, or — for
 * the longer surnames, where a near miss is no other word — with one letter the OCR inserted
 * ("nguyfen" Nguyễn) or misread ("truomg" Trương).
 */
function surnameTest(surnames: ReadonlySet<string>): (key: string) => boolean {
  const near = new Set<string>();
  for (const s of surnames) {
    if (s.length < 6) continue; // "hoang" → "hoanh" or "duong" → "cuong" would be other words
    for (let i = 0; i < s.length; i++) near.add(s.slice(0, i) + '?' + s.slice(i + 1));
  }
  const exact = (key: string) => surnames.has(key) || (/^[pb]/.test(key) && surnames.has('d' + key.slice(1)));
  return (key) => {
    if (exact(key)) return true;
    if (key.length < 6 || key.length > 8) return false;
    for (let i = 0; i < key.length; i++) {
      if (near.has(key.slice(0, i) + '?' + key.slice(i + 1))) return true; // one letter misread
      const dropped = key.slice(0, i) + key.slice(i + 1);
      if (surnames.has(dropped)) return true; // one letter inserted
    }
    return false;
  };
}

/** English-model OCR's look-alikes for i in a title word ("Chu tlch" Chủ tịch). */
const looseKey = (key: string) => key.replace(/[l1!|]/g, 'i');
const TITLE_CUES = new Set(['tich', 'truong', 'doc', 'thu'].map(looseKey));

/** A position line ending with a title word ("Chủ tịch", "Giám đốc"), junk after it ignored. */
function endsWithTitle(line: string): boolean {
  const last = lastWords(line).at(-1);
  return last !== undefined && TITLE_CUES.has(looseKey(stripMarks(last[0].toLowerCase())));
}

function mark(words: Word[], out: Map<number, NameSpot>, signer: boolean): void {
  namePositions(words.length).forEach((position, k) => out.set(words[k]!.start, { position, signer }));
}

const onlySpaces = (text: string, from: number, to: number) => /^[ \t]+$/.test(text.slice(from, to));

/** A cue word right before word i: "ông", "đồng chí", "đ/c", "Chủ tịch" … */
function cueBefore(text: string, all: Word[], i: number): boolean {
  const prev = all[i - 1];
  if (!prev || !/^\s+$/.test(text.slice(prev.end, all[i]!.start))) return false;
  if (CUE_SKELETONS.has(keyOf(prev))) return true;
  const prev2 = all[i - 2];
  if (!prev2) return false;
  const gap = text.slice(prev2.end, prev.start);
  const k2 = keyOf(prev2), k1 = keyOf(prev);
  return (k2 === 'dong' && k1 === 'chi' && /^\s+$/.test(gap)) || (k2 === 'd' && k1 === 'c' && /^\s*\/\s*$/.test(gap));
}

/**
 * The slot with name evidence added. `forms` are the candidates' lower-case spellings and
 * `channel` their channel scores before any other evidence (eligibility is decided on those).
 */
export function withNameEvidence(
  names: NameModel, slot: Slot, forms: readonly string[], channel: readonly number[], position: NamePosition, t: NameTuning,
  asRead?: string,
): Slot {
  if (t.weight === 0 || slot.ids.length < 2) return slot;
  let best = -Infinity;
  for (const lp of channel) if (lp > best) best = lp;
  const evidence = forms.map((f, k) => (channel[k]! >= best - t.margin ? names.score(normalizeTonePlacement(f, 'old'), position) : null));
  // No close reading was ever seen as a name here: the language model knows the syllable only as a
  // common word ("thoáng" airy), which says nothing about a name, so the reading as read stays.
  const unseen = names.unseen(position);
  const kept = asRead === undefined || evidence.some((e) => e !== null && e > unseen) ? -1 : forms.indexOf(asRead);
  if (kept >= 0 && evidence[kept] !== null) {
    return slotOf(slot.ids, slot.chan.map((lp, k) => (k === kept ? lp : lp - KEEP_AS_READ)), forms, true);
  }
  return slotOf(slot.ids, slot.chan.map((lp, k) => lp + t.weight * (evidence[k] ?? unseen)), forms, true);
}

/** ln-probability handicap on the other readings of a name syllable kept as read: enough to decide. */
const KEEP_AS_READ = 30;
