/**
 * Open-addressing hash table from integer keys (< 2^53) to uint32 counters. V8 Maps stop at
 * ~16.7M entries and cost ~80 bytes each; the corpus has more distinct trigrams than that.
 */
const EMPTY = -1;

export class CountTable {
  keys: Float64Array;
  counts: Uint32Array;
  size = 0;
  private mask: number;

  constructor(capacityLog2 = 20) {
    const cap = 2 ** capacityLog2;
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.counts = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 13;
    let i = h & this.mask;
    const keys = this.keys;
    while (keys[i] !== EMPTY && keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  add(key: number, by = 1): void {
    const i = this.slot(key);
    if (this.keys[i] === EMPTY) {
      this.keys[i] = key;
      this.size++;
      this.counts[i] = by;
      if (this.size * 10 > this.keys.length * 6) this.grow();
    } else {
      this.counts[i] = this.counts[i]! + by;
    }
  }

  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === EMPTY ? 0 : this.counts[i]!;
  }

  /** All keys, sorted ascending (deterministic iteration order for the model writer). */
  sortedKeys(): Float64Array {
    const out = new Float64Array(this.size);
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) out[n++] = this.keys[i]!;
    return out.sort();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const cap = oldKeys.length * 2;
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.counts = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k === EMPTY) continue;
      const j = this.slot(k);
      this.keys[j] = k;
      this.counts[j] = oldCounts[i]!;
    }
  }
}
