/**
 * Where a short centred line sits under a long one ("… HÀNH CHÍNH VÀ DỊCH VỤ CÔNG …" over
 * "ĐẮK LẮK" in a title), Tesseract's line finder can join the two into one row; the words it
 * then reads there are nonsense ("B IÀ"), given confidence 0, and stand about two lines tall.
 * Tesseract says itself that it failed there, so that region — and only that — is read again
 * as a block of its own lines (psm 6), and each line read is put back into the page line whose
 * height band it lies in. Words the page already has (overlapping boxes) are not added twice,
 * nor are pieces of neighbouring words the crop cut through.
 * The re-read is kept only when Tesseract is confident of it.
 */
import type { OcrWord } from '../../core/document.js';
import { lineText, meanConfidence, median, round1, shiftedWords, type OcrPageResult } from './result.js';
import { pgm, type GreyImage } from './downscale.js';

/** Confidence at or below which Tesseract has given a word up. */
const GIVEN_UP = 5;
/** A given-up word this many times the page's median word height spans two lines. */
const TWO_LINES_TALL = 1.8;
/** Padding around the region read again, in median word heights. */
const PAD = 0.3;
/** At most this many regions per page are read again, the tallest first: a page of smudges
 * must not cost a page of extra reads. */
const MAX_REGIONS = 5;
/** A region larger than this share of the page is no pair of joined lines. */
const MAX_REGION_SHARE = 0.1;
/** Pixels from the region's side within which a word read again was cut by the crop. */
const EDGE = 1;
/** Mean confidence the second reading must reach to be used. */
const MIN_REREAD_CONFIDENCE = 60;

type Box = [number, number, number, number];

export interface MergedRegion {
  /** Page line the given-up words were put on. */
  line: number;
  words: OcrWord[];
  /** Region to read again ([x0, y0, x1, y1], padded, inside the image). */
  box: Box;
}

export interface LineFix {
  line: number;
  from: string;
  to: string;
}

/** Runs of adjacent given-up, two-lines-tall words on one line, with the region to re-read. */
export function mergedLineRegions(result: OcrPageResult, size: { width: number; height: number }): MergedRegion[] {
  const typical = median(result.words.map((w) => w.bbox[3] - w.bbox[1]));
  if (!(typical > 0)) return [];
  const suspect = (w: OcrWord) => w.confidence <= GIVEN_UP && w.bbox[3] - w.bbox[1] >= TWO_LINES_TALL * typical;
  const regions: MergedRegion[] = [];
  let run: OcrWord[] = [];
  const close = () => {
    if (run.length === 0) return;
    const pad = Math.round(PAD * typical);
    const box: Box = [
      Math.max(0, Math.min(...run.map((w) => w.bbox[0])) - pad), Math.max(0, Math.min(...run.map((w) => w.bbox[1])) - pad),
      Math.min(size.width, Math.max(...run.map((w) => w.bbox[2])) + pad), Math.min(size.height, Math.max(...run.map((w) => w.bbox[3])) + pad),
    ];
    regions.push({ line: run[0]!.line, words: run, box });
    run = [];
  };
  for (const w of result.words) {
    if (suspect(w) && (run.length === 0 || run[0]!.line === w.line)) run.push(w);
    else { close(); if (suspect(w)) run.push(w); }
  }
  close();
  const area = (b: Box) => (b[2] - b[0]) * (b[3] - b[1]);
  const height = (r: MergedRegion) => r.box[3] - r.box[1];
  return regions
    .filter((r) => area(r.box) <= MAX_REGION_SHARE * size.width * size.height)
    .sort((a, b) => height(b) - height(a) || a.line - b.line)
    .slice(0, MAX_REGIONS)
    .sort((a, b) => a.line - b.line || a.box[0] - b.box[0]);
}

/** `image` cut to `box`, as a PGM. */
export function cropPgm(image: GreyImage, box: Box): Uint8Array {
  const [x0, y0, x1, y1] = box.map(Math.round) as Box;
  const w = x1 - x0, h = y1 - y0;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(image.data.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x1), y * w);
  return pgm(out, w, h);
}

/**
 * The page with each merged region read again by `read` (a psm-6 OCR of a PGM) and its lines
 * put back where they belong; regions whose second reading is not confident stay as read.
 */
export async function withMergedLinesReread(
  result: OcrPageResult,
  image: GreyImage,
  read: (pgmImage: Uint8Array) => Promise<OcrPageResult>,
): Promise<{ result: OcrPageResult; fixes: LineFix[] }> {
  const regions = mergedLineRegions(result, image);
  if (regions.length === 0) return { result, fixes: [] };
  const dropped = new Set(regions.flatMap((r) => r.words));
  const byLine = new Map<number, OcrWord[]>();
  for (const w of result.words) if (!dropped.has(w)) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const touched = new Set<number>();
  // Words join a line in left-to-right order, whichever reading they come from.
  const addTo = (line: number, ws: OcrWord[]) => byLine.set(line, [...(byLine.get(line) ?? []), ...ws].sort((a, b) => a.bbox[0] - b.bbox[0]));
  for (const region of regions) {
    const again = await read(cropPgm(image, region.box));
    if (again.words.length === 0 || again.confidence < MIN_REREAD_CONFIDENCE) {
      addTo(region.line, region.words);
      continue;
    }
    const [dx, dy, right] = region.box;
    // A word touching the region's left or right side is a neighbour cut by the crop ("V" of "VỤ").
    const whole = again.words.filter((w) => w.bbox[0] > EDGE && w.bbox[2] < right - dx - EDGE);
    const moved = shiftedWords(whole, dx, dy);
    for (const readLine of new Set(moved.map((w) => w.line))) {
      const words = moved.filter((w) => w.line === readLine);
      const centre = median(words.map((w) => (w.bbox[1] + w.bbox[3]) / 2));
      const target = lineAt(centre, byLine, region.line);
      if (target === undefined) continue;
      const present = byLine.get(target) ?? [];
      const added = words.filter((w) => !present.some((p) => overlapsMostly(p.bbox, w.bbox))).map((w) => ({ ...w, line: target }));
      if (added.length === 0) continue;
      addTo(target, added);
      touched.add(target);
    }
    if (!touched.has(region.line)) addTo(region.line, region.words);
  }
  if (touched.size === 0) return { result, fixes: [] };
  const fixes: LineFix[] = [];
  const lines = result.lines.map((text, i) => {
    if (!touched.has(i + 1)) return text;
    const to = lineText(byLine.get(i + 1)!);
    fixes.push({ line: i + 1, from: text, to });
    return to;
  });
  const words = result.lines.flatMap((_, i) => byLine.get(i + 1) ?? []);
  const confidence = round1(meanConfidence(words));
  return { result: { lines, words, confidence }, fixes };
}

/** The page line whose height band (its words' median top to median bottom) holds `y`;
 * `preferred` first, then the others. */
function lineAt(y: number, byLine: Map<number, OcrWord[]>, preferred: number): number | undefined {
  const holds = (line: number) => {
    const ws = byLine.get(line);
    return !!ws?.length && median(ws.map((w) => w.bbox[1])) <= y && y <= median(ws.map((w) => w.bbox[3]));
  };
  if (holds(preferred)) return preferred;
  return [...byLine.keys()].find(holds);
}

/** Whether the boxes share more than half of the narrower one's width (and overlap in height). */
function overlapsMostly(a: Box, b: Box): boolean {
  const shared = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const vertical = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return vertical > 0 && shared > 0.5 * Math.min(a[2] - a[0], b[2] - b[0]);
}
