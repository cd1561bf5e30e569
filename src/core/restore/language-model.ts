/**
 * Backoff trigram language model over the stored trie (see scripts/lib/kneser-ney.ts): bigrams
 * sorted by (v, w), trigrams grouped under their context bigram, 8-bit codes into 256-entry
 * codebooks. Lookups are binary searches behind small direct-mapped caches, since a document
 * keeps repeating its own n-grams. Most lookups still miss the caches and then wait on memory,
 * so what one found n-gram needs is repacked at load to sit together: a bigram's probability
 * code, backoff code and trigram range in one 8-byte record, a trigram's word and probability
 * code in one 32-bit word (one cache miss each, not three or four).
 */
import type { SectionArray } from './model-format.js';

/**
 * 65,536 entries a cache (1 MB of bigram entries, 0.5 MB of trigram entries, 1 MB of whole
 * trigrams): mostly word evidence's LM margin (lm.trigram) uses them now (the arc table asks
 * without them), and its look-ups repeat across documents; at 16,384 entries 0.85 bigram look-ups
 * a stripped word missed and were binary-searched, at 65,536 0.42 (devset, a pass after the first).
 */
const CACHE_MASK = (1 << 16) - 1;
/** Flag in a bigram record: the context has trigrams (without it a trigram look-up under it can only back off). */
const HAS_TRIGRAMS = 1 << 24;

function mix(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * What the decoder and the posteriors ask of a language model. `bigramIndex` and `lookupBigram`
 * give an opaque context handle for `trigramFromContext` and `trigramCode` (here: the stored
 * bigram's index, or -1); the bigram log P passed to `trigramFromContext` is its backoff input.
 * A wrapper (adapted-lm.ts) answers the same questions with other handles.
 */
export interface NgramScorer {
  readonly vocabSize: number;
  /** No score this model gives (trigramFromContext, trigram, bigram) is above this: the decoder skips look-ups that could not matter. */
  readonly maxLogP: number;
  unigram(w: number): number;
  bigramIndex(v: number, w: number): number;
  bigram(v: number, w: number): number;
  trigramFromContext(ctx: number, w: number, bigramLogP: number): number;
  trigram(u: number, v: number, w: number): number;
  // The arc table (arc-table.ts): a bigram context looked up once with its log P and backoff
  // weight left in lastLogP / lastBackoff; its trigrams then asked of trigramFromContext.
  lastLogP: number;
  lastBackoff: number;
  /**
   * Set by lookupBigram for a found context: no trigram under it scores above this (the bundled
   * LM: its likeliest stored trigram; -Infinity when the context has no trigrams, no trigram to find).
   */
  lastMaxTrigram: number;
  lookupBigram(v: number, w: number): number;
}

export class TrigramLM implements NgramScorer {
  readonly vocabSize: number;
  /** No stored trigram is likelier than this. */
  readonly maxTrigramLogP: number;
  readonly maxLogP: number;
  private uniLogP: Float32Array;
  private uniBow: Float32Array;
  private biStart: Uint32Array;
  private biW: Uint16Array;
  /** Per bigram i: [2i] its trigrams' start, [2i+1] P code | backoff code << 8 | HAS_TRIGRAMS; [2n] the end. */
  private biRec: Uint32Array;
  /** Per trigram: w | P code << 16. */
  private triRec: Uint32Array;
  private qBiP: Float32Array;
  private qBiBow: Float32Array;
  private qTriP: Float32Array;
  /** Cache of bigram lookups, four words an entry: key (v·65536+w + 1) | 0 (0 = empty), bigram index or -1, its P and backoff codes (biRec), unused. */
  private biCache = new Int32Array(4 * (CACHE_MASK + 1));
  /** Cache of trigram lookups, two words an entry: context bigram index + 1, w | (P code + 1) << 16. */
  private triCache = new Int32Array(2 * (CACHE_MASK + 1));
  /** Cache of trigram(), two doubles an entry: the ids as one number + 1 (0 = empty), the log P. */
  private wholeTrigramCache = new Float64Array(2 * (CACHE_MASK + 1));

  constructor(s: Record<string, SectionArray>) {
    const get = <T extends SectionArray>(name: string): T => {
      const a = s[name];
      if (!a) throw new Error(`model lacks section ${name}`);
      return a as T;
    };
    this.uniLogP = get('uniLogP');
    this.uniBow = get('uniBow');
    this.biStart = get('biStart');
    this.biW = get('biW');
    const biP = get<Uint8Array>('biP'), biBow = get<Uint8Array>('biBow');
    const triStart = get<Uint32Array>('triStart'), triW = get<Uint16Array>('triW'), triP = get<Uint8Array>('triP');
    this.qBiP = get('qBiP');
    this.qBiBow = get('qBiBow');
    this.qTriP = get('qTriP');
    this.vocabSize = this.uniLogP.length;
    if (this.biStart.length !== this.vocabSize + 1 || triStart.length !== this.biW.length + 1 || biP.length !== this.biW.length
      || biBow.length !== this.biW.length || triP.length !== triW.length || triStart[0] !== 0 || triStart[this.biW.length] !== triW.length) {
      throw new Error('model sections disagree');
    }
    const nBi = this.biW.length;
    this.biRec = new Uint32Array(2 * nBi + 2);
    for (let i = 0; i < nBi; i++) {
      this.biRec[2 * i] = triStart[i]!;
      this.biRec[2 * i + 1] = biP[i]! | (biBow[i]! << 8) | (triStart[i + 1]! > triStart[i]! ? HAS_TRIGRAMS : 0);
    }
    this.biRec[2 * nBi] = triStart[nBi]!;
    this.contextMaxCode = new Uint16Array(nBi);
    this.triRec = new Uint32Array(triW.length);
    for (let i = 0; i < triW.length; i++) this.triRec[i] = triW[i]! | (triP[i]! << 16);
    let maxTri = -Infinity;
    for (const v of this.qTriP) if (v > maxTri) maxTri = v;
    this.maxTrigramLogP = maxTri;
    // A score is a stored trigram, or a backoff weight (of a context, and of the word before for
    // an unseen bigram) plus a stored bigram or a unigram.
    const most = (a: ArrayLike<number>) => { let m = -Infinity; for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!; return m; };
    const bow = Math.max(0, most(this.qBiBow));
    this.maxLogP = Math.max(maxTri, bow + Math.max(most(this.qBiP), Math.max(0, most(this.uniBow)) + most(this.uniLogP)));
  }

  /**
   * The likeliest trigram stored under context bigram `ctx` (≥ 0, with trigrams): a bound on what
   * a trigram look-up under it can find, tighter than the model's likeliest (−1.0 against −0.014 on
   * average over the bundled model's contexts). Computed on first use and kept.
   */
  private contextMax(ctx: number): number {
    const memo = this.contextMaxCode;
    let code = memo[ctx]!;
    if (code === 0) {
      const q = this.qTriP, T = this.triRec;
      let best = 0, top = -Infinity;
      for (let k = this.biRec[2 * ctx]!, end = this.biRec[2 * ctx + 2]!; k < end; k++) {
        const c = T[k]! >>> 16;
        if (q[c]! > top) { top = q[c]!; best = c; }
      }
      memo[ctx] = code = best + 1;
    }
    return this.qTriP[code - 1]!;
  }

  /** Per context bigram: 1 + the code of its likeliest trigram, 0 until asked (contextMax). */
  private contextMaxCode: Uint16Array;

  unigram(w: number): number {
    return this.uniLogP[w]!;
  }

  /** Index of the stored bigram (v, w), or -1. */
  bigramIndex(v: number, w: number): number {
    const key = (v * 65536 + w + 1) | 0;
    const c = (mix(key, 0) & CACHE_MASK) << 2;
    return this.biCache[c] === key ? this.biCache[c + 1]! : this.searchBigram(v, w, key, c);
  }

  /**
   * bigramIndex(v, w), leaving log P(w | v) in `lastLogP` and the found bigram's backoff weight
   * (0 when absent) in `lastBackoff`: the decoder needs all three, and on a cache hit the codes
   * come from the cache entry instead of the model's arrays (a cache miss in memory).
   */
  lookupBigram(v: number, w: number): number {
    const key = (v * 65536 + w + 1) | 0;
    const c = (mix(key, 0) & CACHE_MASK) << 2;
    const i = this.biCache[c] === key ? this.biCache[c + 1]! : this.searchBigram(v, w, key, c);
    if (i >= 0) {
      const codes = this.biCache[c + 2]!;
      this.lastLogP = this.qBiP[codes & 0xff]!;
      this.lastBackoff = this.qBiBow[(codes >>> 8) & 0xff]!;
      this.lastMaxTrigram = (codes & HAS_TRIGRAMS) !== 0 ? this.contextMax(i) : -Infinity;
    } else {
      this.lastLogP = this.uniBow[v]! + this.uniLogP[w]!;
      this.lastBackoff = 0;
      this.lastMaxTrigram = -Infinity;
    }
    return i;
  }

  /**
   * lookupBigram without the cache (neither probed nor filled): for a caller that keeps each
   * answer itself (the document's arc table asks each pair once, so the cache would only miss).
   */
  lookupBigramFresh(v: number, w: number): number {
    const m = this.findBigram(v, w);
    if (m >= 0) {
      const codes = this.biRec[2 * m + 1]!;
      this.lastLogP = this.qBiP[codes & 0xff]!;
      this.lastBackoff = this.qBiBow[(codes >>> 8) & 0xff]!;
      this.lastMaxTrigram = (codes & HAS_TRIGRAMS) !== 0 ? this.contextMax(m) : -Infinity;
      return m;
    }
    this.lastLogP = this.uniBow[v]! + this.uniLogP[w]!;
    this.lastBackoff = 0;
    this.lastMaxTrigram = -Infinity;
    return -1;
  }

  /** Index of the stored bigram (v, w), or -1: a binary search of v's successors. */
  private findBigram(v: number, w: number): number {
    let a = this.biStart[v]!, b = this.biStart[v + 1]!;
    const W = this.biW;
    while (a < b) {
      const m = (a + b) >>> 1;
      const x = W[m]!;
      if (x < w) a = m + 1;
      else if (x > w) b = m;
      else return m;
    }
    return -1;
  }

  /** trigramFromContext without the cache, for a context with trigrams (ctx ≥ 0), as lookupBigramFresh. */
  trigramFresh(ctx: number, w: number, bigramLogP: number): number {
    const code = this.searchTrigram(ctx, w);
    return code >= 0 ? this.qTriP[code]! : this.backoff(ctx) + bigramLogP;
  }

  /** The stored trigram's probability code under context bigram `ctx` (≥ 0), or -1: a binary search of its records, no cache. */
  private searchTrigram(ctx: number, w: number): number {
    let a = this.biRec[2 * ctx]!, b = this.biRec[2 * ctx + 2]!;
    const T = this.triRec;
    while (a < b) {
      const m = (a + b) >>> 1;
      const x = T[m]! & 0xffff;
      if (x < w) a = m + 1;
      else if (x > w) b = m;
      else return T[m]! >>> 16;
    }
    return -1;
  }

  /** Set by lookupBigram. */
  lastLogP = 0;
  lastBackoff = 0;
  lastMaxTrigram = -Infinity;

  private searchBigram(v: number, w: number, key: number, c: number): number {
    const found = this.findBigram(v, w);
    const cache = this.biCache;
    cache[c] = key;
    cache[c + 1] = found;
    cache[c + 2] = found >= 0 ? this.biRec[2 * found + 1]! : 0;
    return found;
  }

  /** log P(w | v) given i = bigramIndex(v, w). */
  bigramAt(i: number, v: number, w: number): number {
    return i >= 0 ? this.qBiP[this.biRec[2 * i + 1]! & 0xff]! : this.uniBow[v]! + this.uniLogP[w]!;
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
    const c = (mix(ctx, w) & CACHE_MASK) << 1;
    const cache = this.triCache;
    if (cache[c] === ctx + 1 && (cache[c + 1]! & 0xffff) === w) return (cache[c + 1]! >> 16) - 1;
    const code = this.searchTrigram(ctx, w);
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
    return this.qBiBow[(this.biRec[2 * ctx + 1]! >>> 8) & 0xff]!;
  }

  /**
   * log P(w | u v) with backoff. Kept whole in a cache of its own (one probe where the look-up
   * makes three: two bigrams and a trigram): its caller, word evidence's LM margin, asks the
   * trigrams around unsure words, which repeat across neighbouring words and documents.
   */
  trigram(u: number, v: number, w: number): number {
    // The three ids (each < 65,536) in one exact double; 0 marks an empty entry (key + 1).
    const key = (u * 65536 + v) * 65536 + w + 1;
    const c = (mix((u << 16) | v, w) & CACHE_MASK) << 1;
    const cache = this.wholeTrigramCache;
    if (cache[c] === key) return cache[c + 1]!;
    const x = this.trigramFromContext(this.bigramIndex(u, v), w, this.bigram(v, w));
    cache[c] = key;
    cache[c + 1] = x;
    return x;
  }
}
