/**
 * Pieces of a line where the page holds ink but OCR gave only junk: a position line under a seal
 * ("TRƯỞNG: XƯÓNG CTS5" for "TRƯỞNG PHÒNG CTSV"), where the seal's rim and the signature's strokes
 * made Tesseract's layout analysis cut the line wrong. Read alone, as one line (psm 7), from the
 * same prepared image (red ink already lifted), such a piece often reads whole. Only pieces where
 * nothing is legible qualify, a few a page, so the cost stays a handful of small crops; a second
 * reading replaces the first only when it reads clearly better and keeps every confident word of
 * the first (nothing legible in the first reading is ever dropped).
 */
import type { OcrWord } from '../../core/document.js';
import { cropPgm } from './merged-lines.js';
import { lineText, meanConfidence, median, round1, shiftedWords, type OcrPageResult } from './result.js';
import type { GreyImage } from './downscale.js';

type Box = [number, number, number, number];

/** A piece qualifies when its words' mean confidence is below this (nothing legible). */
const JUNK_CONFIDENCE = 60;
/** Its second reading is taken at this mean confidence or more, and this much above the first. */
const ACCEPT_CONFIDENCE = 75, ACCEPT_GAIN = 15;
/** A word of the first reading this confident must be in the second one, or it is not taken. */
const LEGIBLE = 80;
/** At most this many pieces are read again on a page (the least confident first). */
export const MAX_PIECES = 4;
/** Words further apart than this many word heights are two pieces (columns) of one line. */
const PIECE_GAP = 2;
/** Lines with the header's blanks (number, date) are the pen reader's (src/ingest/pen/), not this. */
const FILL_IN_LINE = /\b(S[ốổôo6]|ngày|tháng|năm)\b/iu;

export interface JunkPiece {
  line: number;
  words: OcrWord[];
  box: Box;
}

/** Line pieces of at least two words of letters where OCR read nothing legible, least confident first. */
export function junkPieces(result: OcrPageResult, size: { width: number; height: number }): JunkPiece[] {
  if (result.words.length === 0) return [];
  const h = median(result.words.map((w) => w.bbox[3] - w.bbox[1]));
  const pieces: JunkPiece[] = [];
  result.lines.forEach((text, k) => {
    if (FILL_IN_LINE.test(text)) return;
    const ws = result.words.filter((w) => w.line === k + 1).sort((a, b) => a.bbox[0] - b.bbox[0]);
    let run: OcrWord[] = [];
    const close = () => {
      const letters = run.filter((w) => /\p{L}{2}/u.test(w.text));
      const mean = meanConfidence(run);
      const box: Box = [Math.min(...run.map((w) => w.bbox[0])), Math.min(...run.map((w) => w.bbox[1])), Math.max(...run.map((w) => w.bbox[2])), Math.max(...run.map((w) => w.bbox[3]))];
      if (letters.length >= 2 && mean < JUNK_CONFIDENCE && box[3] - box[1] <= 3 * h && box[2] - box[0] >= 3 * h) {
        // Padded by a little of a line above and below and a word height on each side.
        const pad: Box = [Math.max(0, box[0] - h), Math.max(0, box[1] - 0.3 * h), Math.min(size.width, box[2] + h), Math.min(size.height, box[3] + 0.3 * h)];
        pieces.push({ line: k + 1, words: run, box: pad.map(Math.round) as Box });
      }
      run = [];
    };
    for (const w of ws) {
      if (run.length && w.bbox[0] - run.at(-1)!.bbox[2] > PIECE_GAP * h) close();
      run.push(w);
    }
    if (run.length) close();
  });
  const mean = (p: JunkPiece) => meanConfidence(p.words);
  return pieces.sort((a, b) => mean(a) - mean(b)).slice(0, MAX_PIECES);
}

export interface JunkFix {
  line: number;
  from: string;
  to: string;
  /** Set when the piece was left out: what the second reading read, words other lines already hold at that place. */
  ghostOf?: string;
}

/** The page with each junk piece replaced by its reading as one line where that reads clearly better; the pieces replaced. */
export async function withJunkPiecesReread(
  result: OcrPageResult,
  image: GreyImage,
  read: (pgmImage: Uint8Array) => Promise<OcrPageResult>,
  pieces: JunkPiece[] = junkPieces(result, image),
): Promise<{ result: OcrPageResult; fixes: JunkFix[] }> {
  let words = result.words;
  const lines = [...result.lines];
  const fixes: JunkFix[] = [];
  for (const piece of pieces) {
    const again = await read(cropPgm(image, piece.box));
    const reading = shiftedWords(again.words.filter((w) => w.text.trim()), piece.box[0], piece.box[1]).sort((a, b) => a.bbox[0] - b.bbox[0]);
    // Words of the page outside the piece that hold text (not a seal's specks, "Š|"): the padded crop
    // reaches into the lines around it.
    const others = words.filter((w) => !piece.words.includes(w) && w.confidence >= JUNK_CONFIDENCE && /\p{L}{2}/u.test(w.text));
    const fresh = reading.filter((w) => !others.some((o) => sharesPlace(w.bbox, o.bbox)));
    // A clear reading of words the page already holds, and no other word: the piece was their ink
    // read a second time (a motto's underline read with the motto's lower half), so it goes, unless
    // a word of it is legible or it lies mostly apart from the words already read.
    const ghost = !fresh.some((w) => /\p{L}{2}/u.test(w.text)) && isBetter(piece.words, reading) && isGhost(piece.words, others);
    if (!ghost && !isBetter(piece.words, fresh)) continue;
    const got = ghost ? [] : fresh;
    const from = lineText(piece.words), to = lineText(got);
    // The second reading takes the first's place in the word list; the line's other words stay as they are.
    const at = Math.min(...piece.words.map((w) => words.indexOf(w)));
    const kept = words.filter((w) => !piece.words.includes(w));
    words = [...kept.slice(0, at), ...got.map((w) => ({ ...w, line: piece.line })), ...kept.slice(at)];
    const text = lines[piece.line - 1]!;
    lines[piece.line - 1] = text.includes(from) ? text.replace(from, to).trim() : lineText(words.filter((w) => w.line === piece.line).sort((a, b) => a.bbox[0] - b.bbox[0]));
    fixes.push({ line: piece.line, from, to, ...(ghost ? { ghostOf: lineText(reading) } : {}) });
  }
  if (fixes.length === 0) return { result, fixes };
  const confidence = round1(meanConfidence(words));
  return { result: { lines, words, confidence }, fixes };
}

/** Two word boxes at the same place: their overlap is at least this share of the smaller one (OCR's boxes for one word differ between readings). */
const SAME_PLACE = 0.4;

function sharesPlace(a: Box, b: Box): boolean {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return false;
  const area = (r: Box) => Math.max(1, (r[2] - r[0]) * (r[3] - r[1]));
  return w * h >= SAME_PLACE * Math.min(area(a), area(b));
}

/** A piece whose words are none legible and whose words of letters mostly lie over words the page already holds. */
function isGhost(piece: readonly OcrWord[], others: readonly OcrWord[]): boolean {
  if (piece.some((w) => w.confidence >= LEGIBLE)) return false;
  const letters = piece.filter((w) => /\p{L}/u.test(w.text));
  const over = letters.filter((w) => others.some((o) => sharesPlace(w.bbox, o.bbox)));
  return letters.length > 0 && over.length * 2 > letters.length;
}

/** The second reading is confident, clearly more so than the first, has letters, and keeps every confident word of the first. */
function isBetter(first: readonly OcrWord[], second: readonly OcrWord[]): boolean {
  if (second.filter((w) => /\p{L}{2}/u.test(w.text)).length < 2) return false;
  const mean = meanConfidence;
  if (mean(second) < Math.max(ACCEPT_CONFIDENCE, mean(first) + ACCEPT_GAIN)) return false;
  const texts = new Set(second.map((w) => w.text));
  return first.every((w) => w.confidence < LEGIBLE || !/\p{L}/u.test(w.text) || texts.has(w.text));
}
