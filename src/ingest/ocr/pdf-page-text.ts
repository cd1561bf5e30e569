/**
 * A page's text from pdf.js text items, joined exactly as pdf-parse's getText joins them with its
 * defaults (a line break where the baseline moves more than a line's height, a tab between cells
 * of one line), with stamped annotation values (pdf-stamps.ts) set into their printed lines, so
 * a page with stamps reads as the same page plus its stamps, never laid out another way. A line
 * whose items go back along it (a fallback font's glyphs drawn last) is put in order first.
 */
import type { StampRun } from './pdf-stamps.js';

export interface TextItemLike { str: string; transform: number[]; width: number; height: number; hasEOL?: boolean; fontName?: string }

/** pdf-parse's defaults (ParseParameters: lineThreshold, cellThreshold, cellSeparator). */
const LINE_THRESHOLD = 4.6;
const CELL_THRESHOLD = 7;
const CELL_SEPARATOR = '\t';

interface Placed extends TextItemLike { stamp?: boolean }

/**
 * The page text and the stamps that found a printed line to join. `toView` maps a PDF point to
 * the page's viewport at scale 1, as pdf-parse does before comparing positions.
 */
export function joinPageText(items: readonly TextItemLike[], stamps: readonly StampRun[], toView: (x: number, y: number) => [number, number]): { text: string; placed: string[] } {
  const list: Placed[] = items.filter((i) => typeof i.str === 'string');
  const placed: string[] = [];
  for (const s of stamps) {
    const at = insertionPoint(list, s);
    if (at === null) continue;
    list.splice(at.index, 0, { str: s.text, transform: [1, 0, 0, 1, s.x, at.baseline], width: s.width, height: s.size, hasEOL: false, stamp: true });
    placed.push(s.text);
  }
  return { text: join(inLineOrder(list), toView), placed };
}

/**
 * Letters a fallback font drew after the rest of their line, put back in their words. A writer
 * that draws the glyphs its font lacks in another font after the line (LibreOffice: "Y BAN NHÂN
 * DÂN THÀNH PH H CHÍ MINH", then "Ủ", "Ố", "Ồ" at their places) leaves items in another font
 * going back along the line, which the stream-order join put after a tab at the line's end. Such
 * an item takes the blank left for it in the item under it (the blank nearest its place,
 * proportionally), or stands as an item of its own at its place; that font's blank items lying
 * over the line's text are dropped. Lines without such an item keep pdf-parse's order exactly.
 */
function inLineOrder(items: Placed[]): Placed[] {
  const out: Placed[] = [];
  let lineStart = 0, lastInk: Placed | undefined;
  for (const it of items) {
    const prev = out[out.length - 1];
    if (prev && (prev.hasEOL || Math.abs(it.transform[5]! - prev.transform[5]!) >= LINE_THRESHOLD)) { lineStart = out.length; lastInk = undefined; }
    if (lastInk && it.fontName !== undefined && lastInk.fontName !== undefined && it.fontName !== lastInk.fontName && upright(it) && upright(lastInk) && xOf(it) < xOf(lastInk) + lastInk.width - 0.5 && placeBack(out, lineStart, it)) continue;
    out.push({ ...it });
    if (inked(it)) lastInk = it;
  }
  return out;
}

const inked = (it: Placed) => it.str.trim() !== '';
const upright = (it: Placed) => it.transform[1] === 0 && it.transform[2] === 0 && it.transform[0]! > 0;
const xOf = (it: Placed) => it.transform[4]!;

/** Letters a font may lack: beyond Latin-1 (ASCII never falls back), and nothing but letters and blanks. */
const FALLBACK_TEXT = /^(?=.*[^\u0000-\u00ff])[\p{L}\p{M}\s]+$/u;

/**
 * An item in another font that went back along its line (out[from..] is the line so far), set
 * where it stands; false when it is no fallback letter or finds no place left for it (it then
 * goes in stream order, as before).
 */
function placeBack(out: Placed[], from: number, b: Placed): boolean {
  if (!inked(b)) return out.slice(from).some((a) => inked(a) && xOf(a) <= xOf(b) + 0.5 && xOf(b) < xOf(a) + a.width); // a blank of that font over the text
  if (!FALLBACK_TEXT.test(b.str)) return false;
  const size = Math.max(b.height, 1);
  for (let i = from; i < out.length; i++) {
    const a = out[i]!;
    if (!(xOf(a) - 0.5 <= xOf(b) && xOf(b) < xOf(a) + a.width - 0.5)) continue;
    if (!inked(a)) {
      // A blank item: the letter, with the word space the blank still covers on either side.
      const left = xOf(b) - xOf(a) >= 0.2 * size ? ' ' : '';
      const right = xOf(a) + a.width - (xOf(b) + b.width) >= 0.2 * size ? ' ' : '';
      out[i] = { ...a, str: left + b.str + right };
      return true;
    }
    const estimate = ((xOf(b) - xOf(a)) / a.width) * a.str.length;
    let k = -1;
    for (const m of a.str.matchAll(/ /gu)) if (k < 0 || Math.abs(m.index! - estimate) < Math.abs(k - estimate)) k = m.index!;
    if (k < 0 || Math.abs(k - estimate) > 1.5) return false; // no blank left for it: not a fallback letter's place
    out[i] = { ...a, str: a.str.slice(0, k) + b.str + a.str.slice(k + 1) };
    return true;
  }
  // Under no item: an item of its own, at its place in the line.
  let at = from;
  while (at < out.length && xOf(out[at]!) <= xOf(b)) at++;
  const before = out[at - 1];
  const gap = before && at > from ? xOf(b) - (xOf(before) + before.width) : 0;
  const after = out[at];
  const gapAfter = after ? xOf(after) - (xOf(b) + b.width) : 0;
  const str = (gap >= 0.2 * size && gap <= CELL_THRESHOLD ? ' ' : '') + b.str + (after && inked(after) && gapAfter >= 0.2 * size && gapAfter <= CELL_THRESHOLD ? ' ' : '');
  out.splice(at, 0, { ...b, str, hasEOL: false });
  return true;
}

/** Where a stamp goes: after the last item of its printed line that starts left of it. */
function insertionPoint(list: Placed[], s: StampRun): { index: number; baseline: number } | null {
  const tolerance = Math.max(2, 0.35 * s.size);
  let best = -1, bestX = -Infinity, first = -1, baseline = NaN;
  for (let i = 0; i < list.length; i++) {
    const it = list[i]!;
    const y = it.transform[5]!, x = it.transform[4]!;
    if (Math.abs(y - s.y) > tolerance || (it.str.trim() === '' && !it.hasEOL && it.width === 0)) continue;
    if (it.str.trim() !== '' && first < 0) { first = i; baseline = y; }
    if (x <= s.x + 0.5 && x >= bestX) { best = i; bestX = x; if (it.str.trim() !== '') baseline = y; }
  }
  if (first < 0) return null; // no printed line there: an overlay, not a stamp
  if (best >= 0) splitAround(list, best, s.x); // the stamp goes between the halves
  return { index: best >= 0 ? best + 1 : first, baseline };
}

/**
 * An item whose blank run spans the stamp ("Số:        /BC-UBND" drawn as one string) is cut in
 * two at the blank nearest the stamp's place (glyph positions inside an item are not known:
 * proportionally to its width).
 */
function splitAround(list: Placed[], i: number, x: number): void {
  const it = list[i]!;
  const x0 = it.transform[4]!;
  if (x0 + it.width <= x + 1 || it.width <= 0) return;
  const at = Math.round(((x - x0) / it.width) * it.str.length);
  let cut = -1;
  for (const m of it.str.matchAll(/\s+/gu)) {
    const mid = m.index! + m[0].length / 2;
    if (m.index! > 0 && m.index! + m[0].length < it.str.length && (cut < 0 || Math.abs(mid - at) < Math.abs(cut - at))) cut = Math.round(mid);
  }
  if (cut <= 0) return;
  const share = cut / it.str.length;
  const left: Placed = { ...it, str: it.str.slice(0, cut), width: it.width * share, hasEOL: false };
  const right: Placed = { ...it, str: it.str.slice(cut), width: it.width * (1 - share), transform: [...it.transform.slice(0, 4), x0 + it.width * share, it.transform[5]!] };
  list.splice(i, 1, left, right);
}

function join(items: readonly Placed[], toView: (x: number, y: number) => [number, number]): string {
  const out: string[] = [];
  let lastX: number | undefined, lastY: number | undefined, lineHeight = 0, afterStamp = false;
  for (const item of items) {
    let str = item.str;
    const [x, y] = toView(item.transform[4]!, item.transform[5]!);
    if (lastY !== undefined && Math.abs(lastY - y) > LINE_THRESHOLD) {
      const last = out.length ? out[out.length - 1] : undefined;
      const startsLine = str.startsWith('\n') || (str.trim() === '' && item.hasEOL);
      if (last?.endsWith('\n') === false && !startsLine && Math.abs(lastY - y) - 1 > lineHeight) {
        out.push('\n');
        lineHeight = 0;
      }
    }
    if (lastY !== undefined && Math.abs(lastY - y) < LINE_THRESHOLD && lastX !== undefined && Math.abs(lastX - x) > CELL_THRESHOLD) {
      // Next to a stamp the gap is the blank it fills: a space, not a cell.
      str = (item.stamp || afterStamp ? (/\s$/u.test(out[out.length - 1] ?? '') ? '' : ' ') : CELL_SEPARATOR) + str;
    } else if ((item.stamp || (afterStamp && /^[\p{L}\p{N}]/u.test(str))) && !/\s$/u.test(out[out.length - 1] ?? '')) {
      str = ` ${str}`; // a stamp is a word of its own
    }
    out.push(str);
    lastX = x + item.width;
    lastY = y;
    lineHeight = Math.max(lineHeight, item.height);
    afterStamp = item.stamp === true;
    if (item.hasEOL) out.push('\n');
    if (item.hasEOL || str.endsWith('\n')) lineHeight = 0;
  }
  return out.join('');
}
