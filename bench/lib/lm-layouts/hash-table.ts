/**
 * A layout tried for the restoration LM's bigram index (issue 18 item 4), kept so that
 * `npm run bench:lm-layouts` can rerun the comparison; not used by the pipeline. Same answers as
 * src/core/restore/language-model.ts: the bigrams in an open-addressing hash table built at load
 * (power-of-two size, at most 2/3 full, linear probing, key v·65536 + w + 1, Fibonacci hashing)
 * whose 16-byte record holds the key, the trigram range and the P and backoff codes, so a look-up
 * reads one line; a slot index is the context handle. Behind the same direct-mapped caches.
 */
import type { SectionArray } from '../../../src/core/restore/model-format.js';
import type { NgramScorer } from '../../../src/core/restore/language-model.js';

const CACHE_MASK = (1 << 14) - 1;
/** The bigram table is at most this full (linear probing stays within a line or two). */
const MAX_LOAD = 0.67;

function mix(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

export class HashTableLM implements NgramScorer {
  readonly vocabSize: number;
  /** No stored trigram is likelier than this (an upper bound the decoder prunes with). */
  readonly maxTrigramLogP: number;
  private uniLogP: Float32Array;
  private uniBow: Float32Array;
  /**
   * The bigram hash table, four words a slot: key v·65536 + w + 1 (0: empty), its trigrams'
   * start and end in triRec, P code | backoff code << 8. A slot index is the context handle.
   */
  private biTab: Int32Array;
  private biShift: number;
  private biMask: number;
  /** Per trigram: w | P code << 16. */
  private triRec: Uint32Array;
  private qBiP: Float32Array;
  private qBiBow: Float32Array;
  private qTriP: Float32Array;
  /** Cache of bigram lookups (a document repeats its pairs; the table is tens of MB, this fits L2), four words an entry: key (0 = empty), slot or -1, P code | backoff code << 8, unused. */
  private biCache = new Int32Array(4 * (CACHE_MASK + 1));
  /** Cache of trigram lookups, two words an entry: context handle + 1, w | (P code + 1) << 16. */
  private triCache = new Int32Array(2 * (CACHE_MASK + 1));

  constructor(s: Record<string, SectionArray>) {
    const get = <T extends SectionArray>(name: string): T => {
      const a = s[name];
      if (!a) throw new Error(`model lacks section ${name}`);
      return a as T;
    };
    this.uniLogP = get('uniLogP');
    this.uniBow = get('uniBow');
    const biStart = get<Uint32Array>('biStart'), biW = get<Uint16Array>('biW');
    const biP = get<Uint8Array>('biP'), biBow = get<Uint8Array>('biBow');
    const triStart = get<Uint32Array>('triStart'), triW = get<Uint16Array>('triW'), triP = get<Uint8Array>('triP');
    this.qBiP = get('qBiP');
    this.qBiBow = get('qBiBow');
    this.qTriP = get('qTriP');
    this.vocabSize = this.uniLogP.length;
    if (biStart.length !== this.vocabSize + 1 || triStart.length !== biW.length + 1 || biP.length !== biW.length
      || biBow.length !== biW.length || triP.length !== triW.length) {
      throw new Error('model sections disagree');
    }
    // Keys v·65536 + w + 1 must stay positive int32s.
    if (this.vocabSize > 32767) throw new Error('vocabulary too large for the bigram table');
    const nBi = biW.length;
    let bits = 4;
    while ((1 << bits) * MAX_LOAD < nBi) bits++;
    this.biShift = 32 - bits;
    this.biMask = (1 << bits) - 1;
    const tab = this.biTab = new Int32Array(4 << bits);
    for (let v = 0; v < this.vocabSize; v++) {
      for (let i = biStart[v]!; i < biStart[v + 1]!; i++) {
        const key = v * 65536 + biW[i]! + 1;
        let slot = Math.imul(key, 0x9e3779b1) >>> this.biShift;
        while (tab[slot << 2] !== 0) slot = (slot + 1) & this.biMask;
        const r = slot << 2;
        tab[r] = key;
        tab[r + 1] = triStart[i]!;
        tab[r + 2] = triStart[i + 1]!;
        tab[r + 3] = biP[i]! | (biBow[i]! << 8);
      }
    }
    this.triRec = new Uint32Array(triW.length);
    for (let i = 0; i < triW.length; i++) this.triRec[i] = triW[i]! | (triP[i]! << 16);
    let maxTri = -Infinity;
    for (const v of this.qTriP) if (v > maxTri) maxTri = v;
    this.maxTrigramLogP = maxTri;
  }

  unigram(w: number): number {
    return this.uniLogP[w]!;
  }

  /** Slot of the stored bigram (v, w) in the hash table (its context handle), or -1. */
  bigramIndex(v: number, w: number): number {
    const key = v * 65536 + w + 1;
    const c = (Math.imul(key, 0x85ebca6b) >>> 18) << 2;
    return this.biCache[c] === key ? this.biCache[c + 1]! : this.probe(key, c);
  }

  /**
   * bigramIndex(v, w), leaving log P(w | v) in `lastLogP` and the found bigram's backoff weight
   * (0 when absent) in `lastBackoff`: the decoder needs all three, and they share one record
   * (on a cache hit, the cache entry: no table read).
   */
  lookupBigram(v: number, w: number): number {
    const key = v * 65536 + w + 1;
    const c = (Math.imul(key, 0x85ebca6b) >>> 18) << 2;
    const cache = this.biCache;
    const slot = cache[c] === key ? cache[c + 1]! : this.probe(key, c);
    if (slot >= 0) {
      const codes = cache[c + 2]!;
      this.lastLogP = this.qBiP[codes & 0xff]!;
      this.lastBackoff = this.qBiBow[codes >>> 8]!;
    } else {
      this.lastLogP = this.uniBow[v]! + this.uniLogP[w]!;
      this.lastBackoff = 0;
    }
    return slot;
  }

  /** Looks `key` up in the hash table and fills cache entry `c` with the answer. */
  private probe(key: number, c: number): number {
    const tab = this.biTab;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.biShift;
    let k: number;
    while ((k = tab[slot << 2]!) !== key && k !== 0) slot = (slot + 1) & this.biMask;
    const cache = this.biCache;
    cache[c] = key;
    if (k === 0) { cache[c + 1] = -1; cache[c + 2] = 0; return -1; }
    cache[c + 1] = slot;
    cache[c + 2] = tab[(slot << 2) + 3]!;
    return slot;
  }

  /** Set by lookupBigram. */
  lastLogP = 0;
  lastBackoff = 0;

  /** log P(w | v) given h = bigramIndex(v, w). */
  bigramAt(h: number, v: number, w: number): number {
    return h >= 0 ? this.qBiP[this.biTab[(h << 2) + 3]! & 0xff]! : this.uniBow[v]! + this.uniLogP[w]!;
  }

  /** log P(w | v) with backoff. */
  bigram(v: number, w: number): number {
    return this.bigramAt(this.bigramIndex(v, w), v, w);
  }

  /**
   * log P(w | u v) given ctx = bigramIndex(u, v) (computed once per decoder state) and the
   * already computed bigram log P(w | v).
   */
  trigramFromContext(ctx: number, w: number, bigramLogP: number): number {
    if (ctx < 0) return bigramLogP;
    const code = this.trigramCode(ctx, w);
    return code >= 0 ? this.qTriP[code]! : this.backoff(ctx) + bigramLogP;
  }

  /** The stored trigram's probability code under context handle `ctx` (≥ 0), or -1 when absent. */
  trigramCode(ctx: number, w: number): number {
    const c = (mix(ctx, w) & CACHE_MASK) << 1;
    const cache = this.triCache;
    if (cache[c] === ctx + 1 && (cache[c + 1]! & 0xffff) === w) return (cache[c + 1]! >> 16) - 1;
    let code = -1;
    let a = this.biTab[(ctx << 2) + 1]!, b = this.biTab[(ctx << 2) + 2]!;
    const T = this.triRec;
    while (a < b) {
      const m = (a + b) >>> 1;
      const x = T[m]! & 0xffff;
      if (x < w) a = m + 1;
      else if (x > w) b = m;
      else { code = T[m]! >>> 16; break; }
    }
    cache[c] = ctx + 1;
    cache[c + 1] = w | ((code + 1) << 16);
    return code;
  }

  /** log P of a trigram probability code (trigramCode). */
  trigramLogP(code: number): number {
    return this.qTriP[code]!;
  }

  /** ln backoff weight of context handle `ctx` (≥ 0): a trigram absent under it costs this plus the bigram. */
  backoff(ctx: number): number {
    return this.qBiBow[this.biTab[(ctx << 2) + 3]! >>> 8]!;
  }

  trigram(u: number, v: number, w: number): number {
    return this.trigramFromContext(this.bigramIndex(u, v), w, this.bigram(v, w));
  }
}
