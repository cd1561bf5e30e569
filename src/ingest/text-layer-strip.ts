/**
 * The second test of a scanner's text layer (issue 14, item 2): does it agree with OCR of a strip
 * of the page image under it? A layer can read as Vietnamese and still not be this page's text,
 * or be a poor reading of it (an old Vietnamese OCR, a layer shifted from another page). A band
 * of the page (an eighth of its height, across the body) is OCR'd, and the pairs of neighbouring
 * words read there with confidence are looked up in the layer. Pairs, not words: every page of
 * a report has "của", "các", "ủy ban"; on the devset scans another document's text held 51–74 %
 * of a band's words but 14–29 % of its pairs, the page's own text 100 %. A layer holding fewer
 * than half of them is not trusted, and the whole page is OCR'd instead.
 */
import sharp from 'sharp';
import type { OcrPool } from './ocr/pool.js';

/** The band OCR'd: from this share of the page height, this tall. Body text, below the header. */
const BAND_TOP = 0.35;
const BAND_HEIGHT = 0.125;
/** A page image shorter than this (a slip, a strip) is OCR'd whole. */
const MIN_BANDED_HEIGHT = 1200;
/** OCR words taken as evidence: Tesseract's confidence at least this, two letters or more. */
const MIN_WORD_CONFIDENCE = 70;
/** Fewer evidence pairs than this (a blank band, a figure) decide nothing. */
export const MIN_STRIP_PAIRS = 10;
/** Under this share of the band's word pairs in the layer, the layer is not this page's text. */
export const MIN_AGREEMENT = 0.5;

export interface StripAgreement {
  /** Pairs of neighbouring words OCR read in the band with confidence. */
  pairs: number;
  /** Of those, how many the layer has. */
  found: number;
  agreement: number;
}

const wordsOf = (text: string) => text.normalize('NFC').toLowerCase().match(/\p{L}[\p{L}\p{M}]+/gu) ?? [];
const pairsOf = (words: string[]) => words.slice(1).map((w, i) => `${words[i]} ${w}`);

/**
 * How much of what OCR reads in the band the layer has. The band's words are taken line by line
 * (Tesseract's line numbers), unsure words break a pair.
 */
export function stripAgreement(layerText: string, stripWords: readonly { text: string; confidence: number; line: number }[]): StripAgreement {
  const layer = new Set(layerText.split('\n').flatMap((l) => pairsOf(wordsOf(l))));
  // The layer's line ends are the band's too, but a pair across a layer line break still counts.
  for (const p of pairsOf(wordsOf(layerText))) layer.add(p);
  const evidence: string[] = [];
  let run: string[] = [], line = -1;
  const flush = () => { evidence.push(...pairsOf(run)); run = []; };
  for (const w of stripWords) {
    if (w.line !== line) { flush(); line = w.line; }
    const parts = wordsOf(w.text);
    if (w.confidence < MIN_WORD_CONFIDENCE || parts.length === 0) { flush(); continue; }
    run.push(...parts);
  }
  flush();
  const found = evidence.filter((p) => layer.has(p)).length;
  return { pairs: evidence.length, found, agreement: evidence.length ? found / evidence.length : 1 };
}

/** The band of the page image to OCR (PNG, grey), or the whole image when the page is short. */
export async function bandOf(image: Uint8Array): Promise<Uint8Array> {
  const img = sharp(image, { failOn: 'none' });
  const { width = 0, height = 0 } = await img.metadata();
  if (height < MIN_BANDED_HEIGHT) return new Uint8Array(await img.grayscale().png().toBuffer());
  const top = Math.round(height * BAND_TOP), h = Math.round(height * BAND_HEIGHT);
  return new Uint8Array(await img.extract({ left: 0, top, width, height: h }).grayscale().png().toBuffer());
}

/**
 * Why the layer is not trusted, or null when it agrees (or the band says too little to judge).
 * A band that cannot be read leaves the layer trusted: it passed the Vietnamese test already.
 */
export async function layerDisagreesWithImage(layerText: string, image: Uint8Array, pool: OcrPool): Promise<string | null> {
  let words: { text: string; confidence: number; line: number }[];
  try {
    words = (await pool.recognize(await bandOf(image))).words;
  } catch {
    return null;
  }
  const a = stripAgreement(layerText, words);
  if (a.pairs < MIN_STRIP_PAIRS || a.agreement >= MIN_AGREEMENT) return null;
  return `its text layer does not agree with OCR of its image: of ${a.pairs} word pairs read in a band of the page, the layer has ${a.found} (${Math.round(100 * a.agreement)} %, under ${Math.round(100 * MIN_AGREEMENT)} %)`;
}
