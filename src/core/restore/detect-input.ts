/**
 * 'auto' input: mark-free text → 'stripped'; English-model OCR → 'ocr'; text that already
 * carries Vietnamese marks → 'clean' (words kept unless the context strongly prefers another
 * spelling). English-model OCR keeps a few Latin-1 accents (é, ô, á …) but almost never produces
 * the letters only Vietnamese has (đ ă ơ ư, hook above, dot below), and it puts digits and
 * symbols inside words (x4, K&, v¢).
 */
import { stripMarks } from '../vi-text/index.js';
import type { DecodeMode } from './candidates.js';
import { splitChunk } from './ocr-words.js';

const VIETNAMESE_ONLY = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;
const NOISE = /\p{L}[\d&¢€©®£¥§]|[\d&¢€©®£¥§]\p{L}/u;

export function detectInput(text: string): DecodeMode {
  let words = 0, marked = 0, vietnamese = 0, noisy = 0;
  for (const m of text.matchAll(/\S+/g)) {
    const core = splitChunk(m[0]).core;
    if (!/\p{L}/u.test(core) || core.length > 12 || /[/@]/.test(core)) continue;
    words++;
    const lower = core.toLowerCase();
    if (stripMarks(lower) !== lower) marked++;
    if (VIETNAMESE_ONLY.test(lower)) vietnamese++;
    if (NOISE.test(core) && !/^\d+[a-zđ]?$/iu.test(core)) noisy++;
  }
  if (words === 0) return 'clean';
  if (marked / words < 0.03 && noisy / words < 0.01) return 'stripped';
  if (vietnamese / words >= 0.12 && noisy / words < 0.05) return 'clean';
  return 'ocr';
}
