/**
 * A document repeats its phrases, and with them the unsure windows the posteriors sum over
 * (posterior.ts): about one window in six on stripped text is, candidate for candidate, one the
 * same document has already summed. The sums are a pure function of the window's candidate ids,
 * channel scores and list lengths (with the LM and channel weight of one restore() call), so a
 * window seen before takes the rows computed then: the same numbers, bit for bit.
 *
 * Keyed by a 32-bit hash of the window; a hit is confirmed against a stored copy of it (windows
 * are small), so a hash collision only costs the sums. One memo per restore() call.
 */

interface Entry<T> {
  ids: Int32Array;
  chan: Float64Array;
  lens: Int32Array;
  rows: T;
}

/** Distinct layouts kept per document: beyond, they are worked out afresh (bounds the memory). */
const MAX_ENTRIES = 20_000;

const bits = new Float64Array(1);
const bitWords = new Int32Array(bits.buffer);

export class WindowMemo<T = readonly (readonly number[])[]> {
  private entries = new Map<number, Entry<T>[]>();
  private size = 0;

  /** Hash of a window laid out as `lens[0..positions)` candidates in `ids` / `chan[0..filled)`. */
  static hash(ids: Int32Array, chan: Float64Array, filled: number, lens: Int32Array, positions: number): number {
    let h = 0x811c9dc5 ^ positions;
    for (let q = 0; q < positions; q++) h = Math.imul(h ^ lens[q]!, 0x01000193);
    for (let q = 0; q < filled; q++) {
      bits[0] = chan[q]!;
      h = Math.imul(h ^ ids[q]!, 0x01000193);
      h = Math.imul(h ^ bitWords[0]!, 0x01000193);
      h = Math.imul(h ^ bitWords[1]!, 0x01000193);
    }
    return h;
  }

  /** The answer kept for exactly this layout, or undefined. */
  get(hash: number, ids: Int32Array, chan: Float64Array, filled: number, lens: Int32Array, positions: number): T | undefined {
    const list = this.entries.get(hash);
    if (!list) return undefined;
    for (const e of list) if (same(e, ids, chan, filled, lens, positions)) return e.rows;
    return undefined;
  }

  set(hash: number, ids: Int32Array, chan: Float64Array, filled: number, lens: Int32Array, positions: number, rows: T): void {
    if (this.size >= MAX_ENTRIES) return;
    const e: Entry<T> = { ids: ids.slice(0, filled), chan: chan.slice(0, filled), lens: lens.slice(0, positions), rows };
    const list = this.entries.get(hash);
    if (list) list.push(e);
    else this.entries.set(hash, [e]);
    this.size++;
  }
}

function same<T>(e: Entry<T>, ids: Int32Array, chan: Float64Array, filled: number, lens: Int32Array, positions: number): boolean {
  if (e.ids.length !== filled || e.lens.length !== positions) return false;
  for (let q = 0; q < positions; q++) if (e.lens[q] !== lens[q]) return false;
  // Object.is: -0 and 0, and NaN, are told apart and matched as the sums would see them.
  for (let q = 0; q < filled; q++) if (e.ids[q] !== ids[q] || !Object.is(e.chan[q], chan[q])) return false;
  return true;
}
