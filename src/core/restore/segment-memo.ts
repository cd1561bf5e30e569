/**
 * A document repeats whole segments (a table's rows, a heading, a signer's block), and the
 * document cache decodes segments again with slots it has boosted the same way before. Decoding is
 * a pure function of the slots' candidate ids and channel scores (with one restore() call's LM and
 * channel weight), so a segment seen before takes the results found then, bit for bit.
 *
 * Cheap to miss: the key hashes only each slot's length, first and last candidate and first
 * channel score; a hit is confirmed slot by slot (the same object, or equal ids and scores) against
 * the slots kept by reference (callers never change a slot or a slots array once decoded).
 */
import { decodeSegment, type Slot, type SlotResult } from './decoder.js';
import type { NgramScorer } from './language-model.js';
import type { ArcTable } from './arc-table.js';

interface Entry { slots: readonly Slot[]; results: SlotResult[] }

/** Distinct segments kept per document (bounds the memory; later ones are decoded afresh). */
const MAX_ENTRIES = 5_000;

const bits = new Float64Array(1);
const bitWords = new Int32Array(bits.buffer);

export class SegmentMemo {
  private entries = new Map<number, Entry[]>();
  private size = 0;

  /** `arcs`: the document's LM scores (arc-table.ts), shared with its other segments and the posteriors. */
  constructor(private readonly arcs?: ArcTable) {}

  /** decodeSegment's results for `slots`, decoded once per distinct segment. */
  decode(lm: NgramScorer, slots: readonly Slot[], channelWeight: number): SlotResult[] {
    const h = hashSlots(slots);
    const list = this.entries.get(h);
    if (list) for (const e of list) if (sameSlots(e.slots, slots)) return e.results;
    const results = decodeSegment(lm, slots, channelWeight, this.arcs);
    if (this.size < MAX_ENTRIES) {
      if (list) list.push({ slots, results });
      else this.entries.set(h, [{ slots, results }]);
      this.size++;
    }
    return results;
  }
}

function hashSlots(slots: readonly Slot[]): number {
  let h = Math.imul(0x811c9dc5 ^ slots.length, 0x01000193);
  for (let j = 0; j < slots.length; j++) {
    const { ids, chan } = slots[j]!;
    const n = ids.length;
    bits[0] = n > 0 ? chan[0]! : 0;
    h = Math.imul(h ^ n, 0x01000193);
    h = Math.imul(h ^ (n > 0 ? ids[0]! : -1), 0x01000193);
    h = Math.imul(h ^ (n > 0 ? ids[n - 1]! : -1), 0x01000193);
    h = Math.imul(h ^ bitWords[0]! ^ bitWords[1]!, 0x01000193);
  }
  return h;
}

function sameSlots(a: readonly Slot[], b: readonly Slot[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (!sameSlot(a[j]!, b[j]!)) return false;
  return true;
}

/**
 * The same slot to the decoder and the posteriors: the same object, or equal candidate ids and
 * channel scores (Object.is: the sums would tell -0 from 0 nowhere, but a miss costs only the work).
 */
export function sameSlot(x: Slot, y: Slot): boolean {
  if (x === y) return true;
  if (x.ids.length !== y.ids.length) return false;
  for (let k = 0; k < x.ids.length; k++) if (x.ids[k] !== y.ids[k] || !Object.is(x.chan[k], y.chan[k])) return false;
  return true;
}
