/**
 * Case as evidence. Inside a sentence a Title-case word is usually a name ("Tống Thanh Hải",
 * "Quảng Phú"), and the model knows how often each word is written so in the corpus. The
 * candidates of a Title-case word get ln(rate / average rate), those of a lower-case word
 * ln((1 − rate) / (1 − average rate)), times a weight: "Trinh" leans to Trịnh, "trinh" to trình.
 */
import type { Candidates } from './candidates.js';
import type { RestoreModel } from './model.js';

export type CaseContext = 'title' | 'lower';

/** Channel scores with the case evidence added, or null when the model has no case statistics. */
export function withCaseEvidence(model: RestoreModel, c: Candidates, context: CaseContext, weight: number): number[] | null {
  const rates = model.titleLogRate, prior = model.titlePrior;
  if (!rates || prior === undefined || weight === 0 || c.ids.length < 2) return null;
  const logPrior = Math.log(prior), logNotPrior = Math.log1p(-prior);
  return c.chan.map((lp, k) => {
    const r = rates[c.ids[k]!];
    if (r === undefined) return lp;
    return lp + weight * (context === 'title' ? r - logPrior : Math.log1p(-Math.exp(r)) - logNotPrior);
  });
}
