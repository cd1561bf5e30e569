/**
 * The signature column beside "Nơi nhận:" (position, seal, signature, printed name) is where
 * Tesseract most often drops whole lines: the seal and the signature's strokes make its layout
 * analysis take the column for a picture, and the printed name under them goes with it (a bilevel
 * scanner PDF lost "TS. Trương Huy Hoàng" so; read as one block of lines, psm 6, the name came
 * back). When the page has a "Nơi nhận:" line and the region right of it holds no line that could
 * be a name, or a name with no capitals read above it (the position and "KT. GIÁM ĐỐC" dropped
 * beside "Nơi nhận:" and under a seal), that region is read again as a block, and its confident lines that the page lacks
 * are added after the page's lines (where segment looks for a signer beside the recipients) —
 * except above a line of the column that the page did read: a position read again under a seal
 * goes above the printed name the first reading kept, as it stands on the page.
 */
import type { OcrWord } from '../../core/document.js';
import { cropPgm } from './merged-lines.js';
import { lineText, meanConfidence, median, round1, shiftedWords, type OcrPageResult } from './result.js';
import type { GreyImage } from './downscale.js';

type Box = [number, number, number, number];

/** "Nơi nhận" as OCR reads it, marks or none. */
const RECIPIENTS = /^[-–•*\s]*N[ơoóòờớ]i\s*nh[ậâaặẫ]n\b/iu;
/** The region spans this many median word heights above the "Nơi nhận" line and below it. */
const ABOVE = 5, BELOW = 14;
/** It starts this share of the page's width in: the signature column is the right half. */
const COLUMN_START = 0.45;
/** A line read again is added only at this mean confidence, with at least two words of letters. */
const MIN_LINE_CONFIDENCE = 60;

/** A line of two or more capitalised words of letters: a printed name, or a position in title case. */
const looksLikeNameLine = (ws: readonly OcrWord[]) => ws.filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w.text.replace(/[^\p{L}]/gu, ''))).length >= 2;

/** The region to read again, or null when the page has no "Nơi nhận:" line or its signature column already holds a name. */
export function signatureRegion(result: OcrPageResult, size: { width: number; height: number }): Box | null {
  const at = result.lines.findIndex((l) => RECIPIENTS.test(l));
  if (at < 0 || result.words.length === 0) return null;
  const own = result.words.filter((w) => w.line === at + 1);
  if (own.length === 0) return null;
  const h = median(result.words.map((w) => w.bbox[3] - w.bbox[1]));
  const top = Math.min(...own.map((w) => w.bbox[1]));
  const box: Box = [Math.round(size.width * COLUMN_START), Math.max(0, Math.round(top - ABOVE * h)), size.width, Math.min(size.height, Math.round(top + BELOW * h))];
  if (box[3] - box[1] < 2 * h) return null;
  const inside = result.words.filter((w) => (w.bbox[0] + w.bbox[2]) / 2 >= box[0] && (w.bbox[1] + w.bbox[3]) / 2 >= box[1] && (w.bbox[1] + w.bbox[3]) / 2 <= box[3]);
  const byLine = new Map<number, OcrWord[]>();
  for (const w of inside) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const name = [...byLine.values()].find((ws) => ws[0]!.bbox[1] > top && looksLikeNameLine(ws));
  if (!name) return box;
  // A name with nothing read above it in the column: the position and authority lines (under a
  // seal, or level with "Nơi nhận:") were dropped; read again to find them.
  const nameTop = Math.min(...name.map((w) => w.bbox[1]));
  // Lines of the column only: the body's last lines reach into the region from the left.
  const ofColumn = (n: number) => result.words.every((w) => w.line !== n || (w.bbox[0] + w.bbox[2]) / 2 >= box[0]);
  const printedAbove = [...byLine].some(([n, ws]) => ws !== name && ofColumn(n) && Math.max(...ws.map((w) => w.bbox[3])) <= nameTop && ws.some((w) => /\p{Lu}{2}/u.test(w.text) && w.confidence >= MIN_LINE_CONFIDENCE));
  return printedAbove ? null : box;
}

/**
 * The page with the signature column's missing lines read again and added after its lines; the
 * lines added. `box`: the region signatureRegion found (found again when not given).
 */
export async function withSignatureReread(
  result: OcrPageResult,
  image: GreyImage,
  read: (pgmImage: Uint8Array) => Promise<OcrPageResult>,
  box: Box | null = signatureRegion(result, image),
): Promise<{ result: OcrPageResult; added: string[] }> {
  if (!box) return { result, added: [] };
  const again = await read(cropPgm(image, box));
  const moved = shiftedWords(again.words, box[0], box[1]);
  const lines: OcrWord[][] = [];
  for (const n of new Set(moved.map((w) => w.line))) {
    const ws = moved.filter((w) => w.line === n && /\p{L}/u.test(w.text));
    const novel = ws.filter((w) => !result.words.some((p) => overlaps(p.bbox, w.bbox)));
    if (novel.length < 2 || novel.length < ws.length) continue;
    if (meanConfidence(novel) < MIN_LINE_CONFIDENCE) continue;
    lines.push(novel);
  }
  if (lines.length === 0) return { result, added: [] };
  // Each new line goes before the first line of the first reading that lies wholly in the column
  // and below it; else after the page's lines.
  const columnTops = result.lines.map((_, k) => {
    const ws = result.words.filter((w) => w.line === k + 1);
    return ws.length > 0 && ws.every((w) => w.bbox[0] >= box[0]) ? Math.min(...ws.map((w) => w.bbox[1])) : null;
  });
  const at = (ws: OcrWord[]) => {
    const mid = (Math.min(...ws.map((w) => w.bbox[1])) + Math.max(...ws.map((w) => w.bbox[3]))) / 2;
    const k = columnTops.findIndex((top) => top !== null && top >= mid);
    return k < 0 ? result.lines.length : k;
  };
  const placed = lines.map((ws) => ({ ws, at: at(ws) })).sort((a, b) => a.at - b.at);
  // Old line numbers → new ones; every word of the first reading is kept, renumbered.
  const outLines: string[] = [], renumber = new Map<number, number>(), addedWords: OcrWord[] = [];
  let next = 0;
  for (let k = 0; k <= result.lines.length; k++) {
    for (; next < placed.length && placed[next]!.at === k; next++) {
      outLines.push(lineText(placed[next]!.ws));
      for (const w of placed[next]!.ws) addedWords.push({ ...w, line: outLines.length });
    }
    if (k < result.lines.length) renumber.set(k + 1, outLines.push(result.lines[k]!));
  }
  const words = [...result.words.map((w) => ({ ...w, line: renumber.get(w.line) ?? w.line })), ...addedWords];
  const added = placed.map((p) => lineText(p.ws));
  const confidence = round1(meanConfidence(words));
  return { result: { lines: outLines, words, confidence }, added };
}

function overlaps(a: Box, b: Box): boolean {
  return Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
}
