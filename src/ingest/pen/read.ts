/**
 * Pen digits of a page's header blanks, read from the page image (issue 14): blanks located from
 * the OCR word boxes (blanks.ts), each cropped from the colour image with sharp and read (pen.ts).
 * Costs one decoding of the page and a few small crops; a page with no header blank is not
 * decoded at all. Any failure reads nothing: the header keeps its printed skeleton.
 */
import type { OcrWord, PenFill } from '../../core/document.js';
import { findBlanks } from './blanks.js';
import { loadDigitModel, type DigitModel } from './digit-model.js';
import { readBlank } from './pen.js';
import { withLetterEdges, type CropReader } from './label-letters.js';

/**
 * `read`, when given (the page's OCR pool), reads the date line again with character boxes so the
 * blanks' edges are the printed letters' (label-letters.ts): one more small OCR job per page with a date blank.
 */
export async function readPenFills(image: Uint8Array, words: readonly OcrWord[], size: { width: number; height: number }, given?: DigitModel | null, read?: CropReader): Promise<PenFill[]> {
  const found = words.length ? findBlanks(words, size.height) : [];
  if (found.length === 0) return [];
  // The model (543 KB of JSON) is loaded only once a page has a blank to read.
  const model = given === undefined ? loadDigitModel() : given;
  if (!model) return [];
  try {
    // Loaded here, as in downscale.ts: text-only runs never load the native module.
    const sharp = (await import('sharp')).default;
    const { data, info } = await sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    if (info.width !== size.width || info.height !== size.height) return [];
    const page = { data, width: info.width, height: info.height, channels: info.channels };
    const blanks = read ? await withLetterEdges(found, page, read, words) : found;
    const out: PenFill[] = [];
    for (const b of blanks) {
      const [x0, y0] = b.box;
      const x1 = Math.min(b.box[2], info.width), y1 = Math.min(b.box[3], info.height);
      if (x1 - x0 < 4 || y1 - y0 < 4) continue;
      const crop = new Uint8Array((x1 - x0) * (y1 - y0) * info.channels);
      const row = (x1 - x0) * info.channels;
      for (let y = y0; y < y1; y++) crop.set(data.subarray((y * info.width + x0) * info.channels, (y * info.width + x0) * info.channels + row), (y - y0) * row);
      const fill = readBlank({ data: crop, width: x1 - x0, height: y1 - y0, channels: info.channels }, { ...b, box: [x0, y0, x1, y1] }, model);
      if (fill) out.push(fill);
    }
    return out;
  } catch {
    return [];
  }
}
