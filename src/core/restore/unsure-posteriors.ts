/**
 * Posteriors where the decoder was unsure (posterior.ts sums them): runs of slots whose decoder
 * confidence is below SURE (runs closer than two slots merged, as a trigram ties them) are summed
 * over with the two decoded words on each side held fixed, which gives them their exact trigram
 * context. Other slots get none (the decoder's own confidence stands): the cost follows the doubt,
 * not the text length.
 */
import type { NgramScorer } from './language-model.js';
import type { Slot, SlotResult } from './decoder.js';
import { WindowMemo } from './window-memo.js';
import { MAX_CANDIDATES, scratchTable, type ArcTable } from './arc-table.js';
import { addCandidate, chosenAt, openPosition, openWindow, sumWindow, windowRow } from './posterior.js';

/** Decoder confidence from which a word's posterior is not summed again (27% of words fall below on OCR pairs). */
export const SURE = 0.999;
/** Candidates this far (nats, weighted) below a slot's best channel score are left out of the sums. */
const CHANNEL_BEAM = 10;

/** The end of the unsure run starting at slot j (runs closer than two slots merged, as a trigram ties them). */
function runEnd(lattice: readonly Slot[], results: readonly SlotResult[], sure: number, j: number): number {
  let e = j;
  for (let k = j + 1; k < lattice.length && k <= e + 2; k++) if (unsure(lattice, results, sure, k)) e = k;
  return e;
}

/** The decoder was unsure of slot j (its confidence first: a cheap read of one shape of object). */
function unsure(lattice: readonly Slot[], results: readonly SlotResult[], sure: number, j: number): boolean {
  return results[j]!.confidence < sure && lattice[j]!.ids.length > 1;
}

/**
 * Lays out and sums the window of the unsure run j..e: its slots' likely candidates (addLikely)
 * between the two decoded words on each side (positions from..to), which gives them their exact
 * trigram context.
 */
function sumRun(table: ArcTable, lattice: readonly Slot[], results: readonly SlotResult[], channelWeight: number, from: number, to: number, j: number, e: number): void {
  table.startPass();
  openWindow(table);
  for (let k = from; k <= to; k++) {
    const slot = lattice[k]!, choice = results[k]!.choice;
    openPosition(table.list(slot.ids));
    if (k < j || k > e) addCandidate(slot.ids[choice]!, slot.chan[choice]!, choice);
    else addLikely(slot, choice, channelWeight);
  }
  sumWindow(table, channelWeight);
}

/**
 * The posterior rows of the unsure slots (undefined elsewhere), an entry per candidate (the first
 * MAX_CANDIDATES); restore() reads chosenPosteriors.
 */
export function unsurePosteriors(
  lm: NgramScorer, lattice: readonly Slot[], results: readonly SlotResult[], channelWeight: number, sure: number, arcs?: ArcTable,
): (readonly number[] | undefined)[] {
  const table = arcs && arcs.lm === lm ? arcs : scratchTable(lm);
  const out: (readonly number[] | undefined)[] = new Array(lattice.length);
  for (let j = 0; j < lattice.length; j++) {
    if (!unsure(lattice, results, sure, j)) continue;
    const e = runEnd(lattice, results, sure, j);
    const from = Math.max(0, j - 2), to = Math.min(lattice.length - 1, e + 2);
    sumRun(table, lattice, results, channelWeight, from, to, j, e);
    for (let k = j; k <= e; k++) out[k] = windowRow(k - from, Math.min(lattice[k]!.ids.length, MAX_CANDIDATES));
    j = e;
  }
  return out;
}

let chosen = new Float64Array(512);

/**
 * unsurePosteriors' entry for the decoder's choice, the only one restore() reads: per slot of
 * the lattice, NaN where no window was summed. The same sums in the same order (chosenAt), without
 * a row per slot. A window the document summed before (window-memo.ts) gives its values again.
 * The array is reused by the next call.
 */
export function chosenPosteriors(
  lm: NgramScorer, lattice: readonly Slot[], results: readonly SlotResult[], channelWeight: number, sure: number,
  memo?: WindowMemo, arcs?: ArcTable,
): Float64Array {
  const table = arcs && arcs.lm === lm ? arcs : scratchTable(lm);
  if (chosen.length < lattice.length) chosen = new Float64Array(2 * lattice.length);
  const out = chosen;
  for (let j = 0; j < lattice.length; j++) out[j] = NaN; // a loop: TypedArray fill is a call into C++
  for (let j = 0; j < lattice.length; j++) {
    if (!unsure(lattice, results, sure, j)) continue;
    const e = runEnd(lattice, results, sure, j);
    const from = Math.max(0, j - 2), to = Math.min(lattice.length - 1, e + 2);
    const hash = memo ? WindowMemo.hash(lattice, results, from, to, j, e) : 0;
    const seen = memo?.get(hash, lattice, results, from, to, j, e);
    if (seen) {
      for (let k = j; k <= e; k++) out[k] = seen[k - j]!;
    } else {
      sumRun(table, lattice, results, channelWeight, from, to, j, e);
      for (let k = j; k <= e; k++) out[k] = chosenAt(k - from, results[k]!.choice);
      memo?.set(hash, lattice, results, from, to, j, e, out.slice(j, e + 1));
    }
    j = e;
  }
  return out;
}

/**
 * Adds to the window's last position the slot's candidates but those whose channel score is
 * CHANNEL_BEAM nats below its best (an English-model OCR token has 16 or more, most of them
 * far-fetched): they would need as large an LM advantage to carry any mass. The decoder's choice
 * always stays; winSrc keeps each kept candidate's index.
 */
function addLikely(slot: Slot, choice: number, channelWeight: number): void {
  const n = Math.min(slot.ids.length, MAX_CANDIDATES);
  let best = -Infinity;
  for (let k = 0; k < n; k++) if (slot.chan[k]! > best) best = slot.chan[k]!;
  const floor = best - CHANNEL_BEAM / Math.max(channelWeight, 1e-9);
  for (let k = 0; k < n; k++) {
    if (k === choice || slot.chan[k]! >= floor) addCandidate(slot.ids[k]!, slot.chan[k]!, k);
  }
}
