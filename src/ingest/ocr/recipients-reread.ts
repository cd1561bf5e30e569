/**
 * The closing's left column ("Nơi nhận:" and its dash items) beside the signature column: Tesseract
 * finds one line across both columns, sized by the signature column's capitals, and the small print
 * on the left of such a line comes out as junk ("TƯ n" for "Nơi nhận:", "-Các dọn vi" for "- Các đơn
 * vị;") or is lost ("- Website;" between two such lines). Read alone as a block (psm 6) the column
 * reads whole. Only where a left piece of a two-column line is unconfident; the second reading
 * replaces the column's pieces only when it is confident (no less than the first), has fewer junk
 * words, and keeps every confident word of the first (nothing legible is ever dropped). The
 * signature column's pieces stay as read, each put back beside the column's line it stands level with.
 */
import type { OcrWord } from '../../core/document.js';
import { cropPgm } from './merged-lines.js';
import { lineText, meanConfidence, median, round1, shiftedWords, type OcrPageResult } from './result.js';
import type { GreyImage } from './downscale.js';

type Box = [number, number, number, number];

/** Words further apart than this many word heights are two columns of one line. */
const COLUMN_GAP = 2;
/** The signature column starts at least this share of the page's width in. */
const RIGHT_START = 0.45;
/** A left piece under this mean confidence was read as junk. */
const JUNK_CONFIDENCE = 60;
/** The second reading is taken at this mean confidence or more (and no less than the first's). */
const ACCEPT_CONFIDENCE = 75;
/** A word of the first reading this confident must be in the second one. */
const LEGIBLE = 80;
/** "Nơi nhận" as OCR reads it; a recipient item opens with a dash. */
const RECIPIENTS = /^[-–•*\s]*N[ơoóòờớ]i\s*nh[ậâaặẫ]n\b/iu;
const ITEM = /^[-–•+]/u;
/** The header's lines (number, date, motto) belong to column-rows.ts and the pen reader. */
const HEADER_LINE = /\b(S[ốổôo6]\s*:|ngày|tháng|năm\s+\d|C[ỘOÔ]NG\s+H[ÒOÓ]A|Độc\s+lập)/iu;

export interface RecipientsColumn {
  /** First and last line (1-based) of the closing's rows. */
  from: number;
  to: number;
  /** The left column's words in those rows (replaced when read better). */
  left: OcrWord[];
  /** The region read again. */
  box: Box;
}

/** A line's words split at the signature column: those left of it, those in it. */
function split(ws: OcrWord[], h: number, width: number): { left: OcrWord[]; right: OcrWord[] } {
  const sorted = [...ws].sort((a, b) => a.bbox[0] - b.bbox[0]);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.bbox[0] >= RIGHT_START * width && sorted[k]!.bbox[0] - sorted[k - 1]!.bbox[2] > COLUMN_GAP * h) return { left: sorted.slice(0, k), right: sorted.slice(k) };
  }
  return sorted.length && sorted[0]!.bbox[0] >= RIGHT_START * width ? { left: [], right: sorted } : { left: sorted, right: [] };
}

/** The closing's recipients column to read again, or null (no two-column closing, or its left column read confidently). */
export function recipientsColumn(result: OcrPageResult, size: { width: number; height: number }): RecipientsColumn | null {
  if (result.words.length === 0) return null;
  const h = median(result.words.map((w) => w.bbox[3] - w.bbox[1]));
  const byLine = result.lines.map((_, k) => split(result.words.filter((w) => w.line === k + 1), h, size.width));
  const crossing = (k: number) => { const s = byLine[k]!; return s.left.some((w) => w.bbox[2] > RIGHT_START * size.width); };
  for (let start = 0; start < byLine.length; start++) {
    const first = byLine[start]!;
    // A row of both columns whose right piece is in capitals (TL., KT., a position).
    if (!first.left.length || !first.right.some((w) => /\p{Lu}{2}/u.test(w.text)) || crossing(start) || HEADER_LINE.test(result.lines[start]!)) continue;
    const x0 = Math.min(...first.left.map((w) => w.bbox[0]));
    let end = start, bottom = Math.max(...first.left.map((w) => w.bbox[3]));
    for (let k = start + 1; k < byLine.length; k++) {
      const s = byLine[k]!;
      if (HEADER_LINE.test(result.lines[k]!) || crossing(k)) break;
      if (!s.left.length) continue;
      const top = Math.min(...s.left.map((w) => w.bbox[1]));
      if (top > bottom + 3 * h || Math.abs(Math.min(...s.left.map((w) => w.bbox[0])) - x0) > 2 * h) break;
      end = k;
      bottom = Math.max(bottom, ...s.left.map((w) => w.bbox[3]));
    }
    const rows = byLine.slice(start, end + 1);
    const texts = rows.map((s) => lineText(s.left));
    const isClosing = RECIPIENTS.test(texts[0]!) || texts.filter((t) => ITEM.test(t)).length >= 2;
    const twoColumn = rows.filter((s) => s.left.length && s.right.length);
    if (!isClosing || twoColumn.length < 2) { start = end; continue; }
    if (!twoColumn.some((s) => meanConfidence(s.left) < JUNK_CONFIDENCE)) return null;
    const left = rows.flatMap((s) => s.left), right = rows.flatMap((s) => s.right);
    const rightStart = right.length ? Math.min(...right.map((w) => w.bbox[0])) : size.width;
    const box: Box = [
      Math.max(0, x0 - h),
      Math.max(0, Math.min(...left.map((w) => w.bbox[1])) - 0.5 * h),
      Math.min(size.width, Math.max(Math.max(...left.map((w) => w.bbox[2])) + 0.5 * h, rightStart - 0.5 * h)),
      Math.min(size.height, bottom + 0.5 * h),
    ].map(Math.round) as Box;
    if (box[2] - box[0] < 3 * h || box[3] - box[1] < 2 * h) return null;
    return { from: start + 1, to: end + 1, left, box };
  }
  return null;
}

/** The page with the closing's recipients column read again and laid back beside the signature column; the lines it gave. */
export async function withRecipientsReread(
  result: OcrPageResult,
  image: GreyImage,
  read: (pgmImage: Uint8Array) => Promise<OcrPageResult>,
  column: RecipientsColumn | null = recipientsColumn(result, image),
): Promise<{ result: OcrPageResult; fixes: { from: string; to: string[] } | null }> {
  if (!column) return { result, fixes: null };
  const again = await read(cropPgm(image, column.box));
  const got = shiftedWords(again.words.filter((w) => w.text.trim()), column.box[0], column.box[1]);
  if (!isBetter(column.left, got)) return { result, fixes: null };
  // Rows of the block: the second reading's lines, and the signature column's pieces of the first.
  const rows: OcrWord[][] = [...new Set(got.map((w) => w.line))].map((n) => got.filter((w) => w.line === n));
  const pieces: OcrWord[][] = [];
  for (let n = column.from; n <= column.to; n++) {
    const piece = result.words.filter((w) => w.line === n && !column.left.includes(w));
    if (piece.length) pieces.push(piece);
  }
  const span = (ws: OcrWord[]) => [Math.min(...ws.map((w) => w.bbox[1])), Math.max(...ws.map((w) => w.bbox[3]))] as const;
  const overlap = (a: OcrWord[], b: OcrWord[]) => { const [a0, a1] = span(a), [b0, b1] = span(b); return (Math.min(a1, b1) - Math.max(a0, b0)) / Math.min(a1 - a0, b1 - b0); };
  const joined = rows.map((ws) => ({ ws, taken: false }));
  const block: OcrWord[][] = [];
  for (const piece of pieces) {
    const best = joined.filter((r) => !r.taken).map((r) => ({ r, o: overlap(r.ws, piece) })).sort((a, b) => b.o - a.o)[0];
    if (best && best.o > 0.3) { best.r.ws = [...best.r.ws, ...piece]; best.r.taken = true; } else block.push(piece);
  }
  block.push(...joined.map((r) => r.ws));
  block.sort((a, b) => (span(a)[0] + span(a)[1]) - (span(b)[0] + span(b)[1]));
  const lines: string[] = [], words: OcrWord[] = [];
  const keep = (n: number) => { lines.push(result.lines[n - 1]!); for (const w of result.words) if (w.line === n) words.push({ ...w, line: lines.length }); };
  for (let n = 1; n < column.from; n++) keep(n);
  for (const ws of block) {
    const sorted = [...ws].sort((a, b) => a.bbox[0] - b.bbox[0]);
    lines.push(lineText(sorted));
    for (const w of sorted) words.push({ ...w, line: lines.length });
  }
  for (let n = column.to + 1; n <= result.lines.length; n++) keep(n);
  const from = result.lines.slice(column.from - 1, column.to).join(' / ');
  return { result: { lines, words, confidence: round1(meanConfidence(words)) }, fixes: { from, to: rows.map((ws) => lineText([...ws].sort((a, b) => a.bbox[0] - b.bbox[0]))) } };
}

/**
 * The second reading is confident (no less than the first), has fewer junk words than the first,
 * and keeps every confident word of the first. (The column's confident rows dilute its junk row's
 * mean, so a gain in the mean is not asked.)
 */
function isBetter(first: readonly OcrWord[], second: readonly OcrWord[]): boolean {
  if (second.filter((w) => /\p{L}{2}/u.test(w.text)).length < 2) return false;
  if (meanConfidence(second) < Math.max(ACCEPT_CONFIDENCE, meanConfidence(first))) return false;
  const junk = (ws: readonly OcrWord[]) => ws.filter((w) => w.confidence < JUNK_CONFIDENCE).length;
  if (junk(second) >= junk(first)) return false;
  const texts = new Set(second.map((w) => w.text));
  return first.every((w) => w.confidence < LEGIBLE || !/\p{L}/u.test(w.text) || texts.has(w.text));
}
