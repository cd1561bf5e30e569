/**
 * OCR-confusion channel: ln P(ocr string | intended syllable) from learned per-letter emissions
 * (a marked letter becomes an OCR substring of length 0–3: "ư"→"w", "ủ"→"ii", "ã"→"4"), maximised
 * over alignments, plus memorised whole-token confusions. Candidates for an OCR token come from
 * inverting the emissions onto mark-free skeletons and looking those up in the vocabulary.
 */
import type { CandidateTable } from './candidate-table.js';
import { ChannelEmissions } from './channel-emissions.js';
import { IdScores, TopJoints } from './candidate-ranking.js';
import { LetterCodes, TokenEmissions, type CapitalDMode } from './channel-scorer.js';
import { EmissionMemo } from './emission-memo.js';
import { FuzzySkeletons, fuzzyKey, fuzzyShape } from './fuzzy-skeletons.js';
import { beamSkeletons } from './skeleton-beam.js';
import type { CapitalD, ChannelCandidate, ChannelTables } from './channel-types.js';

export type { CapitalD, ChannelCandidate, ChannelTables } from './channel-types.js';

const SKELETON_BEAM = 48;
const KEEP_WITHIN = 12; // nats below the best candidate (channel + prior)
const MAX_CANDIDATES = 16;
/** Cap when the token's own skeleton spellings are added (the decoder's limit). */
const MAX_WITH_OWN = 24;
/** Skeletons of the beam that get one lost letter put back. */
const REINSERTED = 6;
/** Token shapes whose fuzzy-search forms are kept (a document has a few dozen). */
const MAX_SHAPES = 500;

export class OcrChannel {
  private emissions: ChannelEmissions;
  private pairs: Map<string, [string, number][]>;
  private cache = new Map<string, ChannelCandidate[]>();
  /** Lists computed ahead of time (candidate-table.ts); absent → every list is searched. */
  private stored: CandidateTable | undefined;
  private readonly capitalDKnown: boolean;
  private letters: LetterCodes;
  private best: IdScores;
  // Indexes over the skeletons, built on first need (a document without junk needs no fuzzy search).
  private fuzzy: FuzzySkeletons | undefined;
  /** Letters the OCR may lose altogether (mark-free; single characters, and any longer ones apart). */
  private lost: ReadonlySet<string>;
  private lostLong: readonly string[];
  /** Token shape (fuzzyShape) → the forms of its near skeletons. */
  private shapes = new Map<string, Int32Array>();
  /** Emissions of OCR pieces, strict and lenient, shared by every token's table. */
  private strictMemo: EmissionMemo;
  private lenientMemo: EmissionMemo;

  constructor(
    tables: ChannelTables,
    vocab: readonly string[],
    private vocabIndex: ReadonlyMap<string, number>,
    private skeletonIndex: ReadonlyMap<string, readonly number[]>,
    /** Prior ln P(word) used to rank candidates before the decoder sees them. */
    private prior: (id: number) => number,
  ) {
    this.emissions = new ChannelEmissions(tables);
    const e = this.emissions;
    this.strictMemo = new EmissionMemo((g, o) => e.logP(g, o, false));
    this.lenientMemo = new EmissionMemo((g, o) => e.logP(g, o, true));
    const lost = [...this.emissions.deletions.keys()];
    this.lost = new Set(lost.filter((d) => d.length === 1));
    this.lostLong = lost.filter((d) => d.length !== 1);
    this.capitalDKnown = this.emissions.has('Đ');
    this.pairs = new Map(Object.entries(tables.pairs));
    this.letters = new LetterCodes(vocab);
    this.best = new IdScores(vocab.length);
  }

  /** Answers from a table built for this model (the caller checks its fingerprint); undefined turns it off. */
  useTable(table: CandidateTable | undefined): void {
    this.stored = table;
    this.cache.clear();
  }

  get candidateTable(): CandidateTable | undefined {
    return this.stored;
  }

  /** The OCR tokens with memorised confusions (the candidate table covers them). */
  pairTokens(): Iterable<string> {
    return this.pairs.keys();
  }

  /** The readings learned for a letter, or undefined (the candidate table reads forms with them). */
  learnedReadings(letter: string): Iterable<[string, number]> | undefined {
    return this.emissions.learned(letter);
  }

  /**
   * ln P(ocr | gt), best alignment; both lower-case, capitals Đ marked by `capitalD`. `lenient`
   * also lets one letter come out as two characters at an unseen-edit cost.
   */
  score(gt: string, ocr: string, capitalD: CapitalD = 'none', lenient = false): number {
    const codes = this.letters.encode(gt);
    return this.emissionsOf(ocr, lenient).score(codes, 0, codes.length, this.capitalMode(capitalD));
  }

  /** The token's emission table, for scoring many forms against it (channel-scorer.ts). */
  private emissionsOf(ocr: string, lenient: boolean): TokenEmissions {
    return new TokenEmissions(ocr, this.emissions.maxEmit, this.letters, lenient ? this.lenientMemo : this.strictMemo);
  }

  private capitalMode(capitalD: CapitalD): CapitalDMode {
    return capitalD === 'none' || !this.capitalDKnown ? 0 : capitalD === 'all' ? 2 : 1;
  }

  private beamSkeletons(ocr: string, realOnly: boolean): string[] {
    const { maxEmit, unseen } = this.emissions;
    // Real skeletons only: followed while a prefix of one (a path of the trie).
    const ranked = beamSkeletons(ocr, this.emissions, maxEmit, unseen, SKELETON_BEAM, realOnly ? this.trie() : undefined);
    // A loop, not map/filter: their arrays differ in elements kind when empty, which throws the compiled caller away.
    const out: string[] = [];
    for (const skel of ranked) if (!realOnly || this.skeletonIndex.has(skel)) out.push(skel);
    return out;
  }

  /** Skeletons that are `skel` with one letter the OCR may lose put back anywhere ("dy" → day, duy, …). */
  private withLostLetter(skel: string): readonly string[] {
    const out = this.trie().withOneMore(skel, this.lost);
    for (const d of this.lostLong) {
      for (let p = 0; p <= skel.length; p++) {
        const full = skel.slice(0, p) + d + skel.slice(p);
        if (this.skeletonIndex.has(full)) out.push(full);
      }
    }
    return out;
  }

  private trie(): FuzzySkeletons {
    return (this.fuzzy ??= new FuzzySkeletons(this.skeletonIndex.keys()));
  }

  /**
   * Vocabulary candidates for one lower-case OCR token, best channel score first. The forms
   * scored: those of the skeletons the OCR string may come from (syllable skeletons, the beam kept
   * to prefixes of real ones so cheap nonsense readings cannot crowd out a dearer real one:
   * "vieéng" → vuong; then the best readings of any kind; then the best few with one lost letter
   * put back), the memorised confusions, and for a token the emissions cannot explain, the fuzzy
   * fallback. A form's score does not depend on which skeleton brought it, so order is free.
   */
  candidates(ocr: string, capitalD: CapitalD = 'none'): ChannelCandidate[] {
    const key = capitalD + ':' + ocr;
    const hit = this.cache.get(key) ?? this.stored?.lookup(ocr, capitalD);
    if (hit) {
      this.remember(key, hit);
      return hit;
    }
    const best = this.best;
    best.clear();
    const strict = this.emissionsOf(ocr, false), cap = this.capitalMode(capitalD);
    const visit = (skel: string) => {
      const ids = this.skeletonIndex.get(skel);
      if (ids) for (const id of ids) if (!best.has(id)) best.set(id, strict.scoreId(id, cap));
    };
    for (const skel of this.beamSkeletons(ocr, true)) visit(skel);
    const any = this.beamSkeletons(ocr, false);
    for (const skel of any) visit(skel);
    for (let i = 0; i < REINSERTED && i < any.length; i++) for (const skel of this.withLostLetter(any[i]!)) visit(skel);
    for (const [gt, lp] of this.pairs.get(ocr) ?? []) {
      const id = this.vocabIndex.get(gt);
      if (id !== undefined && lp > best.get(id)) best.set(id, lp);
    }
    let top = -Infinity;
    for (const id of best.ids) if (best.get(id) > top) top = best.get(id);
    if (top < this.emissions.unseen / 2 || hasJunk(ocr)) this.addFuzzy(ocr, cap, best);
    // Rank by channel × prior: many syllables read the same ("so" ← so, sơ, sọ, sô, số, sở …),
    // and the frequent ones must survive the cut. Every spelling of the token's own letters
    // stays, however rare ("dang" → dàng of dễ dàng).
    const out = best.select(this.prior, KEEP_WITHIN, MAX_CANDIDATES, this.skeletonIndex.get(ocr), MAX_WITH_OWN);
    this.remember(key, out);
    return out;
  }

  private remember(key: string, list: ChannelCandidate[]): void {
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(key, list);
  }

  /**
   * Candidates the learned emissions cannot reach (junk inside the token, letters split or
   * dropped): skeletons near the token by edit distance, scored leniently. Ligatures are tried
   * both as one junk character and folded to their letters ("ﬁ" → "fi"). A form whose score
   * bound cannot lift it into the first MAX_CANDIDATES (channel + prior) is not aligned: it
   * could change nothing the caller keeps. The token's own spellings are always scored.
   */
  private addFuzzy(ocr: string, cap: CapitalDMode, best: IdScores): void {
    const prior = this.prior, own = this.skeletonIndex.get(ocr) ?? NO_IDS;
    const top = new TopJoints(MAX_CANDIDATES);
    for (const id of best.ids) if (best.get(id) > -Infinity) top.update(id, best.get(id) + prior(id));
    const folded = ocr.normalize('NFKC');
    // One array shape whether or not the token holds a ligature (the first that does comes late).
    const forms = [ocr, folded], count = folded === ocr ? 1 : 2;
    for (let f = 0; f < count; f++) {
      const form = forms[f]!;
      const lenient = this.emissionsOf(form, true), ids = this.nearForms(form);
      // In slices, one call each: a junk token has thousands of near forms, and one loop over them
      // all would be compiled twice on the first such token (on-stack, then again for the next).
      for (let from = 0; from < ids.length; from += FUZZY_SLICE) {
        scoreFuzzy(lenient, ids, from, Math.min(ids.length, from + FUZZY_SLICE), cap, prior, own, best, top);
      }
    }
  }

  /** The forms of the skeletons near a token (FuzzySkeletons.near), kept per token shape. */
  private nearForms(form: string): Int32Array {
    const shape = fuzzyShape(form);
    let ids = this.shapes.get(shape);
    if (!ids) {
      const list: number[] = [], skeletons = this.trie().nearUnordered(form);
      // In slices, as addFuzzy's forms: one loop over thousands would be compiled twice.
      for (let from = 0; from < skeletons.length; from += FUZZY_SLICE) {
        formsOf(this.skeletonIndex, skeletons, from, Math.min(skeletons.length, from + FUZZY_SLICE), list);
      }
      ids = Int32Array.from(list);
      if (this.shapes.size >= MAX_SHAPES) this.shapes.clear();
      this.shapes.set(shape, ids);
    }
    return ids;
  }
}

/** Forms of the fuzzy fallback scored per call (addFuzzy). */
const FUZZY_SLICE = 256;
const NO_IDS: readonly number[] = [];

/** Scores forms [from, to) of `ids` leniently, skipping those whose bound cannot enter the first MAX_CANDIDATES (the token's own spellings always scored). */
function scoreFuzzy(lenient: TokenEmissions, ids: Int32Array, from: number, to: number, cap: CapitalDMode, prior: (id: number) => number, own: readonly number[], best: IdScores, top: TopJoints): void {
  for (let i = from; i < to; i++) {
    const id = ids[i]!, p = prior(id);
    if (!lenient.mayReach(id, cap, top.floor() - p) && !own.includes(id)) continue;
    const lp = lenient.scoreId(id, cap);
    if (lp > best.get(id)) {
      best.set(id, lp);
      top.update(id, lp + p);
    }
  }
}

/** Appends the forms of skeletons [from, to) to `out`. */
function formsOf(index: ReadonlyMap<string, readonly number[]>, skeletons: readonly string[], from: number, to: number, out: number[]): void {
  for (let i = from; i < to; i++) for (const id of index.get(skeletons[i]!) ?? NO_IDS) out.push(id);
}

/** A character that is no letter a Vietnamese word could contain (digit, symbol, ligature). */
export function hasJunk(ocrLower: string): boolean {
  return /[^a-z]/.test(fuzzyKey(ocrLower));
}
