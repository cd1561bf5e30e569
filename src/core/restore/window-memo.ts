/**
 * A document repeats its phrases, and with them the unsure windows the posteriors sum over
 * (posterior.ts): about one window in six on stripped text is one the same document has already
 * summed. A window is laid out from its slots alone: the unsure run's slots (their likely
 * candidates, addLikely, which keeps the decoder's choice) between up to two fixed words a side
 * (each slot's chosen candidate). So the same slots with the same choices and the same run give
 * the same sums (one restore() call: one LM, one channel weight), bit for bit.
 *
 * Cheap to miss: the key hashes per position the slot's length, first candidate and choice, and
 * whether it is fixed; a hit is confirmed position by position against the window kept by
 * reference (the same slot object, or equal ids and scores; the same choice). Callers never change
 * a slot, a lattice or a results array once given.
 */
import type { Slot } from './decoder.js';
import { sameSlot } from './segment-memo.js';

interface Entry {
  lattice: readonly Slot[];
  results: readonly { choice: number }[];
  /** Its positions from..to of the lattice, the unsure run j..e inside. */
  from: number; to: number; j: number; e: number;
  /** What was summed for slots j..e (chosenPosteriors: the choice's posterior). */
  values: ArrayLike<number>;
}

/** Distinct windows kept per document (bounds the memory; later ones are summed afresh). */
const MAX_ENTRIES = 20_000;

type Results = readonly { choice: number }[];

export class WindowMemo {
  private entries = new Map<number, Entry[]>();
  private size = 0;

  /** The key of the window of positions from..to of `lattice`, the unsure run j..e inside. */
  static hash(lattice: readonly Slot[], results: Results, from: number, to: number, j: number, e: number): number {
    let h = Math.imul(0x811c9dc5 ^ (to - from), 0x01000193);
    for (let k = from; k <= to; k++) {
      const ids = lattice[k]!.ids;
      h = Math.imul(h ^ ids.length, 0x01000193);
      h = Math.imul(h ^ (ids.length > 0 ? ids[0]! : -1), 0x01000193);
      h = Math.imul(h ^ results[k]!.choice ^ (k < j || k > e ? 0x40000000 : 0), 0x01000193);
    }
    return h;
  }

  /** The values kept for the window (as hash's arguments), or undefined. */
  get(hash: number, lattice: readonly Slot[], results: Results, from: number, to: number, j: number, e: number): ArrayLike<number> | undefined {
    const list = this.entries.get(hash);
    if (list) for (const x of list) if (sameWindow(x, lattice, results, from, to, j, e)) return x.values;
    return undefined;
  }

  set(hash: number, lattice: readonly Slot[], results: Results, from: number, to: number, j: number, e: number, values: ArrayLike<number>): void {
    if (this.size >= MAX_ENTRIES) return;
    const x: Entry = { lattice, results, from, to, j, e, values };
    const list = this.entries.get(hash);
    if (list) list.push(x);
    else this.entries.set(hash, [x]);
    this.size++;
  }
}

function sameWindow(a: Entry, lattice: readonly Slot[], results: Results, from: number, to: number, j: number, e: number): boolean {
  if (a.to - a.from !== to - from || a.j - a.from !== j - from || a.e - a.from !== e - from) return false;
  for (let q = 0; q <= a.to - a.from; q++) {
    const ka = a.from + q, kb = from + q;
    if (a.results[ka]!.choice !== results[kb]!.choice) return false;
    if (!sameSlot(a.lattice[ka]!, lattice[kb]!)) return false;
  }
  return true;
}
