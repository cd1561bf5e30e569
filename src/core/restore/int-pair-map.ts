/** The arc table's block maps (arc-table.ts): two integer keys to an integer, without boxed keys. */

/**
 * A map from two non-negative 32-bit integers to a non-negative one (open addressing, linear
 * probing, at most half full): no boxed keys, and clearing reuses its array. A slot's two keys
 * and value sit together (four words a slot), so a probe reads one cache line, not three arrays:
 * kept across documents the maps hold ~10^5 blocks, far more than the cache.
 */
export class IntPairMap {
  /** Per slot h: [4h] key a (-1: empty), [4h+1] key b, [4h+2] value. */
  private slots = new Int32Array(0);
  private mask = 0;
  private size = 0;

  constructor() {
    // Sized for a long document's blocks (~7,500 on the devset), so that most never grow; stored
    // twice, so that growing is no change of a constant to compiled code (see arc-table.ts).
    this.slots = new Int32Array(4 << 14).fill(-1);
    this.mask = (1 << 14) - 1;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const slots = this.slots, mask = this.mask;
    for (let h = hashPair(a, b) & mask; ; h = (h + 1) & mask) {
      const k = slots[4 * h]!;
      if (k === a && slots[4 * h + 1] === b) return slots[4 * h + 2]!;
      if (k < 0) return -1;
    }
  }

  /** Sets (a, b), known to be absent. */
  set(a: number, b: number, v: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const slots = this.slots, mask = this.mask;
    let h = hashPair(a, b) & mask;
    while (slots[4 * h]! >= 0) h = (h + 1) & mask;
    slots[4 * h] = a;
    slots[4 * h + 1] = b;
    slots[4 * h + 2] = v;
    this.size++;
  }

  clear(): void {
    if (this.size > 0) this.slots.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length).fill(-1);
    this.mask = 2 * (this.mask + 1) - 1;
    this.size = 0;
    for (let h = 0; h < old.length; h += 4) if (old[h]! >= 0) this.set(old[h]!, old[h + 1]!, old[h + 2]!);
  }
}

function hashPair(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}
