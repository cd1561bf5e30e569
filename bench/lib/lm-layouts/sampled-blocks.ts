/**
 * A layout tried for the restoration LM's bigram index (issue 18 item 4), kept so that
 * `npm run bench:lm-layouts` can rerun the comparison; not used by the pipeline. Same answers as
 * src/core/restore/language-model.ts, other memory layout: per bigram (sorted by v, w) one 8-byte
 * record [w | P code << 16 | backoff code << 24, trigram start] (the end is the next record's
 * start), and every BLOCK-th word of a context's list copied into a small sample array that
 * names the one 64-byte block to search: one cold line per bigram miss instead of the binary
 * search over a list of thousands, and the trigram range in the same line. With `filters`, a
 * blocked Bloom filter per order (two bits in one 32-bit word, ~7 bits a key) answers most
 * look-ups of absent n-grams before any search.
 */
import type { SectionArray } from '../../../src/core/restore/model-format.js';
import type { NgramScorer } from '../../../src/core/restore/language-model.js';

const CACHE_MASK = (1 << 14) - 1;
/** Bigram records a block holds (64 bytes); every block's first word is sampled. */
const BLOCK = 8;

/** A filter of at least ~6.5 bits per key (a power of two), and the shift that takes a hash to its word. */
function emptyFilter(keys: number): [Int32Array, number] {
  let bits = 5;
  while (2 ** bits < keys * 6.5) bits++;
  return [new Int32Array(2 ** (bits - 5)), 32 - (bits - 5)];
}

function addToFilter(f: Int32Array, shift: number, h: number): void {
  f[h >>> shift] = f[h >>> shift]! | (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
}

function inFilter(f: Int32Array, shift: number, h: number): boolean {
  const m = (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
  return (f[h >>> shift]! & m) === m;
}

function mix(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

export class SampledBlocksLM implements NgramScorer {
  readonly vocabSize: number;
  /** No stored trigram is likelier than this (an upper bound the decoder prunes with). */
  readonly maxTrigramLogP: number;
  private uniLogP: Float32Array;
  private uniBow: Float32Array;
  private biStart: Uint32Array;
  /** Per bigram (sorted by v, w): w | P code << 16 | backoff code << 24. */
  private biKey: Int32Array;
  /** Per context v, from sampleStart[v]: the word of every BLOCK-th bigram of v's list (lists longer than one block only). */
  private sampleStart: Uint32Array;
  private samples: Uint16Array;
  private triStart: Uint32Array;
  /** Per trigram: w | P code << 16. */
  private triRec: Uint32Array;
  private qBiP: Float32Array;
  private qBiBow: Float32Array;
  private qTriP: Float32Array;
  /** Membership filters (null: off). */
  private biFilter: Int32Array | null = null;
  private biFilterShift = 0;
  private triFilter: Int32Array | null = null;
  private triFilterShift = 0;
  /** Cache of bigram lookups, four words an entry: key (v·65536+w + 1) | 0 (0 = empty), bigram index or -1, its P and backoff codes (biKey >>> 16), unused. */
  private biCache = new Int32Array(4 * (CACHE_MASK + 1));
  /** Cache of trigram lookups, two words an entry: context bigram index + 1, w | (P code + 1) << 16. */
  private triCache = new Int32Array(2 * (CACHE_MASK + 1));

  constructor(s: Record<string, SectionArray>, options: { filters?: boolean } = {}) {
    const get = <T extends SectionArray>(name: string): T => {
      const a = s[name];
      if (!a) throw new Error(`model lacks section ${name}`);
      return a as T;
    };
    this.uniLogP = get('uniLogP');
    this.uniBow = get('uniBow');
    const biStart = this.biStart = get<Uint32Array>('biStart');
    const biW = get<Uint16Array>('biW'), biP = get<Uint8Array>('biP'), biBow = get<Uint8Array>('biBow');
    const triStart = this.triStart = get<Uint32Array>('triStart');
    const triW = get<Uint16Array>('triW'), triP = get<Uint8Array>('triP');
    this.qBiP = get('qBiP');
    this.qBiBow = get('qBiBow');
    this.qTriP = get('qTriP');
    this.vocabSize = this.uniLogP.length;
    if (biStart.length !== this.vocabSize + 1 || triStart.length !== biW.length + 1 || biP.length !== biW.length
      || biBow.length !== biW.length || triP.length !== triW.length) {
      throw new Error('model sections disagree');
    }
    const nBi = biW.length;
    this.biKey = new Int32Array(2 * nBi + 2);
    for (let i = 0; i < nBi; i++) { this.biKey[2 * i] = biW[i]! | (biP[i]! << 16) | (biBow[i]! << 24); this.biKey[2 * i + 1] = triStart[i]!; }
    this.biKey[2 * nBi + 1] = triStart[nBi]!;
    this.sampleStart = new Uint32Array(this.vocabSize + 1);
    let nSamples = 0;
    for (let v = 0; v < this.vocabSize; v++) {
      this.sampleStart[v] = nSamples;
      const n = biStart[v + 1]! - biStart[v]!;
      if (n > BLOCK) nSamples += Math.ceil(n / BLOCK);
    }
    this.sampleStart[this.vocabSize] = nSamples;
    this.samples = new Uint16Array(nSamples);
    for (let v = 0; v < this.vocabSize; v++) {
      for (let j = this.sampleStart[v]!, i = biStart[v]!; j < this.sampleStart[v + 1]!; j++, i += BLOCK) this.samples[j] = biW[i]!;
    }
    this.triRec = new Uint32Array(triW.length);
    for (let i = 0; i < triW.length; i++) this.triRec[i] = triW[i]! | (triP[i]! << 16);
    if (options.filters) {
      const [bf, bs] = emptyFilter(nBi);
      for (let v = 0; v < this.vocabSize; v++) for (let i = biStart[v]!; i < biStart[v + 1]!; i++) addToFilter(bf, bs, mix(v * 65536 + biW[i]! + 1, 0));
      const [tf, ts] = emptyFilter(triW.length);
      for (let i = 0; i < nBi; i++) for (let t = triStart[i]!; t < triStart[i + 1]!; t++) addToFilter(tf, ts, mix(i, triW[t]!));
      this.biFilter = bf; this.biFilterShift = bs; this.triFilter = tf; this.triFilterShift = ts;
    }
    let maxTri = -Infinity;
    for (const v of this.qTriP) if (v > maxTri) maxTri = v;
    this.maxTrigramLogP = maxTri;
  }

  unigram(w: number): number {
    return this.uniLogP[w]!;
  }

  /** Index of the stored bigram (v, w), or -1. */
  bigramIndex(v: number, w: number): number {
    const key = (v * 65536 + w + 1) | 0;
    const h = mix(key, 0), c = (h & CACHE_MASK) << 2;
    return this.biCache[c] === key ? this.biCache[c + 1]! : this.searchBigram(v, w, key, c, h);
  }

  /**
   * bigramIndex(v, w), leaving log P(w | v) in `lastLogP` and the found bigram's backoff weight
   * (0 when absent) in `lastBackoff`: the decoder needs all three, and on a cache hit the codes
   * come from the cache entry instead of the model's arrays (a cache miss in memory).
   */
  lookupBigram(v: number, w: number): number {
    const key = (v * 65536 + w + 1) | 0;
    const h = mix(key, 0), c = (h & CACHE_MASK) << 2;
    const i = this.biCache[c] === key ? this.biCache[c + 1]! : this.searchBigram(v, w, key, c, h);
    if (i >= 0) {
      const codes = this.biCache[c + 2]!;
      this.lastLogP = this.qBiP[codes & 0xff]!;
      this.lastBackoff = this.qBiBow[codes >>> 8]!;
    } else {
      this.lastLogP = this.uniBow[v]! + this.uniLogP[w]!;
      this.lastBackoff = 0;
    }
    return i;
  }

  /** Set by lookupBigram. */
  lastLogP = 0;
  lastBackoff = 0;

  /** Finds (v, w) in biKey, the samples choosing the block, and fills cache entry `c`. */
  private searchBigram(v: number, w: number, key: number, c: number, h: number): number {
    let a = this.biStart[v]!, b = this.biStart[v + 1]!;
    if (this.biFilter && !inFilter(this.biFilter, this.biFilterShift, h)) b = a;
    if (b - a > BLOCK) {
      // The last sampled word ≤ w names the only block that can hold w.
      const first = this.sampleStart[v]!, S = this.samples;
      let lo = first, hi = this.sampleStart[v + 1]!;
      while (lo < hi) {
        const m = (lo + hi) >>> 1;
        if (S[m]! <= w) lo = m + 1;
        else hi = m;
      }
      if (lo === first) { a = b; } else {
        a += (lo - 1 - first) * BLOCK;
        if (a + BLOCK < b) b = a + BLOCK;
      }
    }
    const K = this.biKey;
    let found = -1;
    while (a < b) {
      const m = (a + b) >>> 1;
      const x = K[2 * m]! & 0xffff;
      if (x < w) a = m + 1;
      else if (x > w) b = m;
      else { found = m; break; }
    }
    const cache = this.biCache;
    cache[c] = key;
    cache[c + 1] = found;
    cache[c + 2] = found >= 0 ? K[2 * found]! >>> 16 : 0;
    return found;
  }

  /** log P(w | v) given i = bigramIndex(v, w). */
  bigramAt(i: number, v: number, w: number): number {
    return i >= 0 ? this.qBiP[(this.biKey[2 * i]! >>> 16) & 0xff]! : this.uniBow[v]! + this.uniLogP[w]!;
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

  /** The stored trigram's probability code under context bigram `ctx` (≥ 0), or -1 when absent. */
  trigramCode(ctx: number, w: number): number {
    const h = mix(ctx, w), c = (h & CACHE_MASK) << 1;
    const cache = this.triCache;
    if (cache[c] === ctx + 1 && (cache[c + 1]! & 0xffff) === w) return (cache[c + 1]! >> 16) - 1;
    let code = -1;
    let a = 0, b = 0;
    if (!this.triFilter || inFilter(this.triFilter, this.triFilterShift, h)) { a = this.biKey[2 * ctx + 1]!; b = this.biKey[2 * ctx + 3]!; }
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

  /** ln backoff weight of context bigram `ctx` (≥ 0): a trigram absent under it costs this plus the bigram. */
  backoff(ctx: number): number {
    return this.qBiBow[this.biKey[2 * ctx]! >>> 24]!;
  }

  trigram(u: number, v: number, w: number): number {
    return this.trigramFromContext(this.bigramIndex(u, v), w, this.bigram(v, w));
  }
}
