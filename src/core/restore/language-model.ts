/**
 * Backoff trigram language model read in place from the stored trie (see
 * scripts/lib/kneser-ney.ts): bigrams sorted by (v, w), trigrams grouped under their context
 * bigram, 8-bit codes into 256-entry codebooks. Loading is zero-copy; lookups are binary searches
 * behind small direct-mapped caches, since a document keeps repeating its own n-grams.
 */
import type { SectionArray } from './model-format.js';

const CACHE_MASK = (1 << 14) - 1;

function mix(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * What the decoder asks of a language model. `bigramIndex` is an opaque context handle for
 * `bigramAt` and `trigramFromContext` (here: the stored bigram's index, or -1); `bigramAt` is the
 * backoff input of `trigramFromContext`, whose answer is the score. A wrapper (adapted-lm.ts)
 * answers the same questions with other handles.
 */
export interface NgramScorer {
  readonly vocabSize: number;
  unigram(w: number): number;
  bigramIndex(v: number, w: number): number;
  bigramAt(i: number, v: number, w: number): number;
  bigram(v: number, w: number): number;
  trigramFromContext(ctx: number, w: number, bigramLogP: number): number;
  trigram(u: number, v: number, w: number): number;
}

export class TrigramLM implements NgramScorer {
  readonly vocabSize: number;
  private uniLogP: Float32Array;
  private uniBow: Float32Array;
  private biStart: Uint32Array;
  private biW: Uint16Array;
  private biP: Uint8Array;
  private biBow: Uint8Array;
  private triStart: Uint32Array;
  private triW: Uint16Array;
  private triP: Uint8Array;
  private qBiP: Float32Array;
  private qBiBow: Float32Array;
  private qTriP: Float32Array;
  /** Cache of bigram lookups: key v·65536+w + 1 (0 = empty) → bigram index or -1. */
  private biCacheKey = new Uint32Array(CACHE_MASK + 1);
  private biCacheVal = new Int32Array(CACHE_MASK + 1);
  /** Cache of trigram lookups: (context bigram index + 1, w) → P code or -1. */
  private triCacheCtx = new Int32Array(CACHE_MASK + 1);
  private triCacheW = new Uint16Array(CACHE_MASK + 1);
  private triCacheCode = new Int16Array(CACHE_MASK + 1);

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
    this.biP = get('biP');
    this.biBow = get('biBow');
    this.triStart = get('triStart');
    this.triW = get('triW');
    this.triP = get('triP');
    this.qBiP = get('qBiP');
    this.qBiBow = get('qBiBow');
    this.qTriP = get('qTriP');
    this.vocabSize = this.uniLogP.length;
    if (this.biStart.length !== this.vocabSize + 1 || this.triStart.length !== this.biW.length + 1) {
      throw new Error('model sections disagree');
    }
  }

  unigram(w: number): number {
    return this.uniLogP[w]!;
  }

  /** Index of the stored bigram (v, w), or -1. */
  bigramIndex(v: number, w: number): number {
    const key = (v * 65536 + w + 1) >>> 0;
    const c = mix(key, 0) & CACHE_MASK;
    if (this.biCacheKey[c] === key) return this.biCacheVal[c]!;
    let a = this.biStart[v]!, b = this.biStart[v + 1]!;
    const W = this.biW;
    let found = -1;
    while (a < b) {
      const m = (a + b) >>> 1;
      const x = W[m]!;
      if (x < w) a = m + 1;
      else if (x > w) b = m;
      else { found = m; break; }
    }
    this.biCacheKey[c] = key;
    this.biCacheVal[c] = found;
    return found;
  }

  /** log P(w | v) given i = bigramIndex(v, w). */
  bigramAt(i: number, v: number, w: number): number {
    return i >= 0 ? this.qBiP[this.biP[i]!]! : this.uniBow[v]! + this.uniLogP[w]!;
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
    const c = mix(ctx, w) & CACHE_MASK;
    let code: number;
    if (this.triCacheCtx[c] === ctx + 1 && this.triCacheW[c] === w) code = this.triCacheCode[c]!;
    else {
      code = -1;
      let a = this.triStart[ctx]!, b = this.triStart[ctx + 1]!;
      const W = this.triW;
      while (a < b) {
        const m = (a + b) >>> 1;
        const x = W[m]!;
        if (x < w) a = m + 1;
        else if (x > w) b = m;
        else { code = this.triP[m]!; break; }
      }
      this.triCacheCtx[c] = ctx + 1;
      this.triCacheW[c] = w;
      this.triCacheCode[c] = code;
    }
    return code >= 0 ? this.qTriP[code]! : this.qBiBow[this.biBow[ctx]!]! + bigramLogP;
  }

  trigram(u: number, v: number, w: number): number {
    return this.trigramFromContext(this.bigramIndex(u, v), w, this.bigram(v, w));
  }
}
