/**
 * The bundled trigram LM interpolated with an archive's own n-gram model (adaptation.ts):
 * P(w | u v) = (1 − λ) · P_bundled(w | u v) + λ · P_archive(w | u v), the archive model an
 * absolute-discounting trigram over the archive's counts backing off to its bigrams and unigrams.
 * A syllable the archive never saw has P_archive = 0, so its score is the bundled one plus
 * ln(1 − λ), with no lookups: only the archive's own words cost more. A layer over the LM, not a
 * change inside it: the decoder sees the same NgramScorer questions.
 *
 * Context handles are the pair itself (v · V + w), so nothing is allocated per pair; the bundled
 * LM's own caches serve the bundled lookups.
 */
import type { NgramScorer, TrigramLM } from './language-model.js';

/** The archive's n-gram model with probabilities ready (built by prepareAdaptation). */
export interface ArchiveNgrams {
  /** P_archive(w) by vocabulary id; 0 for a syllable the archive never saw. */
  unigram: Float64Array;
  /** Discounted P(w | v) of the kept bigrams, by v · V + w. */
  bigram: Map<number, number>;
  /** Backoff weight of context v (1 when v has no kept bigram). */
  bigramBackoff: Float64Array;
  /** Discounted P(w | u v) of the kept trigrams, by (u · V + v) · V + w. */
  trigram: Map<number, number>;
  /** Backoff weight of context (u, v), by u · V + v (absent: 1). */
  trigramBackoff: Map<number, number>;
}

export class AdaptedLM implements NgramScorer {
  readonly vocabSize: number;
  private readonly keep: number;
  private readonly logKeep: number;

  constructor(private readonly base: TrigramLM, private readonly archive: ArchiveNgrams, private readonly weight: number) {
    this.vocabSize = base.vocabSize;
    // Handles live in the decoder's Int32Arrays.
    if (this.vocabSize * this.vocabSize >= 2 ** 31) throw new Error('vocabulary too large for adapted-LM handles');
    if (!(weight >= 0 && weight < 1)) throw new Error(`adaptation weight ${weight} is not in [0, 1)`);
    this.keep = 1 - weight;
    this.logKeep = Math.log(1 - weight);
  }

  unigram(w: number): number {
    return this.base.unigram(w);
  }

  bigramIndex(v: number, w: number): number {
    return v * this.vocabSize + w;
  }

  /** The bundled bigram: the backoff input of trigramFromContext, not a score of its own. */
  bigramAt(h: number, v: number, w: number): number {
    return this.base.bigram(v, w);
  }

  bigram(v: number, w: number): number {
    return this.base.bigram(v, w);
  }

  trigramFromContext(h: number, w: number, bundledBigram: number): number {
    const V = this.vocabSize;
    const v = h % V, u = (h - v) / V;
    const bundled = this.base.trigramFromContext(this.base.bigramIndex(u, v), w, bundledBigram);
    const p1 = this.archive.unigram[w]!;
    if (p1 === 0) return bundled + this.logKeep;
    const a = this.archive;
    const p2 = (a.bigram.get(v * V + w) ?? 0) + a.bigramBackoff[v]! * p1;
    const p3 = (a.trigram.get(h * V + w) ?? 0) + (a.trigramBackoff.get(h) ?? 1) * p2;
    return Math.log(this.keep * Math.exp(bundled) + this.weight * p3);
  }

  trigram(u: number, v: number, w: number): number {
    return this.trigramFromContext(this.bigramIndex(u, v), w, this.base.bigram(v, w));
  }
}
