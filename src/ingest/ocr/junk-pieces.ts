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

/** The page with each junk piece replaced by its reading as one line where that reads clearly better; the pieces replaced. */
export async function withJunkPiecesReread(
  result: OcrPageResult,
  image: GreyImage,
  read: (pgmImage: Uint8Array) => Promise<OcrPageResult>,
  pieces: JunkPiece[] = junkPieces(result, image),
): Promise<{ result: OcrPageResult; fixes: { line: number; from: string; to: string }[] }> {
  let words = result.words;
  const lines = [...result.lines];
  const fixes: { line: number; from: string; to: string }[] = [];
  for (const piece of pieces) {
    const again = await read(cropPgm(image, piece.box));
    const got = shiftedWords(again.words.filter((w) => w.text.trim()), piece.box[0], piece.box[1]).sort((a, b) => a.bbox[0] - b.bbox[0]);
    if (!isBetter(piece.words, got)) continue;
    const from = lineText(piece.words), to = lineText(got);
    // The second reading takes the first's place in the word list; the line's other words stay as they are.
    const at = Math.min(...piece.words.map((w) => words.indexOf(w)));
    const kept = words.filter((w) => !piece.words.includes(w));
    words = [...kept.slice(0, at), ...got.map((w) => ({ ...w, line: piece.line })), ...kept.slice(at)];
    const text = lines[piece.line - 1]!;
    lines[piece.line - 1] = text.includes(from) ? text.replace(from, to) : lineText(words.filter((w) => w.line === piece.line).sort((a, b) => a.bbox[0] - b.bbox[0]));
    fixes.push({ line: piece.line, from, to });
  }
  if (fixes.length === 0) return { result, fixes };
  const confidence = round1(meanConfidence(words));
  return { result: { lines, words, confidence }, fixes };
}

/** The second reading is confident, clearly more so than the first, has letters, and keeps every confident word of the first. */
function isBetter(first: readonly OcrWord[], second: readonly OcrWord[]): boolean {
  if (second.filter((w) => /\p{L}{2}/u.test(w.text)).length < 2) return false;
  const mean = meanConfidence;
  if (mean(second) < Math.max(ACCEPT_CONFIDENCE, mean(first) + ACCEPT_GAIN)) return false;
  const texts = new Set(second.map((w) => w.text));
  return first.every((w) => w.confidence < LEGIBLE || !/\p{L}/u.test(w.text) || texts.has(w.text));
}
