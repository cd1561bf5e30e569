/**
 * Every slot restore() lays out has one V8 shape: {ids, chan, forms, name}, in that order. With
 * five shapes (markers, candidate lists, title-case slots, name slots and the bonus copies) the
 * decoder's, the memos' and the posterior's property loads saw them all and `layOut`, `hashSlots`,
 * `addLikely` and `unigram` were compiled again on "wrong map" (cold-start-s18.md). Candidate
 * lists come from candidates.ts `candidateList`, every other slot from here; both literals list
 * the same fields in the same order, so V8 gives them one map (a test checks it).
 */
import type { Slot } from './decoder.js';

export function slotOf(ids: readonly number[], chan: readonly number[], forms: readonly string[], name: boolean): Slot {
  return { ids, chan, forms, name };
}

/** The slot with other channel scores: its ids, forms and name mark kept. */
export function withChannel(slot: Slot, chan: readonly number[]): Slot {
  return slotOf(slot.ids, chan, slot.forms ?? [], slot.name === true);
}
