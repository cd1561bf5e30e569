/**
 * The bundled trigram LM with an archive's own n-grams added (adaptation.ts), cache-LM style:
 * P(w | u v) = P_bundled(w | u v) + λ · A(w | u v), A the archive's absolute-discounted trigram
 * estimate backing off to its bigram one (n-grams met at least twice), with no lower order: the
 * archive's word frequencies alone say little the bundled LM does not (function words), its
 * repeated sequences do (a commune after "xã", a signer's name). Not renormalised: only relative
 * scores of readings matter to the decoder, and a word in no repeated archive n-gram keeps its
 * bundled score exactly, so text unlike the archive reads as without it. A layer over the LM,
 * not a change inside it: the decoder sees the same NgramScorer questions.
 *
 * Context handles are the pair itself (v · V + w), so nothing is allocated per pair; the bundled
 * LM's own caches serve the bundled lookups.
 */
import type { NgramScorer, TrigramLM } from './language-model.js';

/** The archive's n-gram model with probabilities ready (built by prepareAdaptation). */
export interface ArchiveNgrams {
  /** Whether a kept archive bigram ends with the syllable: the others take the fast path. */
  seen: Uint8Array;
  /** Discounted P(w | v) of the kept bigrams, by v · V + w. */
  bigram: Map<number, number>;
  /** Discounted P(w | u v) of the kept trigrams, by context u · V + v, then w (small integer keys: no boxed numbers). */
  trigram: Map<number, Map<number, number>>;
  /** Backoff weight of context (u, v), by u · V + v (absent: 1). */
  trigramBackoff: Map<number, number>;
}

const CACHE_MASK = (1 << 14) - 1;

export class AdaptedLM implements NgramScorer {
  readonly vocabSize: number;
  /** Direct-mapped cache of adapted scores by (context handle, word): a document repeats its n-grams. */
  private cacheH = new Int32Array(CACHE_MASK + 1).fill(-1);
  private cacheW = new Uint16Array(CACHE_MASK + 1);
  private cacheScore = new Float64Array(CACHE_MASK + 1);

  constructor(private readonly base: TrigramLM, private readonly archive: ArchiveNgrams, private readonly weight: number) {
    this.vocabSize = base.vocabSize;
    this.maxTrigramLogP = Math.log(1 + 2 * weight);
    this.maxLogP = Math.log(Math.exp(base.maxLogP) + 2 * weight);
    // Handles live in the decoder's Int32Arrays.
    if (this.vocabSize * this.vocabSize >= 2 ** 31) throw new Error('vocabulary too large for adapted-LM handles');
    if (!(weight >= 0 && weight < 1)) throw new Error(`adaptation weight ${weight} is not in [0, 1)`);
  }

  /** Every adapted score is at most ln(1 + 2λ): P ≤ 1 and the archive's boost ≤ 2. */
  readonly maxTrigramLogP: number;
  /** The bundled model's bound lifted by the archive's largest boost. */
  readonly maxLogP: number;
  lastLogP = 0;
  lastBackoff = 0;
  /** Only the global bound: the archive may lift any trigram (set by lookupBigram). */
  lastMaxTrigram = -Infinity;

  unigram(w: number): number {
    return this.base.unigram(w);
  }

  /** The pair as context handle, always found: the archive may know a trigram the bundled LM does not. */
  lookupBigram(v: number, w: number): number {
    this.base.lookupBigram(v, w);
    this.lastLogP = this.base.lastLogP;
    this.lastBackoff = this.base.lastBackoff;
    this.lastMaxTrigram = this.maxTrigramLogP;
    return v * this.vocabSize + w;
  }

  bigramIndex(v: number, w: number): number {
    return v * this.vocabSize + w;
  }

  bigram(v: number, w: number): number {
    return this.base.bigram(v, w);
  }

  trigramFromContext(h: number, w: number, bundledBigram: number): number {
    const V = this.vocabSize;
    const v = h % V, u = (h - v) / V;
    const bundled = this.base.trigramFromContext(this.base.bigramIndex(u, v), w, bundledBigram);
    if (this.archive.seen[w] === 0 || this.weight === 0) return bundled;
    let c = Math.imul(h ^ Math.imul(w, 0x9e3779b1), 0x85ebca6b);
    c = (c ^ (c >>> 15)) & CACHE_MASK;
    if (this.cacheH[c] === h && this.cacheW[c] === w) return this.cacheScore[c]!;
    const a = this.archive;
    const tri = a.trigram.get(h);
    const boost = (tri?.get(w) ?? 0) + (tri ? a.trigramBackoff.get(h)! : 1) * (a.bigram.get(v * V + w) ?? 0);
    const score = boost === 0 ? bundled : Math.log(Math.exp(bundled) + this.weight * boost);
    this.cacheH[c] = h;
    this.cacheW[c] = w;
    this.cacheScore[c] = score;
    return score;
  }

  trigram(u: number, v: number, w: number): number {
    return this.trigramFromContext(this.bigramIndex(u, v), w, this.base.bigram(v, w));
  }
}
