/** Baseline restorers for the benches: identity, and each word → its most frequent corpus form. */
import { applyCase, casePattern, stripMarks } from '../../src/core/vi-text/index.js';
import type { RestoreModel } from '../../src/core/restore/index.js';

export const identity = (text: string) => text;

export function unigramRestorer(model: RestoreModel): (text: string) => string {
  return (text) =>
    text.replace(/\p{L}+/gu, (w) => {
      const lower = w.toLowerCase();
      if (stripMarks(lower) !== lower) return w;
      const id = model.skeletonIndex.get(lower)?.[0];
      if (id === undefined) return w;
      const p = casePattern(w);
      return p === 'mixed' ? model.vocab[id]! : applyCase(model.vocab[id]!, p);
    });
}
