/**
 * What a corrector did to OCR text, word by word against the ground truth: words the OCR read
 * right that the corrector broke, and words it fixed. GT tokens are aligned to the OCR tokens by
 * edit distance (as in score.ts); the corrector replaces words one for one, so OCR token j and
 * corrected token j are the same word (texts whose token counts differ are skipped and counted).
 */
import { alignWords, scoreTokens } from './score.js';

export interface ChangeCount {
  fixed: number;
  broken: number;
  /** Changed words that were wrong and stay wrong. */
  stillWrong: number;
  skippedTexts: number;
  /** A few examples "ocr→corrected (gt)" of broken words. */
  brokenExamples: string[];
}

export const emptyChanges = (): ChangeCount => ({ fixed: 0, broken: 0, stillWrong: 0, skippedTexts: 0, brokenExamples: [] });

export function countChanges(gt: string, ocr: string, corrected: string, into: ChangeCount): void {
  const norm = (t: string) => scoreTokens(t.replace(/\s+/g, ' ')).map((x) => x.toLowerCase());
  const g = norm(gt), o = norm(ocr), c = norm(corrected);
  if (o.length !== c.length) { into.skippedTexts++; return; }
  const m = o.length;
  const aligned = new Int32Array(m).fill(-1);
  for (const [i, j] of alignWords(g, o)) aligned[j] = i;
  for (let k = 0; k < m; k++) {
    if (o[k] === c[k]) continue;
    const gi = aligned[k]!;
    const right = gi >= 0 ? g[gi] : undefined;
    if (right === o[k]) {
      into.broken++;
      if (into.brokenExamples.length < 12) into.brokenExamples.push(`${o[k]}→${c[k]}`);
    } else if (right === c[k]) into.fixed++;
    else into.stillWrong++;
  }
}

export function changesLine(ch: ChangeCount): string {
  return `fixed ${ch.fixed}, broken ${ch.broken}, changed but still wrong ${ch.stillWrong}` +
    (ch.skippedTexts ? `, ${ch.skippedTexts} texts skipped (token counts differ)` : '') +
    (ch.brokenExamples.length ? `; broken e.g. ${ch.brokenExamples.join(' ')}` : '');
}
