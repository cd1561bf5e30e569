/**
 * Tesseract sometimes reads a bold heading numeral "II." as "I." (the two stems merge into one
 * glyph guess, with high confidence), and then a report has two sections numbered I and the
 * section tree is wrong. No text rule can tell which "I." is wrong — some reports do repeat a
 * numeral — but the page image can: "II" has two full-height vertical stems, "I" one, and the
 * dot, serifs, "V" and "X" have none. So for a line-opening numeral made of I's, the stems are
 * counted in its box, and when the image holds more than the text says, the text follows the
 * image. Only more: a stem never splits in two, while a merge is the known failure.
 */
import type { OcrWord } from '../../core/document.js';
import type { GreyImage } from './downscale.js';
import type { OcrPageResult } from './result.js';

/** A line-opening numeral made of I's: "I", "II.", "III)", "I:". */
const I_NUMERAL = /^(I{1,3})([.):]?)$/;
/** A stem covers at least this share of the numeral's box height. */
const STEM_HEIGHT = 0.6;
/** Boxes lower than this (pixels) are too coarse to count stems in. */
const MIN_HEIGHT = 8;

export interface NumeralFix {
  /** 1-based line on the page. */
  line: number;
  from: string;
  to: string;
}

/**
 * Full-height vertical stems in `box` ([x0, y0, x1, y1] of `image`): runs of columns in which
 * ink (darker than halfway between the box's lightest and darkest grey) covers ≥ 60% of the
 * box height. Returns 0 for a box that is empty, too small, or has no contrast.
 */
export function countStems(image: GreyImage, box: [number, number, number, number]): number {
  const x0 = Math.max(0, Math.floor(box[0])), y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(image.width, Math.ceil(box[2])), y1 = Math.min(image.height, Math.ceil(box[3]));
  const h = y1 - y0;
  if (x1 - x0 < 2 || h < MIN_HEIGHT) return 0;
  let lo = 255, hi = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = image.data[y * image.width + x]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (hi - lo < 64) return 0;
  const threshold = (lo + hi) / 2;
  let stems = 0, inStem = false;
  for (let x = x0; x < x1; x++) {
    let ink = 0;
    for (let y = y0; y < y1; y++) if (image.data[y * image.width + x]! < threshold) ink++;
    const isStem = ink >= STEM_HEIGHT * h;
    if (isStem && !inStem) stems++;
    inStem = isStem;
  }
  return stems;
}

/** Words that open their line and read as an I-only Roman numeral followed by more text. */
export function numeralCandidates(result: OcrPageResult): OcrWord[] {
  const out: OcrWord[] = [];
  result.words.forEach((w, i) => {
    const previous = result.words[i - 1], next = result.words[i + 1];
    const opensLine = !previous || previous.line !== w.line;
    if (opensLine && next?.line === w.line && I_NUMERAL.test(w.text)) out.push(w);
  });
  return out;
}

/**
 * The page with each candidate numeral re-read from its stems where the image shows more
 * stems (up to three) than the text has I's; `image` is the image the OCR read, in the same
 * pixels as the word boxes.
 */
export function withNumeralsFromStems(result: OcrPageResult, image: GreyImage): { result: OcrPageResult; fixes: NumeralFix[] } {
  const fixes: NumeralFix[] = [];
  const replaced = new Map<OcrWord, string>();
  for (const word of numeralCandidates(result)) {
    const [, letters, mark] = I_NUMERAL.exec(word.text)!;
    const stems = countStems(image, word.bbox);
    if (stems > letters!.length && stems <= 3) {
      const to = 'I'.repeat(stems) + mark;
      replaced.set(word, to);
      fixes.push({ line: word.line, from: word.text, to });
    }
  }
  if (fixes.length === 0) return { result, fixes };
  const words = result.words.map((w) => (replaced.has(w) ? { ...w, text: replaced.get(w)! } : w));
  const lines = result.lines.map((text, i) => {
    const fix = fixes.find((f) => f.line === i + 1);
    return fix && text.startsWith(fix.from) ? fix.to + text.slice(fix.from.length) : text;
  });
  return { result: { ...result, lines, words }, fixes };
}
