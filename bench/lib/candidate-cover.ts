/**
 * Whether the restorer could have found a lost syllable at all: is the ground-truth syllable among
 * the channel's candidates for the raw OCR token aligned to it (bench:eng-real-errors --candidates)?
 * A syllable the channel never offers can only come back through a better channel or candidate
 * search; one it offers and the decoder passes over is a matter of scores (channel against language
 * model). Candidates are those the 'ocr' input mode builds (candidates.ts, default tuning).
 */
import { candidatesFor, DEFAULT_TUNING } from '../../src/core/restore/candidates.js';
import type { RestoreModel } from '../../src/core/restore/model.js';
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import type { ClassifiedError } from './error-classes.js';

export interface Cover {
  /** in: offered; missing: a vocabulary word not offered; oov: not in the vocabulary (numbers, names, codes). */
  where: 'in' | 'missing' | 'oov';
  /** "in #3 −2.40 (chosen −0.07), of 17" and the like. */
  note: string;
}

/** null for the classes with no raw token to read (ocr-dropped) or a right reading (case). */
export function candidateCover(model: RestoreModel, e: ClassifiedError): Cover | null {
  if (e.cls === 'ocr-dropped' || e.cls === 'case') return null;
  const token = e.raw.replace(/[^\p{L}\p{N}]/gu, '');
  if (!token) return null;
  const c = candidatesFor(model, token, 'ocr', DEFAULT_TUNING);
  const form = (s: string) => normalizeTonePlacement(s.toLowerCase(), 'old');
  const k = c.forms.indexOf(form(e.gt));
  const chosen = c.forms.indexOf(form(e.out));
  const chosenNote = chosen >= 0 ? ` (chosen ${c.chan[chosen]!.toFixed(2)})` : '';
  if (k >= 0) return { where: 'in', note: `in #${k} ${c.chan[k]!.toFixed(2)}${chosenNote}, of ${c.forms.length}` };
  return model.vocabIndex.has(form(e.gt))
    ? { where: 'missing', note: `missing, of ${c.forms.length}` }
    : { where: 'oov', note: 'oov' };
}
