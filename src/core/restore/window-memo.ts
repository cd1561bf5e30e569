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

interface Window {
  lattice: readonly Slot[];
  results: readonly { choice: number }[];
  /** Its positions from..to of the lattice, the unsure run j..e inside. */
  from: number; to: number; j: number; e: number;
}

interface Entry extends Window {
  /** The posterior rows of slots j..e. */
  rows: readonly (readonly number[])[];
}

/** Distinct windows kept per document (bounds the memory; later ones are summed afresh). */
const MAX_ENTRIES = 20_000;

export class WindowMemo {
  private entries = new Map<number, Entry[]>();
  private size = 0;

  static hash(w: Window): number {
    let h = Math.imul(0x811c9dc5 ^ (w.to - w.from), 0x01000193);
    for (let k = w.from; k <= w.to; k++) {
      const ids = w.lattice[k]!.ids;
      h = Math.imul(h ^ ids.length, 0x01000193);
      h = Math.imul(h ^ (ids.length > 0 ? ids[0]! : -1), 0x01000193);
      h = Math.imul(h ^ w.results[k]!.choice ^ (k < w.j || k > w.e ? 0x40000000 : 0), 0x01000193);
    }
    return h;
  }

  /** The rows kept for a window laid out as `w`, or undefined. */
  get(hash: number, w: Window): readonly (readonly number[])[] | undefined {
    const list = this.entries.get(hash);
    if (list) for (const e of list) if (sameWindow(e, w)) return e.rows;
    return undefined;
  }

  set(hash: number, w: Window, rows: readonly (readonly number[])[]): void {
    if (this.size >= MAX_ENTRIES) return;
    const e: Entry = { lattice: w.lattice, results: w.results, from: w.from, to: w.to, j: w.j, e: w.e, rows };
    const list = this.entries.get(hash);
    if (list) list.push(e);
    else this.entries.set(hash, [e]);
    this.size++;
  }
}

function sameWindow(a: Window, b: Window): boolean {
  if (a.to - a.from !== b.to - b.from || a.j - a.from !== b.j - b.from || a.e - a.from !== b.e - b.from) return false;
  for (let q = 0; q <= a.to - a.from; q++) {
    const ka = a.from + q, kb = b.from + q;
    if (a.results[ka]!.choice !== b.results[kb]!.choice) return false;
    if (!sameSlot(a.lattice[ka]!, b.lattice[kb]!)) return false;
  }
  return true;
}
