/**
 * Notes written by hand in a page's margins (bút phê: a reader's instructions down the left side of
 * an archived letter, or the right). OCR reads the pen strokes as junk words and puts them at the
 * head (or tail) of the printed lines beside them ("z)  Số:115 /CV-…", "1> Hội thánh…"), so the
 * header no longer starts where its rules look. Here such words are taken out of the printed lines
 * and written as lines of their own after the page's lines; `marginLines` names those lines (and
 * lines that held nothing but a note), which the structure leaves out. Nothing is dropped: the
 * words keep their boxes and confidences and point at the lines that now hold them.
 *
 * A run of words at a line's start is a note when it:
 *  - starts left of the body's left edge (the x where most long lines start),
 *  - is unsure print: no word read with confidence ≥ SURE, at least half of them junk (read under
 *    JUNK_CONFIDENCE, or not a Vietnamese syllable, a number or an upper-case code), one at least
 *    unreadable (a handwritten number in the header, "Số:542", reads unsure but readable),
 *  - stands apart: it lies wholly left of the edge with the rest of the line at the edge, half a
 *    word height or more away, or a gap of a word height or more parts it from the rest of the line;
 *  - reaches past the edge only with words junk both ways (unsure and unreadable).
 * The right margin is the mirror image (the body's right edge, justified prose).
 */
import type { OcrWord } from '../../core/document.js';
import { isVietnameseSyllable } from '../../core/vi-text/syllable.js';
import { median, type OcrPageResult } from './result.js';

/** A word read at least this sure is print, never a note. */
const SURE = 85;
/** Below this confidence a word is junk whatever it spells. */
const JUNK_CONFIDENCE = 50;
/** Lines that share the body's edge: at least this many, each of this many words. */
const MIN_EDGE_LINES = 5;
const MIN_EDGE_WORDS = 4;
/** The body's edge lies within this share of the text's width from the text's own bound. */
const EDGE_REACH = 0.25;

export interface MarginSplit {
  result: OcrPageResult;
  /** 1-based lines of `result.lines` that hold margin notes only. */
  marginLines: number[];
  /** What was taken out of which printed line (1-based, as read). */
  moved: { line: number; text: string; side: 'left' | 'right' }[];
}

/** A word that reads as print: syllables, numbers, upper-case codes, joined by ":" "/" "-" "." ("Số:115", "/CV-PA83"). */
function readable(text: string): boolean {
  const pieces = text.replace(/^[("“'‘[/]+|[)"”'’\].,:;!?]+$/gu, '').split(/[:/.-]/u);
  return pieces.length > 0 && pieces.every((p) => p !== '' && (/^\d+(,\d+)?$/u.test(p) || /^(?=.*\p{Lu})[\p{Lu}\d&]{2,}$/u.test(p) || (/^\p{L}+$/u.test(p) && isVietnameseSyllable(p))));
}

const ROW_NUMBER = /^\d{1,4}[.)]?$/u;
const junk = (w: OcrWord) => w.confidence < JUNK_CONFIDENCE || !readable(w.text);
/** Junk in both ways: unsure and unreadable (a note's stroke may reach past the body's edge, print may not). */
const stroke = (w: OcrWord) => w.confidence < JUNK_CONFIDENCE && !readable(w.text);
const unsure = (run: OcrWord[]) => run.every((w) => w.confidence < SURE) && run.filter(junk).length * 2 >= run.length && run.some((w) => !readable(w.text));

/**
 * The x long lines share at one end (left: their first sure word's start; right: their last's end):
 * of the x's that five or more lines share, the outermost held by at least half as many lines as
 * the most shared (a page's paragraph indents are shared too, by fewer lines, further in).
 */
function bodyEdge(lines: OcrWord[][], side: 'left' | 'right', tolerance: number): number | null {
  const xs: number[] = [];
  for (const ws of lines) {
    if (ws.length < MIN_EDGE_WORDS) continue;
    const sure = ws.filter((w) => w.confidence >= SURE);
    const w = side === 'left' ? sure[0] : sure[sure.length - 1];
    if (w) xs.push(side === 'left' ? w.bbox[0] : -w.bbox[2]);
  }
  const shared = xs.map((x) => { const near = xs.filter((y) => Math.abs(y - x) <= tolerance / 2); return { x: median(near), count: near.length }; });
  const most = Math.max(0, ...shared.map((c) => c.count));
  const edges = shared.filter((c) => c.count >= MIN_EDGE_LINES && c.count * 2 >= most).map((c) => c.x);
  if (edges.length === 0) return null;
  const outer = Math.min(...edges);
  return side === 'left' ? outer : -outer;
}

/**
 * How many of `ws` (in order from the margin's side) are a note. `dist(w)` = [near, far]: how far
 * into the page the word's margin-side and body-side ends lie (the right margin passes mirrored x).
 * Of the runs that qualify, the one with the widest gap after it.
 */
function noteLength(ws: OcrWord[], edge: number, height: number, dist: (w: OcrWord) => [number, number]): number {
  const tolerance = height / 2;
  if (ws.length === 0 || dist(ws[0]!)[0] > edge - tolerance) return 0;
  let best = 0, bestGap = -Infinity;
  for (let k = 1; k <= ws.length; k++) {
    const run = ws.slice(0, k);
    const last = ws[k - 1]!;
    if (last.confidence >= SURE || (dist(last)[0] > edge + tolerance && !stroke(last))) break;
    // A bare number at the start of a line is a row's or an item's number: print, never a note.
    if (ROW_NUMBER.test(last.text)) return 0;
    if (!unsure(run)) continue;
    const next = ws[k];
    const runFar = Math.max(...run.map((w) => dist(w)[1]));
    // A line of nothing but a note: all of it in the margin.
    if (next === undefined) return runFar <= edge + tolerance ? k : best;
    const gap = dist(next)[0] - runFar;
    const wholly = runFar <= edge - tolerance / 2 && dist(next)[0] >= edge - tolerance && gap >= tolerance;
    if ((wholly || gap >= height) && gap > bestGap) { best = k; bestGap = gap; }
  }
  return best;
}

/** Takes the margin notes out of `r`'s lines (see the module comment); `r` itself when it has none. */
export function splitMarginNotes(r: OcrPageResult): MarginSplit {
  const none = { result: r, marginLines: [], moved: [] };
  const byLine = new Map<number, OcrWord[]>();
  for (const w of r.words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  for (const ws of byLine.values()) ws.sort((a, b) => a.bbox[0] - b.bbox[0]);
  const height = median(r.words.filter((w) => w.confidence >= SURE && /\p{L}/u.test(w.text)).map((w) => w.bbox[3] - w.bbox[1]));
  if (height <= 0) return none;
  const lines = [...byLine.values()];
  // A body edge is near the text's own bounds; one in the middle of the page is a table's column.
  const sure = r.words.filter((w) => w.confidence >= SURE);
  const x0 = Math.min(...sure.map((w) => w.bbox[0])), x1 = Math.max(...sure.map((w) => w.bbox[2]));
  const near = (edge: number | null, from: number) => (edge !== null && Math.abs(edge - from) <= (x1 - x0) * EDGE_REACH ? edge : null);
  const left = near(bodyEdge(lines, 'left', height), x0);
  const right = near(bodyEdge(lines, 'right', height), x1);
  // No left edge: not a page of prose (a table, a form); its right-hand cells are not judged either.
  if (left === null) return none;
  const marginOnly: number[] = [];
  const cut = new Map<number, { left: OcrWord[]; right: OcrWord[] }>();
  for (const [line, ws] of byLine) {
    const text = r.lines[line - 1];
    if (text === undefined) continue;
    const l = noteLength(ws, left, height, (w) => [w.bbox[0], w.bbox[2]]);
    if (l === ws.length) { marginOnly.push(line); continue; }
    const rest = ws.slice(l);
    const rev = [...rest].reverse();
    const rn = right === null ? 0 : noteLength(rev, -right, height, (w) => [-w.bbox[2], -w.bbox[0]]);
    if (rn === rest.length) { marginOnly.push(line); continue; }
    if (l > 0 || rn > 0) cut.set(line, { left: ws.slice(0, l), right: rev.slice(0, rn).reverse() });
  }
  if (marginOnly.length === 0 && cut.size === 0) return none;
  const lineTexts = [...r.lines];
  const moved: MarginSplit['moved'] = [];
  const newLine = new Map<OcrWord, number>();
  for (const [line, { left: lw, right: rw }] of [...cut].sort((a, b) => a[0] - b[0])) {
    const stripped = stripEnds(lineTexts[line - 1]!, lw, rw);
    if (stripped === null) continue; // the line's text does not start (end) with those words: leave it
    lineTexts[line - 1] = stripped;
    for (const [side, ws] of [['left', lw], ['right', rw]] as const) {
      if (ws.length === 0) continue;
      const text = ws.map((w) => w.text).join(' ');
      lineTexts.push(text);
      moved.push({ line, text, side });
      for (const w of ws) newLine.set(w, lineTexts.length);
    }
  }
  const marginLines = [...marginOnly, ...Array.from({ length: lineTexts.length - r.lines.length }, (_, k) => r.lines.length + k + 1)].sort((a, b) => a - b);
  if (marginLines.length === 0) return none;
  const words = r.words.map((w) => (newLine.has(w) ? { ...w, line: newLine.get(w)! } : w));
  return { result: { ...r, lines: lineTexts, words }, marginLines, moved };
}

/** `text` without the words `lw` at its start and `rw` at its end; null when it does not hold them there. */
function stripEnds(text: string, lw: OcrWord[], rw: OcrWord[]): string | null {
  let t = text.trim();
  for (const w of lw) {
    if (!t.startsWith(w.text)) return null;
    t = t.slice(w.text.length).trimStart();
  }
  for (const w of [...rw].reverse()) {
    if (!t.endsWith(w.text)) return null;
    t = t.slice(0, t.length - w.text.length).trimEnd();
  }
  return t === '' ? null : t;
}
