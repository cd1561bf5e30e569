/**
 * Whether a PDF page's text layer can stand in for its text, or the page image must be OCR'd
 * (issue 14, item 2). A scanner's own OCR layer lies invisibly over the page scan; when it was
 * made without Vietnamese (no marks, "dang Icy mon hQc" for "đăng ký môn học") it is far worse than
 * OCR of the image, and restoring it invents words. So a layer over a page image is trusted only
 * when it reads as Vietnamese: enough of its words are Vietnamese syllables carrying marks
 * (measured: 79–89 % on real Vietnamese pages, 0 % on such scanner layers and on text stripped of
 * marks, 6 % on English-model OCR). A layer with nothing under it is the author's own text and is
 * always taken. The modes follow OCRmyPDF's --skip-text / --force-ocr.
 */
import { isVietnameseSyllable, stripMarks } from '../core/vi-text/index.js';
import type { PageLayers } from './ocr/pdf-page-layers.js';

/** auto: decide per page; force: OCR every page's image; never: take any text layer as it is. */
export const OCR_MODES = ['auto', 'force', 'never'] as const;
export type OcrMode = (typeof OCR_MODES)[number];

export const isOcrMode = (v: unknown): v is OcrMode => typeof v === 'string' && (OCR_MODES as readonly string[]).includes(v);

/** Below this share of marked Vietnamese syllables a layer over a page image is not trusted. */
export const MIN_VIETNAMESE_SHARE = 0.4;
/** A layer of fewer words (a table of figures and codes, a cover) says too little to be judged. */
const MIN_WORDS_JUDGED = 12;

export interface VietnameseShare {
  words: number;
  /** Words that are Vietnamese syllables and carry a mark (tone, breve, circumflex, horn, đ). */
  marked: number;
  share: number;
}

export function vietnameseShare(text: string): VietnameseShare {
  const words = text.normalize('NFC').match(/\p{L}+/gu) ?? [];
  const marked = words.filter((w) => stripMarks(w) !== w && isVietnameseSyllable(w.toLowerCase())).length;
  return { words: words.length, marked, share: words.length ? marked / words.length : 0 };
}

export interface TextLayerVerdict {
  trusted: boolean;
  /** Why not, for the diagnostic. */
  reason?: string;
  /** Trusted as Vietnamese, but it lies over a page scan: check it against OCR of the image too. */
  checkAgainstImage?: boolean;
}

export function judgeTextLayer(text: string, layers: PageLayers | undefined): TextLayerVerdict {
  if (!layers || (!layers.invisibleText && !layers.pageImage)) return { trusted: true };
  const v = vietnameseShare(text);
  if (v.words < MIN_WORDS_JUDGED) return { trusted: true };
  if (v.share >= MIN_VIETNAMESE_SHARE) return { trusted: true, checkAgainstImage: true };
  const under = [layers.invisibleText ? 'drawn invisibly' : '', layers.pageImage ? 'over a full-page image' : ''].filter(Boolean).join(' and ');
  const pct = Math.round(100 * v.share);
  return {
    trusted: false,
    reason: `its text layer (${under}: a scanner's OCR) does not read as Vietnamese: ${v.marked} of ${v.words} words (${pct} %) are Vietnamese syllables with marks, under the ${Math.round(100 * MIN_VIETNAMESE_SHARE)} % a Vietnamese text has`,
  };
}
