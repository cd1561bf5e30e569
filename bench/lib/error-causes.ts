/**
 * Why a restore error happened (bench:eng-real-errors --causes), one cause per lost GT syllable,
 * built on the classes of error-classes.ts and the channel's candidate lists (candidate-cover.ts):
 *   ocr-lost       the OCR lost the syllable or read other letters (signature ink, a name read as
 *                  "HO", a handwritten "26" for 2116): no restorer can bring it back
 *   reordered      lost where it stands, but the restored text has it right among its unaligned
 *                  words: the OCR read a block (the signature block's two columns) in another order,
 *                  which the whole-page alignment of the score counts as lost
 *   segmentation   the OCR glued it to a neighbour ("ngay29") or split it across tokens: the raw
 *                  letters are there, in a token that holds more (or less) than the syllable
 *   unknown-word   the syllable is not in the model's vocabulary (a place name, a code "Đ13")
 *   channel-gap    the raw letters are close to the syllable but the channel does not offer it, or
 *                  offers it far below the chosen form (> 1 nat): a confusion the channel lacks
 *                  ("nép" for nộp, "cil" for cũ, "Dic" for Độc)
 *   lm-choice      the channel offers it within 1 nat of (or above) the chosen form and the decoder
 *                  chose another known form (tầng/tăng, đợt/đốt, "D16" → Đó)
 *   case           right letters and marks, wrong case
 */
import type { RestoreModel } from '../../src/core/restore/model.js';
import { candidatesFor, DEFAULT_TUNING } from '../../src/core/restore/candidates.js';
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import { classify, skeleton, type ClassifiedError } from './error-classes.js';
import { alignWords, scoreTokens } from './score.js';

export const CAUSES = ['ocr-lost', 'reordered', 'segmentation', 'unknown-word', 'channel-gap', 'lm-choice', 'case'] as const;
export type Cause = (typeof CAUSES)[number];
export interface CausedError extends ClassifiedError { cause: Cause }

/** Levenshtein distance of two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/** Letters close enough that a channel could map one to the other (a third of them may differ). */
const near = (raw: string, gt: string) => distance(skeleton(raw), skeleton(gt)) <= Math.max(1, Math.floor(skeleton(gt).length / 3));

/**
 * The GT syllable sits in a raw token that holds more than it (glued: "ngay29" for ngày 29), or is
 * spread over this raw token and the next ("Tr uong"). `raw` are the page's raw tokens; `k` the one
 * aligned to the syllable (or, when dropped, its neighbours' tokens are looked at).
 */
function segmented(gt: string, raw: readonly string[], around: readonly number[]): boolean {
  const s = skeleton(gt);
  if (s.length < 1) return false;
  for (const k of around) {
    const t = raw[k];
    if (t === undefined) continue;
    const r = skeleton(t);
    // Glued: the syllable's letters (or digits) at one end of a longer token with a letter/digit seam.
    if (r.length > s.length && (r.startsWith(s) || r.endsWith(s)) && /\p{L}\d|\d\p{L}/u.test(t)) return true;
    const next = raw[k + 1];
    if (next !== undefined && r.length < s.length && r + skeleton(next) === s) return true;
  }
  return false;
}

/** Each lost GT syllable with its cause. */
export function causes(model: RestoreModel, gt: string, raw: string, restored: string): { total: number; errors: CausedError[] } {
  const { total, errors, inserted } = classify(gt, raw, restored);
  // The restored words aligned to no GT syllable, as a multiset to take reordered syllables from.
  const spare = new Map<string, number>();
  for (const w of inserted) spare.set(w, (spare.get(w) ?? 0) + 1);
  const takeSpare = (w: string) => { const n = spare.get(w) ?? 0; if (n > 0) spare.set(w, n - 1); return n > 0; };
  const flat = (s: string) => scoreTokens(s.replace(/\s+/g, ' '));
  const g = flat(gt), r = flat(raw);
  const toRaw = new Map(alignWords(g.map((x) => skeleton(x.toLowerCase())), r.map((x) => skeleton(x.toLowerCase()))));
  const rawAround = (i: number): number[] => {
    const k = toRaw.get(i);
    if (k !== undefined) return [k];
    const ks: number[] = [];
    for (const d of [-1, 1]) { const n = toRaw.get(i + d); if (n !== undefined) ks.push(n); }
    return ks;
  };
  const form = (s: string) => normalizeTonePlacement(s.toLowerCase(), 'old');
  return {
    total,
    errors: errors.map((e) => {
      let cause: Cause;
      if (e.cls === 'case') cause = 'case';
      else if (segmented(e.gt, r, rawAround(e.at))) cause = 'segmentation';
      else if (e.cls === 'ocr-dropped') cause = 'ocr-lost';
      // A number with other digits than read ("245" for 275, "7630" for 7h30) is the OCR's loss; one read right is a code the vocabulary lacks.
      else if (/\d/.test(e.gt) && skeleton(e.raw) !== skeleton(e.gt)) cause = 'ocr-lost';
      else if (!model.vocabIndex.has(form(e.gt))) cause = 'unknown-word';
      else {
        const token = e.raw.replace(/[^\p{L}\p{N}]/gu, '');
        const c = candidatesFor(model, token, 'ocr', DEFAULT_TUNING);
        const k = c.forms.indexOf(form(e.gt)), chosen = c.forms.indexOf(form(e.out));
        if (k < 0) cause = near(e.raw, e.gt) ? 'channel-gap' : 'ocr-lost';
        // Left as read (no candidate chosen): measured against the channel's best form instead.
        else cause = c.chan[k]! < (chosen >= 0 ? c.chan[chosen]! : Math.max(...c.chan)) - 1 ? 'channel-gap' : 'lm-choice';
      }
      if (cause === 'ocr-lost' && takeSpare(e.gt)) cause = 'reordered';
      return { ...e, cause };
    }),
  };
}
