/**
 * Red stamp print beside a red seal: some offices stamp the signer's position ("PHÓ HIỆU
 * TRƯỞNG") and name in the seal's red ink. The seal lift (red-ink.ts) makes every red pixel as
 * light as the paper, so those lines go with the seal. Here the red ink alone is looked at: the
 * seal is its largest round blob (ring and the text inside it), and what red lies outside that
 * circle, in bands of rows with the height of the page's print and the letters standing on one
 * straight baseline, is print-like text: each such band is read (red ink black on white, one
 * line) and added to the page as a line of its own, named in `redLines` so segment can flag
 * what only the red ink says. A band that runs into the seal's circle lost its words under the
 * ring ("PHÓ" under it, "HIỆU TRƯỞNG" beside it): it is not added, a position read from it would
 * be another one. The seal's own text (inside the circle) is never read here.
 */
import type { OcrWord } from '../../core/document.js';
import { pgm, type GreyImage } from './downscale.js';
import { meanConfidence, median, shiftedWords, type OcrPageResult } from './result.js';

type Box = [number, number, number, number];

/** The seal: a blob at least this many print heights across, about as tall as wide. */
const SEAL_MIN_SPAN = 5;
/** Ink this far out of the seal's radius still belongs to its ring (a ragged edge). */
const RING_SLACK = 1.06;
/** A band this close to the circle (share of the radius) runs into the seal. */
const CUT_SLACK = 1.15;
/** A text band stands this many print heights tall at most, and this share of one at least. */
const MAX_BAND = 2.6, MIN_BAND = 0.5;
/** Letters of one line: their bottoms lie within this share of a print height of their median. */
const BASELINE_SPREAD = 0.25;
/** At least this many letters on the baseline (a line, not a flourish). */
const MIN_LETTERS = 4;
/** A band read is added at this mean confidence, with a word of two letters. */
const MIN_CONFIDENCE = 60;

interface Blob { x0: number; y0: number; x1: number; y1: number; n: number }

/** Connected blobs (8-neighbours) of the mask's ink within `box`, each pixel kept to its blob when `labels` is given. */
function blobs(mask: GreyImage, box: Box, keep: (x: number, y: number) => boolean = () => true): Blob[] {
  const [bx0, by0, bx1, by1] = box;
  const w = bx1 - bx0, h = by1 - by0;
  const seen = new Uint8Array(w * h);
  const out: Blob[] = [];
  const stack: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const k = y * w + x;
    if (seen[k] || !mask.data[(by0 + y) * mask.width + bx0 + x] || !keep(bx0 + x, by0 + y)) continue;
    const b: Blob = { x0: x, y0: y, x1: x, y1: y, n: 0 };
    seen[k] = 1;
    stack.push(k);
    while (stack.length) {
      const q = stack.pop()!;
      const qx = q % w, qy = (q - qx) / w;
      b.n++;
      if (qx < b.x0) b.x0 = qx; if (qx > b.x1) b.x1 = qx; if (qy < b.y0) b.y0 = qy; if (qy > b.y1) b.y1 = qy;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = qx + dx, ny = qy + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const nk = ny * w + nx;
        if (seen[nk] || !mask.data[(by0 + ny) * mask.width + bx0 + nx] || !keep(bx0 + nx, by0 + ny)) continue;
        seen[nk] = 1;
        stack.push(nk);
      }
    }
    out.push({ x0: b.x0 + bx0, y0: b.y0 + by0, x1: b.x1 + bx0 + 1, y1: b.y1 + by0 + 1, n: b.n });
  }
  return out;
}

export interface Seal { cx: number; cy: number; r: number }

/** The seal: the widest red blob at least SEAL_MIN_SPAN print heights across and about round, or null. */
export function findSeal(mask: GreyImage, printHeight: number): Seal | null {
  const round = blobs(mask, [0, 0, mask.width, mask.height])
    .filter((b) => { const w = b.x1 - b.x0, h = b.y1 - b.y0; return w >= SEAL_MIN_SPAN * printHeight && h >= 0.75 * w && h <= 1.33 * w; })
    .sort((a, b) => (b.x1 - b.x0) - (a.x1 - a.x0))[0];
  return round ? { cx: (round.x0 + round.x1) / 2, cy: (round.y0 + round.y1) / 2, r: Math.max(round.x1 - round.x0, round.y1 - round.y0) / 2 } : null;
}

export interface RedBand { box: Box; cut: boolean }

/**
 * Bands of red print-like text near the seal (left of it by a diameter, right to the page's edge,
 * a radius above it to two diameters below): rows of red ink outside the seal's circle, as tall as
 * print, whose letters stand on one baseline. `cut`: the band runs into the circle.
 */
export function redPrintBands(mask: GreyImage, seal: Seal, printHeight: number): RedBand[] {
  const outside = (x: number, y: number) => (x - seal.cx) ** 2 + (y - seal.cy) ** 2 > (seal.r * RING_SLACK) ** 2;
  const region: Box = [Math.max(0, Math.round(seal.cx - 3 * seal.r)), Math.max(0, Math.round(seal.cy - 2 * seal.r)), mask.width, Math.min(mask.height, Math.round(seal.cy + 5 * seal.r))];
  const rows: number[] = [];
  for (let y = region[1]; y < region[3]; y++) {
    let n = 0;
    for (let x = region[0]; x < region[2]; x++) if (mask.data[y * mask.width + x] && outside(x, y)) n++;
    rows.push(n);
  }
  const bands: RedBand[] = [];
  for (let i = 0; i < rows.length;) {
    if (!rows[i]) { i++; continue; }
    let j = i;
    // A band: rows with ink, gaps under a fifth of a print height bridged (a mark over a letter).
    while (j < rows.length && (rows[j] || rows.slice(j, j + Math.ceil(printHeight / 5)).some(Boolean))) j++;
    const y0 = region[1] + i, y1 = region[1] + j;
    i = j;
    if (y1 - y0 < MIN_BAND * printHeight || y1 - y0 > MAX_BAND * printHeight) continue;
    const parts = blobs(mask, [region[0], y0, region[2], y1], outside);
    // Letters: blobs at least half a print height tall (marks and specks aside).
    const letters = parts.filter((b) => b.y1 - b.y0 >= 0.5 * printHeight && b.y1 - b.y0 <= 1.6 * printHeight);
    if (letters.length < MIN_LETTERS) continue;
    const base = median(letters.map((b) => b.y1));
    const onLine = letters.filter((b) => Math.abs(b.y1 - base) <= BASELINE_SPREAD * printHeight);
    if (onLine.length < Math.max(MIN_LETTERS, 0.7 * letters.length)) continue;
    const x0 = Math.min(...parts.map((b) => b.x0)), x1 = Math.max(...parts.map((b) => b.x1));
    const near = (x: number, y: number) => (x - seal.cx) ** 2 + (y - seal.cy) ** 2 <= (seal.r * CUT_SLACK) ** 2;
    const cut = parts.some((b) => near(b.x0, (b.y0 + b.y1) / 2) || near(b.x1, (b.y0 + b.y1) / 2) || near(b.x0, b.y1) || near(b.x1, b.y1));
    bands.push({ box: [x0, y0, x1, y1], cut });
  }
  return bands;
}

/** A band's red ink black on white, padded, as a PGM for a one-line reading. */
export function bandImage(mask: GreyImage, box: Box, pad: number): { image: Uint8Array; origin: [number, number] } {
  const x0 = Math.max(0, box[0] - pad), y0 = Math.max(0, box[1] - pad), x1 = Math.min(mask.width, box[2] + pad), y1 = Math.min(mask.height, box[3] + pad);
  const w = x1 - x0, h = y1 - y0, out = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (mask.data[(y0 + y) * mask.width + x0 + x]) out[y * w + x] = 0;
  return { image: pgm(out, w, h), origin: [x0, y0] };
}

/**
 * The page's red print lines beside its seal, read and added as lines of their own, after the line
 * above them (by their place on the page); `added` their texts and new line numbers, `left` the
 * bands read that ran into the seal (not added).
 */
export async function withRedPrintLines(
  result: OcrPageResult,
  mask: GreyImage,
  read: (pgmImage: Uint8Array) => Promise<OcrPageResult>,
): Promise<{ result: OcrPageResult; added: { line: number; text: string }[]; left: string[]; renumber: (line: number) => number }> {
  const none = { result, added: [], left: [], renumber: (l: number) => l };
  if (result.words.length === 0) return none;
  const printHeight = median(result.words.filter((w) => /\p{L}{2}/u.test(w.text)).map((w) => w.bbox[3] - w.bbox[1]));
  const seal = printHeight > 0 ? findSeal(mask, printHeight) : null;
  if (!seal) return none;
  const found: OcrWord[][] = [], left: string[] = [];
  for (const band of redPrintBands(mask, seal, printHeight)) {
    const { image, origin } = bandImage(mask, band.box, Math.round(printHeight / 2));
    const again = await read(image);
    const ws = shiftedWords(again.words, origin[0], origin[1]).filter((w) => /\p{L}|\d/u.test(w.text));
    const text = ws.map((w) => w.text).join(' ');
    if (ws.length === 0 || meanConfidence(ws) < MIN_CONFIDENCE || !ws.some((w) => /\p{L}{2}/u.test(w.text))) continue;
    if (band.cut) { left.push(text); continue; }
    found.push(ws);
  }
  if (found.length === 0) return { ...none, left };
  // Each line goes after the last line of the page whose words lie above its middle.
  const tops = result.lines.map((_, k) => {
    const ws = result.words.filter((w) => w.line === k + 1);
    return ws.length ? Math.min(...ws.map((w) => (w.bbox[1] + w.bbox[3]) / 2)) : -Infinity;
  });
  const placed = found.map((ws) => {
    const mid = (Math.min(...ws.map((w) => w.bbox[1])) + Math.max(...ws.map((w) => w.bbox[3]))) / 2;
    let at = 0;
    tops.forEach((t, k) => { if (t < mid) at = k + 1; });
    return { ws, at, mid };
  }).sort((a, b) => a.at - b.at || a.mid - b.mid);
  const lines: string[] = [], renumber = new Map<number, number>(), words: OcrWord[] = [], added: { line: number; text: string }[] = [];
  let next = 0;
  for (let k = 0; k <= result.lines.length; k++) {
    if (k > 0) renumber.set(k, lines.push(result.lines[k - 1]!));
    for (; next < placed.length && placed[next]!.at === k; next++) {
      const text = placed[next]!.ws.map((w) => w.text).join(' ');
      const line = lines.push(text);
      added.push({ line, text });
      for (const w of placed[next]!.ws) words.push({ ...w, line });
    }
  }
  return { result: { lines, words: [...result.words.map((w) => ({ ...w, line: renumber.get(w.line) ?? w.line })), ...words], confidence: result.confidence }, added, left, renumber: (l) => renumber.get(l) ?? l };
}
