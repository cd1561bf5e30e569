/**
 * Tesseract's reading of a page, flattened into the working document's page shape: visual lines
 * (no blank lines between blocks) and words with confidence and bbox.
 */
import type { OcrWord } from '../../core/document.js';

/**
 * A gap wider than this many word heights separates two columns on one visual line (issuer |
 * national motto in a header row); it is written as two spaces, as in the ground-truth layout
 * text, while justified prose never stretches a space that far.
 */
const COLUMN_GAP = 2;

export interface OcrPageResult {
  /** Visual lines in reading order, NFC; words joined by one space, columns by two. */
  lines: string[];
  /** Every word, with its 1-based line index into `lines`. */
  words: OcrWord[];
  /** Mean word confidence 0..100 (0 when nothing was read). */
  confidence: number;
  /** Every character with its own box, in reading order; only when asked for (RecognizeOptions.symbols). */
  symbols?: OcrSymbol[];
}

/** One character as Tesseract placed it (its LSTM's character box). */
export interface OcrSymbol {
  text: string;
  /** 0..100. */
  confidence: number;
  /** [x0, y0, x1, y1] in the image's pixels. */
  bbox: [number, number, number, number];
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** The characters of an hOCR page written with hocr_char_boxes=1 (native tesseract: `ocrx_cinfo` spans). */
export function symbolsFromHocr(hocr: string): OcrSymbol[] {
  const out: OcrSymbol[] = [];
  for (const m of hocr.matchAll(/<span class='ocrx_cinfo' title='x_bboxes (\d+) (\d+) (\d+) (\d+); x_conf ([\d.]+)'>([^<]*)<\/span>/g)) {
    const text = m[6]!.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => HTML_ENTITIES[e]!).normalize('NFC');
    if (text.trim() === '') continue;
    out.push({ text, confidence: Math.max(0, Math.floor(Number(m[5]))), bbox: [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] });
  }
  return out;
}

/**
 * A page from Tesseract's TSV output (one row per block, paragraph, line and word; a word row is
 * level 5: page, block, paragraph, line, word, left, top, width, height, confidence, text).
 * TSV, not tesseract.js's JSON tree of blocks, which carries every symbol with its choices: on
 * two level-1 devset pages, 4 interleaved rounds, blocks took 2.97–3.21 CPU s per page, TSV
 * 2.85–2.91 (plain text 2.74–2.86, but it has no boxes). Word confidences are kept as whole
 * numbers, as the JSON gave them (floored), so corrections measured with them hold.
 */
export function fromTsv(tsv: string | null | undefined): OcrPageResult {
  const lines: string[] = [];
  const words: OcrWord[] = [];
  let current: OcrWord[] = [];
  let currentKey = '';
  const flush = () => {
    if (current.length === 0) return;
    lines.push(lineText(current));
    words.push(...current);
    current = [];
  };
  for (const row of (tsv ?? '').split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = f.slice(11).join('\t').trim().normalize('NFC');
    if (text === '') continue;
    const key = `${f[1]}.${f[2]}.${f[3]}.${f[4]}`;
    if (key !== currentKey) { flush(); currentKey = key; }
    const [left, top, width, height] = [f[6], f[7], f[8], f[9]].map(Number) as [number, number, number, number];
    current.push({ text, confidence: Math.max(0, Math.floor(Number(f[10]))), bbox: [left, top, left + width, top + height], line: lines.length + 1 });
  }
  flush();
  const confidence = round1(meanConfidence(words));
  return { lines, words, confidence };
}

/** A line's words joined by one space, or by two across a column gap. */
export function lineText(words: Pick<OcrWord, 'text' | 'bbox'>[]): string {
  const height = median(words.map((w) => w.bbox[3] - w.bbox[1]));
  let text = '';
  words.forEach((w, k) => {
    const gap = k === 0 ? 0 : w.bbox[0] - words[k - 1]!.bbox[2];
    text += k === 0 ? w.text : (gap > COLUMN_GAP * height ? '  ' : ' ') + w.text;
  });
  return text;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** The words' mean confidence (0 for none). */
export const meanConfidence = (ws: readonly { confidence: number }[]) => (ws.length ? ws.reduce((s, w) => s + w.confidence, 0) / ws.length : 0);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

/** Words read on a crop, moved into the page's pixels (the crop's top-left corner at dx, dy). */
export function shiftedWords<T extends { bbox: [number, number, number, number] }>(words: readonly T[], dx: number, dy: number): T[] {
  return words.map((w) => ({ ...w, bbox: [w.bbox[0] + dx, w.bbox[1] + dy, w.bbox[2] + dx, w.bbox[3] + dy] }));
}
