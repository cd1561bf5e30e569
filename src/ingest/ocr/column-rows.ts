/**
 * The two-column header of page 1 (issuer, number | motto, place and date) as rows. Tesseract
 * reads the two columns as separate blocks when their lines do not share a baseline, or when a
 * box drawn at the top right (an e-signature, a stamp) starts the right column higher: it then
 * gives the whole right column first, or the two interleaved out of row order, and the header
 * parser meets the date before the issuer. Here the header area — the lines from the top of the
 * page down to the first one that crosses the gap between the columns (the centred title) — is
 * split at that gap into a left and a right region, and each left line is put back beside the
 * right line at its height ("left  right", two spaces: the layout of the ground-truth texts and
 * what the header parser reads). Lines are moved, never changed; a header already in rows stays
 * as it is.
 */
import type { OcrWord } from '../../core/document.js';
import { median, type OcrPageResult } from './result.js';

/** The gap is looked for between these shares of the page's width. */
const GAP_BAND: [number, number] = [0.3, 0.72];
/** Narrower than this many word heights, a free band is no column gap. */
const MIN_GAP_HEIGHTS = 1;
/** A word of one letter read with less confidence than this is a speck, not text crossing the gap. */
const SPECK_CONFIDENCE = 50;
/** Two pieces share a row when they overlap by this share of the lower one's height. */
const SAME_ROW = 0.4;
/** The header area holds at most this many lines. */
const MAX_HEADER_LINES = 24;

interface Unit { line: number; text: string; words: OcrWord[]; top: number; bottom: number; side: 'left' | 'right' | 'both' }

export function headerInRows(result: OcrPageResult): OcrPageResult {
  const byLine = new Map<number, OcrWord[]>();
  for (const w of result.words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const lines = [...byLine.entries()].map(([line, words]) => ({ line, words, top: Math.min(...words.map((w) => w.bbox[1])), bottom: Math.max(...words.map((w) => w.bbox[3])) }));
  if (lines.length < 3) return result;
  const width = Math.max(...result.words.map((w) => w.bbox[2]));
  const height = median(result.words.map((w) => w.bbox[3] - w.bbox[1]));
  if (!(width > 0 && height > 0)) return result;
  const solid = (w: OcrWord) => !(w.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 1 && w.confidence < SPECK_CONFIDENCE);

  // From the top down, the free part of the gap band narrows with each line; the first line that
  // leaves no gap (the title, or the body) ends the header area.
  const byTop = [...lines].sort((a, b) => a.top - b.top);
  let free: [number, number][] = [[GAP_BAND[0] * width, GAP_BAND[1] * width]];
  const area: typeof lines = [];
  for (const l of byTop.slice(0, MAX_HEADER_LINES)) {
    let next = free;
    for (const w of l.words.filter(solid)) next = next.flatMap(([a, b]) => cut([a, b], w.bbox[0], w.bbox[2]));
    next = next.filter(([a, b]) => b - a >= MIN_GAP_HEIGHTS * height);
    if (!next.length) break;
    free = next;
    area.push(l);
  }
  if (area.length < 3) return result;
  const [ga, gb] = free.reduce((best, f) => (f[1] - f[0] > best[1] - best[0] ? f : best));
  const split = (ga + gb) / 2;

  // Lines on one side of the gap are paired with the other side's line at their height; a line
  // Tesseract already read across the gap is a row as it is.
  const units: Unit[] = area.map((l) => {
    const mid = l.words.map((w) => (w.bbox[0] + w.bbox[2]) / 2);
    const side = mid.every((x) => x < split) ? 'left' : mid.every((x) => x >= split) ? 'right' : 'both';
    return { line: l.line, text: result.lines[l.line - 1]!, words: l.words, top: l.top, bottom: l.bottom, side };
  });
  const rows = pairRows(units);
  // No two lines side by side: nothing was read out of its row, and Tesseract's order stands.
  if (!rows.some((r) => r.length === 2)) return result;
  const texts = rows.map((r) => r.map((u) => u.text).join('  '));
  const before = [...units].sort((a, b) => a.line - b.line).map((u) => u.text);
  if (texts.length === before.length && texts.every((t, k) => t === before[k])) return result;

  // The rows take the place of the area's first line; the other lines keep their order.
  const inArea = new Set(area.map((l) => l.line));
  const firstArea = Math.min(...inArea);
  const out: { text: string; words: OcrWord[] }[] = [];
  result.lines.forEach((text, k) => {
    const n = k + 1;
    if (n === firstArea) rows.forEach((r, j) => out.push({ text: texts[j]!, words: r.flatMap((u) => u.words) }));
    if (!inArea.has(n)) out.push({ text, words: byLine.get(n) ?? [] });
  });
  const words = out.flatMap((l, k) => l.words.map((w) => ({ ...w, line: k + 1 })));
  return { lines: out.map((l) => l.text), words, confidence: result.confidence };
}

/** [a, b] without [x0, x1]. */
function cut([a, b]: [number, number], x0: number, x1: number): [number, number][] {
  if (x1 <= a || x0 >= b) return [[a, b]];
  return [...(x0 > a ? [[a, x0] as [number, number]] : []), ...(x1 < b ? [[x1, b] as [number, number]] : [])];
}

/** Left and right lines paired by height (the nearest centre among those overlapping enough), rows in order from the top. */
function pairRows(units: Unit[]): Unit[][] {
  const overlap = (a: Unit, b: Unit) => (Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)) / Math.min(a.bottom - a.top, b.bottom - b.top);
  const centre = (u: Unit) => (u.top + u.bottom) / 2;
  const rights = units.filter((u) => u.side === 'right');
  const used = new Set<Unit>();
  const rows: Unit[][] = [];
  for (const u of [...units].sort((a, b) => a.top - b.top)) {
    if (used.has(u)) continue;
    if (u.side !== 'left') { if (u.side === 'both') rows.push([u]); continue; }
    const r = rights.filter((x) => !used.has(x) && overlap(u, x) >= SAME_ROW).sort((a, b) => Math.abs(centre(a) - centre(u)) - Math.abs(centre(b) - centre(u)))[0];
    if (r) used.add(r);
    rows.push(r ? [u, r] : [u]);
  }
  for (const r of rights) if (!used.has(r)) rows.push([r]);
  return rows.sort((a, b) => Math.min(...a.map((u) => u.top)) - Math.min(...b.map((u) => u.top)));
}
