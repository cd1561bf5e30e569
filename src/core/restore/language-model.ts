/**
 * Backoff trigram language model. The file stores a trie (see scripts/lib/kneser-ney.ts) with
 * 8-bit codes into 256-entry codebooks; at load it is turned into two open-addressing tables
 * whose slots hold everything a lookup needs, so the decoder's hot path costs about one cache
 * miss per n-gram instead of a binary search that misses at every step.
 */
import type { SectionArray } from './model-format.js';

const EMPTY = 0xffffffff;

function mix(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

export class TrigramLM {
  readonly vocabSize: number;
  private uniLogP: Float32Array;
  private uniBow: Float32Array;
  private qBiP: Float32Array;
  private qBiBow: Float32Array;
  private qTriP: Float32Array;
  /** Bigram slots of 3 words: key v·65536+w, bigram index, (P code << 8) | backoff code. */
  private bi: Uint32Array;
  private biMask: number;
  /** Trigram slots of 2 words: low 32 bits of bigramIndex·65536+w, (high bits << 8) | P code. */
  private tri: Uint32Array;
  private triMask: number;

  constructor(s: Record<string, SectionArray>) {
    const get = <T extends SectionArray>(name: string): T => {
      const a = s[name];
      if (!a) throw new Error(`model lacks section ${name}`);
      return a as T;
    };
    this.uniLogP = get('uniLogP');
    this.uniBow = get('uniBow');
    this.qBiP = get('qBiP');
    this.qBiBow = get('qBiBow');
    this.qTriP = get('qTriP');
    this.vocabSize = this.uniLogP.length;
    const biStart = get<Uint32Array>('biStart'), biW = get<Uint16Array>('biW');
    const biP = get<Uint8Array>('biP'), biBow = get<Uint8Array>('biBow');
    const triStart = get<Uint32Array>('triStart'), triW = get<Uint16Array>('triW'), triP = get<Uint8Array>('triP');
    if (biStart.length !== this.vocabSize + 1 || triStart.length !== biW.length + 1) throw new Error('model sections disagree');

    // Low load factors: most decoder lookups are misses, which probe until an empty slot.
    let cap = 1 << Math.ceil(Math.log2(biW.length * 2.5 + 2));
    const bi = new Uint32Array(cap * 3).fill(EMPTY);
    let mask = cap - 1;
    for (let v = 0; v < this.vocabSize; v++) {
      const end = biStart[v + 1]!;
      for (let b = biStart[v]!; b < end; b++) {
        const key = (v * 65536 + biW[b]!) >>> 0;
        let i = mix(key, 0) & mask;
        while (bi[i * 3] !== EMPTY) i = (i + 1) & mask;
        bi[i * 3] = key;
        bi[i * 3 + 1] = b;
        bi[i * 3 + 2] = (biP[b]! << 8) | biBow[b]!;
      }
    }
    this.bi = bi;
    this.biMask = mask;
    cap = 1 << Math.ceil(Math.log2(triW.length * 1.5 + 2));
    // The low key bits are never all ones (word ids < 65535), so that value marks an empty slot.
    const tri = new Uint32Array(cap * 2).fill(EMPTY);
    mask = cap - 1;
    for (let ctx = 0; ctx < biW.length; ctx++) {
      const end = triStart[ctx + 1]!;
      const hi = ctx >>> 16;
      for (let t = triStart[ctx]!; t < end; t++) {
        const lo = ((ctx << 16) | triW[t]!) >>> 0;
        let i = mix(lo, hi) & mask;
        while (tri[i * 2] !== EMPTY) i = (i + 1) & mask;
        tri[i * 2] = lo;
        tri[i * 2 + 1] = (hi << 8) | triP[t]!;
      }
    }
    this.tri = tri;
    this.triMask = mask;
  }

  unigram(w: number): number {
    return this.uniLogP[w]!;
  }

  /** Handle of the stored bigram (v, w) for bigramAt/trigramFromContext, or -1. */
  bigramIndex(v: number, w: number): number {
    const key = (v * 65536 + w) >>> 0;
    const t = this.bi;
    let i = mix(key, 0) & this.biMask;
    for (;;) {
      const k = t[i * 3]!;
      if (k === key) return i * 3;
      if (k === EMPTY) return -1;
      i = (i + 1) & this.biMask;
    }
  }

  /** log P(w | v) given h = bigramIndex(v, w). */
  bigramAt(h: number, v: number, w: number): number {
    return h >= 0 ? this.qBiP[this.bi[h + 2]! >>> 8]! : this.uniBow[v]! + this.uniLogP[w]!;
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
    const b = this.bi[ctx + 1]!;
    const lo = ((b << 16) | w) >>> 0;
    const hi = b >>> 16;
    const t = this.tri;
    let i = mix(lo, hi) & this.triMask;
    for (;;) {
      const k = t[i * 2]!;
      if (k === lo && t[i * 2 + 1]! >>> 8 === hi) return this.qTriP[t[i * 2 + 1]! & 255]!;
      if (k === EMPTY) return this.qBiBow[this.bi[ctx + 2]! & 255]! + bigramLogP;
      i = (i + 1) & this.triMask;
    }
  }

  trigram(u: number, v: number, w: number): number {
    return this.trigramFromContext(this.bigramIndex(u, v), w, this.bigram(v, w));
  }
}
