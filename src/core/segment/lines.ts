/** The unit the segmenter reads: one visual line (or one paragraph) with provenance. */
import type { WorkingDocument } from '../document.js';
import { foldKey } from './fold.js';

export interface SegLine {
  page: number;
  lineStart: number;
  lineEnd: number;
  /** Restored text when available, else the original. */
  text: string;
  original: string;
  /** foldKey(text). */
  key: string;
}

export interface Provenance {
  page: number;
  lineStart: number;
  /** Last line on `page`. */
  lineEnd: number;
  /** Where the span ends when it runs on past `page` (a paragraph across a page break). */
  end?: { page: number; line: number };
}

export function makeLine(page: number, lineStart: number, lineEnd: number, text: string, original: string): SegLine {
  // trimEnd strips what /\s+$/u matched (white space and line terminators): without the regex's scan of every inner space.
  const t = text.normalize('NFC').trimEnd();
  return { page, lineStart, lineEnd, text: t, original: original.trimEnd(), key: foldKey(t) };
}

export function isBlank(line: SegLine): boolean {
  return line.text.trim() === '';
}

/** Provenance spanning lines a..b (inclusive); a span that straddles pages says where it ends. */
export function spanOf(lines: readonly SegLine[], a: number, b: number): Provenance {
  const first = lines[a]!;
  const lastIndex = Math.max(a, b);
  const last = lines[lastIndex]!;
  if (last.page === first.page) return { page: first.page, lineStart: first.lineStart, lineEnd: last.lineEnd };
  let onFirst = a;
  while (onFirst + 1 <= lastIndex && lines[onFirst + 1]!.page === first.page) onFirst++;
  return { page: first.page, lineStart: first.lineStart, lineEnd: lines[onFirst]!.lineEnd, end: { page: last.page, line: last.lineEnd } };
}

/** Split text into pages ('\f') and lines. */
function pagesOf(text: string): string[][] {
  return text.split('\f').map((p) => p.split(/\r\n|\r|\n/));
}

/**
 * Lines of a document, restored where possible: the whole restored text when it keeps the
 * original's pages and lines; else the paragraphs (restored ?? text) as units; else the pages.
 */
export function linesFromDocument(doc: WorkingDocument): { lines: SegLine[]; from: 'restored-lines' | 'paragraphs' | 'original-lines' } {
  const { lines, from } = allLines(doc);
  // Notes written by hand in a margin (Page.marginLines) are kept in the text, not read as print.
  const margins = new Set(doc.pages.flatMap((p, i) => (p.marginLines ?? []).map((l) => `${i + 1}:${l}`)));
  return { lines: margins.size ? lines.filter((l) => !margins.has(`${l.page}:${l.lineStart}`)) : lines, from };
}

function allLines(doc: WorkingDocument): { lines: SegLine[]; from: 'restored-lines' | 'paragraphs' | 'original-lines' } {
  const originalPages = doc.pages.length ? doc.pages.map((p) => p.lines) : pagesOf(doc.original);
  if (doc.restored !== undefined) {
    const restoredPages = pagesOf(doc.restored);
    const aligned =
      restoredPages.length === originalPages.length && restoredPages.every((p, i) => p.length === originalPages[i]!.length);
    if (aligned) return { lines: flatten(restoredPages, originalPages), from: 'restored-lines' };
    const mapped = doc.pages.length ? restoredOnPages(doc.restored, doc.original, originalPages) : null;
    if (mapped) return { lines: flatten(mapped, originalPages), from: 'restored-lines' };
  }
  if (doc.paragraphs.some((p) => p.restored !== undefined)) {
    const lines = doc.paragraphs.map((p) => makeLine(p.page, p.lineStart, p.lineEnd, p.restored ?? p.text, p.text));
    return { lines, from: 'paragraphs' };
  }
  return { lines: flatten(originalPages, originalPages), from: 'original-lines' };
}

/**
 * Maps a place in the text as split on its form feeds (as the restore stage counts review places)
 * to the ingested pages, which may be cut differently (page breaks inferred from blank runs).
 */
export function formFeedPlaceToPage(doc: WorkingDocument): (page: number, line: number) => { page: number; line: number } | null {
  const ff = pagesOf(doc.original);
  const starts: number[] = [];
  let at = 0;
  for (const p of ff) { starts.push(at); at += p.length; }
  const flat = ff.flat();
  const where: ({ page: number; line: number } | undefined)[] = new Array(flat.length);
  let k = 0;
  doc.pages.forEach((page, pi) => page.lines.forEach((line, li) => {
    while (k < flat.length && flat[k] !== line) k++;
    if (k < flat.length) where[k++] = { page: pi + 1, line: li + 1 };
  }));
  return (page, line) => (page >= 1 && page <= ff.length ? where[starts[page - 1]! + line - 1] ?? null : null);
}

/**
 * The restored lines laid out on the ingested pages when those were cut differently from the
 * text's form feeds (page breaks inferred from blank runs, a dropped trailing line): restoration
 * keeps the original's lines, so each page line is found in order in the original and the
 * restored line at the same place is taken. Null when the two texts do not line up.
 */
function restoredOnPages(restored: string, original: string, pages: string[][]): string[][] | null {
  const r = pagesOf(restored).flat(), o = pagesOf(original).flat();
  if (r.length !== o.length) return null;
  let k = 0;
  const out: string[][] = [];
  for (const page of pages) {
    const lines: string[] = [];
    for (const line of page) {
      while (k < o.length && o[k] !== line) k++;
      if (k >= o.length) return null;
      lines.push(r[k++]!);
    }
    out.push(lines);
  }
  return out;
}

function flatten(textPages: string[][], originalPages: string[][]): SegLine[] {
  const out: SegLine[] = [];
  textPages.forEach((page, pi) =>
    page.forEach((line, li) => out.push(makeLine(pi + 1, li + 1, li + 1, line, originalPages[pi]?.[li] ?? line))),
  );
  return out;
}

/** Lines from plain text (pages split on '\f'); for tests and benches. */
export function linesFromText(text: string, original = text): SegLine[] {
  return flatten(pagesOf(text), pagesOf(original));
}
