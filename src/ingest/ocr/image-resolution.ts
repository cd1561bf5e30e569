/**
 * How finely a page image was scanned, and the size to reduce it to before OCR. Tesseract's
 * `best_int` model reads 200 dpi text at least as well as 300 dpi text (devset 300 dpi scans,
 * raw syllable accuracy 99.28 % → 99.60 %) from 44 % of the pixels, so pages scanned finer are
 * reduced first, and read narrower than they are (see ACROSS_SHARE); word boxes found on the
 * reduced image are scaled back so provenance stays in the input image's pixels. Pure helpers.
 */
import type { OcrWord } from '../../core/document.js';

/** Resolution that pages above it are reduced to (override: BAOCAO_OCR_DPI; 0 = never). */
export const DEFAULT_OCR_DPI = 200;

/**
 * Decree 30/2020 prescribes A4 (210 × 297 mm) for administrative documents: the paper size
 * assumed when an image states no believable resolution of its own.
 */
const A4_LONG_SIDE_IN = 297 / 25.4;
/** A stated resolution implying a page whose long side lies outside this range (inches) is a
 * placeholder (JFIF's 72 dpi on a 300 dpi scan), not the scan's. A5 short side … A3 long side. */
const BELIEVABLE_LONG_SIDE_IN: [number, number] = [5.5, 17];
/** Within this factor of the target a page is not reduced (only narrowed): reducing would gain nothing. */
const REDUCE_ONLY_ABOVE = 1.05;

export interface ResolutionHints {
  /** Pixel size of the image. */
  width: number;
  height: number;
  /** Resolution stated by the image file itself (JFIF, pHYs, TIFF tags), dots per inch. */
  density?: number;
  /** Size of the PDF page (MediaBox, points) that the image fills. */
  pageSizePt?: [number, number];
}

/** The image's resolution in dpi: from the PDF page it fills, else its own believable
 * statement, else assuming an A4 page. Undefined only for an empty image. */
export function imageDpi(h: ResolutionHints): number | undefined {
  const longPx = Math.max(h.width, h.height);
  if (!(longPx > 0)) return undefined;
  const [pw, ph] = h.pageSizePt ?? [0, 0];
  const longPt = Math.max(Math.abs(pw), Math.abs(ph));
  if (longPt > 0) return longPx / (longPt / 72);
  if (h.density && h.density > 0) {
    const longIn = longPx / h.density;
    if (longIn >= BELIEVABLE_LONG_SIDE_IN[0] && longIn <= BELIEVABLE_LONG_SIDE_IN[1]) return h.density;
  }
  return longPx / A4_LONG_SIDE_IN;
}

/**
 * A reduced page is made this much narrower than its height's scale. Tesseract scales each line to
 * its network's input height and then spends its time along the line's width, so a narrower page
 * costs proportionally less. Measured on the devset's 300 dpi scans (12 pages; one worker,
 * interleaved): 0.9 / 0.85 / 0.8 of the width took 0.92 / 0.86 / 0.82 of the time; raw syllable
 * accuracy 99.60 % at full width, 99.57 / 99.61 / 99.57 %, 0.75 fell to 99.27 %; header fields and
 * section tree the same at 0.85.
 */
export const ACROSS_SHARE = 0.85;

/**
 * A page already at the target resolution (within 5 %) is read this much narrower. Devset 200 dpi
 * scans: at 0.85 two header/section readings were lost to specks; at 0.9 raw accuracy the same
 * (99.48 %), corrected 99.91 → 99.93 %, structure the same, CPU ≈ 0.93×. Held-out pages rendered by
 * simscan at 200 dpi from ocr-pairs inputs (16): raw 99.45 → 99.52 %, corrected 99.77 → 99.91 %.
 * Coarser pages (120 dpi) go as they are: they have no detail to spare.
 */
export const AT_TARGET_ACROSS_SHARE = 0.9;

/**
 * A page coarser than this (dpi) is enlarged to COARSE_TARGET_DPI before OCR. At about 80 dpi the
 * x-height is 6–8 px and Tesseract's layout analysis drops whole stretches of clean lines (the
 * start of a line, "hiện nghiêm túc Chỉ thị", beside words it read at 96); enlarged (Lanczos), the
 * same page reads them. 120 dpi is the coarsest level of the devset scans, which Tesseract reads
 * at 95.5 % raw; pages at or above 96 dpi go as before (an enlargement under 1.25× gains nothing).
 * Measured on the two real pages this coarse (a 70-dpi letter, a 90-dpi phone photo; docs/real-scans.md).
 */
export const ENLARGE_BELOW_DPI = 96;
export const COARSE_TARGET_DPI = 120;

/**
 * Pixel size to give the OCR engine, or null when the image should go as it is: a finer page is
 * reduced to the target down the page and narrowed across, a page at the target only narrowed;
 * `narrow: false` keeps proportions (and leaves pages at the target alone). A very coarse page
 * is enlarged in proportion (ENLARGE_BELOW_DPI).
 */
export function reducedSize(width: number, height: number, dpi: number | undefined, targetDpi: number, narrow = true): { width: number; height: number } | null {
  if (!dpi || !(targetDpi > 0)) return null;
  const size = (sx: number, sy: number) => ({ width: Math.max(1, Math.round(width * sx)), height: Math.max(1, Math.round(height * sy)) });
  if (dpi < ENLARGE_BELOW_DPI && targetDpi > dpi) { const k = Math.min(targetDpi, COARSE_TARGET_DPI) / dpi; return size(k, k); }
  if (dpi > targetDpi * REDUCE_ONLY_ABOVE) return size((targetDpi / dpi) * (narrow ? ACROSS_SHARE : 1), targetDpi / dpi);
  if (narrow && dpi >= targetDpi / REDUCE_ONLY_ABOVE) return size(AT_TARGET_ACROSS_SHARE, 1);
  return null;
}

/**
 * BAOCAO_OCR_DPI as a target resolution: a non-negative number (0 turns reduction off);
 * unset, empty or unreadable gives the default.
 */
export function targetDpiFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_OCR_DPI;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_OCR_DPI;
}

/** Word boxes found on a reduced image, moved back into the original image's pixels. */
export function wordsInOriginalPixels(
  words: OcrWord[],
  reduced: { width: number; height: number },
  original: { width: number; height: number },
): OcrWord[] {
  const fx = original.width / reduced.width, fy = original.height / reduced.height;
  const x = (v: number) => Math.min(original.width, Math.max(0, Math.round(v * fx)));
  const y = (v: number) => Math.min(original.height, Math.max(0, Math.round(v * fy)));
  return words.map((w) => ({ ...w, bbox: [x(w.bbox[0]), y(w.bbox[1]), x(w.bbox[2]), y(w.bbox[3])] }));
}
