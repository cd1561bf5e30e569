/**
 * The restored words of an OCR'd page, each at the box where OCR read it. `text.restored` keeps
 * the lines of `text.original` (pages joined by form feeds), and an OCR page's line is its words
 * joined by spaces, so a restored line with as many words as OCR read there pairs them one to
 * one. A line whose count differs (a word split or joined) spreads its restored words over the
 * line's box in proportion to their length, so every restored word is still in the layer, in
 * reading order. A line OCR gave no boxes for goes just below the line before it.
 */
import type { DocumentResult } from '../core/schema.js';

export type Box = [number, number, number, number];

export interface PlacedWord {
  text: string;
  /** Left, top, right, bottom in the pixels of the page image OCR read. */
  bbox: Box;
}

type Page = DocumentResult['pages'][number];

/** The text lines of page `index` (0-based) to put on it: restored when restoration ran. */
export function pageTextLines(result: DocumentResult, index: number): string[] {
  const page = result.pages[index]!;
  const restored = result.text.restored?.split('\f')[index]?.split('\n');
  // A restored page that lost its line structure is not trusted to pair with the boxes.
  return restored && restored.length === page.lines.length ? restored : page.lines;
}

/** One array of placed words per text line of an OCR page, in reading order. */
export function placedLines(result: DocumentResult, index: number): PlacedWord[][] {
  const page = result.pages[index]!;
  const lines = pageTextLines(result, index);
  const out: PlacedWord[][] = [];
  let previous: Box | undefined;
  lines.forEach((line, k) => {
    const tokens = line.split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return;
    const boxes = (page.words ?? []).filter((w) => w.line === k + 1 && w.text.trim() !== '').map((w) => w.bbox as Box);
    let placed: PlacedWord[];
    if (boxes.length === tokens.length) placed = tokens.map((text, i) => ({ text, bbox: boxes[i]! }));
    else if (boxes.length > 0) placed = spread(tokens, union(boxes));
    else placed = spread(tokens, below(previous, page));
    previous = union(placed.map((w) => w.bbox));
    out.push(placed);
  });
  return out;
}

function union(boxes: Box[]): Box {
  return [
    Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3])),
  ];
}

/** A line's box under `previous` (or at the top of the page's word area). */
function below(previous: Box | undefined, page: Page): Box {
  if (previous) {
    const h = previous[3] - previous[1];
    return [previous[0], previous[3] + h * 0.3, previous[2], previous[3] + h * 1.3];
  }
  const words = page.words ?? [];
  if (words.length) {
    const all = union(words.map((w) => w.bbox as Box));
    const h = Math.max(1, ...words.map((w) => w.bbox[3] - w.bbox[1]));
    return [all[0], all[1], all[2], all[1] + h];
  }
  return [0, 0, 1000, 40];
}

/** Words laid left to right over `box`, each as wide as its share of the letters. */
function spread(tokens: string[], box: Box): PlacedWord[] {
  const gap = 1; // a space counts as one letter
  const total = tokens.reduce((n, t) => n + [...t].length, 0) + gap * (tokens.length - 1);
  const unit = (box[2] - box[0]) / Math.max(total, 1);
  let x = box[0];
  return tokens.map((text) => {
    const w = [...text].length * unit;
    const word: PlacedWord = { text, bbox: [x, box[1], x + w, box[3]] };
    x += w + gap * unit;
    return word;
  });
}
