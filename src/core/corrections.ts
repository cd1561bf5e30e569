/**
 * A person's corrections of the restored text (the review page, `baocao review`), applied to a
 * document. The machine reading stays as it was (`text.original`, `text.restored`, `review[]`);
 * the corrections go beside it (`corrections[]`, `text.corrected`), so nothing is lost and a
 * consumer can tell who said what. Places are the review list's (page and line within the page,
 * as in `pages[].lines`) plus UTF-16 offsets into that restored line.
 */
import type { z } from 'zod';
import type { ReviewItem } from './document.js';
import { fieldDecisions, type FieldCorrection } from './field-corrections.js';
import type { CorrectionSchema, DocumentResult } from './schema.js';

export type Correction = z.infer<typeof CorrectionSchema>;

/** A review item (its index in `review[]`) with its place in the restored line (null when the word is not found there). */
export interface ReviewTarget extends ReviewItem {
  index: number;
  start: number | null;
  end: number | null;
}

interface Line {
  /** Offset of the line's first character in the whole text. */
  at: number;
  text: string;
}

/** Restored lines by page and line: lines are counted over the pages' line counts, as the review places are. */
export function restoredLines(result: DocumentResult): Map<string, Line> {
  const text = result.text.restored ?? '';
  const all: Line[] = [];
  let at = 0;
  for (const m of text.matchAll(/\r\n|\r|\n|\f/g)) {
    all.push({ at, text: text.slice(at, m.index) });
    at = m.index! + m[0].length;
  }
  all.push({ at, text: text.slice(at) });
  const out = new Map<string, Line>();
  let g = 0;
  for (const page of result.pages) {
    for (let l = 1; l <= page.lines.length && g < all.length; l++, g++) out.set(`${page.number}:${l}`, all[g]!);
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Start of the first whole-word occurrence of `word` in `text` at or after `from`, or -1. */
export function findWord(text: string, word: string, from = 0): number {
  if (!word) return -1;
  for (let i = text.indexOf(word, from); i >= 0; i = text.indexOf(word, i + 1)) {
    const before = i > 0 ? text[i - 1]! : '';
    const after = text[i + word.length] ?? '';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return i;
  }
  return -1;
}

/** The review items placed in their lines; items of one line are found left to right, in list order. */
export function reviewTargets(result: DocumentResult): ReviewTarget[] {
  const lines = restoredLines(result);
  const cursor = new Map<string, number>();
  return (result.review ?? []).map((r, index) => {
    const key = `${r.page}:${r.line}`;
    const line = lines.get(key);
    let start = -1;
    if (line) {
      start = findWord(line.text, r.restored, cursor.get(key) ?? 0);
      if (start < 0) start = findWord(line.text, r.restored);
      if (start >= 0) cursor.set(key, start + r.restored.length);
    }
    const placed = start >= 0;
    return { index, page: r.page, line: r.line, start: placed ? start : null, end: placed ? start + r.restored.length : null, original: r.original, restored: r.restored, confidence: r.confidence, alternatives: r.alternatives };
  });
}

/** The last decision per place wins: a word decided twice (two tabs, a change of mind) counts once. */
export function latestCorrections(corrections: Correction[]): Correction[] {
  const byPlace = new Map<string, Correction>();
  for (const c of corrections) byPlace.set(`${c.page}:${c.line}:${c.start}`, c);
  return [...byPlace.values()].sort((a, b) => a.page - b.page || a.line - b.line || a.start - b.start);
}

export interface Corrected {
  /** What the JSON says: the machine reading untouched, `corrections` and `text.corrected` beside it. */
  json: DocumentResult;
  /** What the text writers (txt, md, docx, CSV rows…) render: restored text and paragraphs with the corrections in. */
  view: DocumentResult;
  /** Corrections whose `before` no longer matches the restored line (the document was converted again since). */
  stale: Correction[];
  /** Header-field decisions whose `before` is no longer the machine's reading (field-corrections.ts). */
  staleFields: FieldCorrection[];
}

/**
 * The word decisions applied to the text, and the header-field decisions that still apply kept
 * in `fieldCorrections` (laid over the structure read again: pipeline/restructure.ts).
 */
export function applyCorrections(result: DocumentResult, all: Correction[], fieldLog: readonly FieldCorrection[] = []): Corrected {
  const { kept: fields, stale: staleFields } = fieldDecisions(result, fieldLog);
  const decided = fields.length ? { fieldCorrections: fields } : {};
  const lines = restoredLines(result);
  const latest = latestCorrections(all);
  const stale: Correction[] = [];
  const applied: (Correction & { abs: number })[] = [];
  for (const c of latest) {
    const line = lines.get(`${c.page}:${c.line}`);
    if (!line || line.text.slice(c.start, c.end) !== c.before) stale.push(c);
    else applied.push({ ...c, abs: line.at + c.start });
  }
  if (result.text.restored === null || applied.length === 0) {
    // Nothing applies: the machine reading alone (fields of an earlier review pass removed).
    const { corrections: _gone, fieldCorrections: _fields, ...rest } = result;
    const json: DocumentResult = { ...rest, text: { original: result.text.original, restored: result.text.restored }, ...decided };
    return { json, view: json, stale, staleFields };
  }
  let corrected = result.text.restored;
  for (const c of [...applied].sort((a, b) => b.abs - a.abs)) corrected = corrected.slice(0, c.abs) + c.after + corrected.slice(c.abs + c.before.length);
  const paragraphs = correctParagraphs(result, lines, applied);
  const kept: Correction[] = applied.map(({ abs: _abs, ...c }) => c);
  const { fieldCorrections: _fields, ...machine } = result;
  const json: DocumentResult = { ...machine, text: { original: result.text.original, restored: result.text.restored, corrected }, corrections: kept, ...decided };
  const view: DocumentResult = { ...json, text: { original: result.text.original, restored: corrected, corrected }, paragraphs };
  return { json, view, stale, staleFields };
}

/**
 * Paragraphs are re-flowed lines (joined, hyphens mended), so offsets do not carry over: a
 * correction replaces the same whole-word occurrence (the k-th `before` counted from the
 * paragraph's first line), done right to left so earlier occurrences are still where they were.
 */
function correctParagraphs(result: DocumentResult, lines: Map<string, Line>, applied: (Correction & { abs: number })[]): DocumentResult['paragraphs'] {
  return result.paragraphs.map((p) => {
    if (p.restored === undefined) return p;
    const mine = applied.filter((c) => c.page === p.page && c.line >= p.lineStart && c.line <= p.lineEnd).sort((a, b) => b.abs - a.abs);
    let text = p.restored;
    for (const c of mine) {
      let k = 0;
      for (let l = p.lineStart; l <= c.line; l++) {
        const line = lines.get(`${p.page}:${l}`)?.text ?? '';
        const upTo = l === c.line ? c.start : line.length;
        for (let i = findWord(line, c.before); i >= 0 && i < upTo; i = findWord(line, c.before, i + 1)) k++;
      }
      let at = findWord(text, c.before);
      for (let n = 0; n < k && at >= 0; n++) at = findWord(text, c.before, at + 1);
      if (at >= 0) text = text.slice(0, at) + c.after + text.slice(at + c.before.length);
    }
    return { ...p, restored: text };
  });
}
