/**
 * One document's language-model scores of the lattice, kept so that each is looked up once: the
 * Viterbi decoder (decoder.ts), its local confidences and the forward–backward posteriors
 * (posterior.ts) read the same arcs, and a document repeats its candidate lists (a word's list is
 * one shared array, kept by the document cache's re-weighted slots too), so the same pairs and
 * triples of lists come back. The LM's own look-ups are hashed probes and binary searches spread
 * over the model; here they become reads in small dense blocks.
 *
 * Candidate lists are interned by identity (the ids array; one-candidate lists by their id) as
 * small integers. For each adjacent pair of lists (X, Y) a pair block holds, per x, the row over
 * Y of the bigrams' context handles, log P(y | x), backoff weights and likeliest trigrams
 * (lookupBigram's answers). For each triple (X, Y, Z) a triple block holds, per (x, y), the row
 * of trigram scores over Z (log P(z | x y) with backoff, exactly the value trigramFromContext
 * returns). Rows are allocated on first use and each value filled on first use (a decoder
 * layer touches a few rows of a block: filling whole blocks wrote ~17 MB per OCR document).
 * Nothing is precomputed that nobody asks for: the decoder's beam and bound still decide what is
 * looked up, and a value is the same double whoever computes it first.
 *
 * A table answers for one LM. restore() shares one across documents (documentTable): the model
 * is immutable and lists are shared across documents (candidates.ts), so a later document finds
 * the n-grams of common words already looked up. It is cleared whenever it grows past its limits:
 * the cross-document ones before a document, the larger per-document ones between segments and
 * windows only (the offsets handed out stay valid until then).
 */
import { TrigramLM, type NgramScorer } from './language-model.js';
import { IntPairMap } from './int-pair-map.js';

/** Candidates per list the decoder keeps (decoder.ts cuts longer lists the same way). */
export const MAX_CANDIDATES = 32;
/** Doubles kept before the table is cleared at the next segment or window (8 bytes each: ~64 MB at most). */
const MAX_VALUES = 1 << 23;
const MAX_PAIR_ENTRIES = 1 << 21;
const MAX_LISTS = 1 << 20;
/**
 * What the shared table may keep from earlier documents: 16 MB of trigram values, 16 MB of pair
 * entries, 16 MB of row slots (the devset's 30 stripped documents need 1.5 M values, 0.43 M pair
 * entries, 2 M row slots; its English-OCR documents about twice that, so they start afresh now and then).
 */
const CROSS_DOCUMENT_VALUES = 1 << 21;
const CROSS_DOCUMENT_PAIR_ENTRIES = 1 << 19;
const CROSS_DOCUMENT_ROW_SLOTS = 1 << 22;
const CROSS_DOCUMENT_LISTS = 1 << 17;
/** Fields of a pair entry in `pairs`: context handle (NaN: not looked up yet), log P, backoff, likeliest trigram. */
export const PAIR_FIELDS = 4;
/** Entries made unknown at a time past the used part (ArcTable's clean marks). */
const CLEAN_CHUNK = 4096;

export class ArcTable {
  /** Per pair entry e: [4e] context handle (NaN until looked up), [4e+1] log P, [4e+2] backoff, [4e+3] likeliest trigram. */
  pairs = new Float64Array(0);
  /** Row slots: per x of a pair block, where its row starts in `pairs` (an entry index); per (x, y) of a triple block, where its row starts in `vals`; -1 until allocated. */
  rowAt = new Int32Array(0);
  /** Trigram scores (NaN: not looked up yet). */
  vals = new Float64Array(0);
  private pairsUsed = 0;
  private rowAtUsed = 0;
  private valsUsed = 0;
  private listOf = new Map<readonly number[], number>();
  private singleOf = new Map<number, number>();
  /** Per list id, its length (cut to MAX_CANDIDATES). */
  private lengths: number[] = [];
  /** Pair blocks by their two lists, triple blocks by their pair block and third list. */
  private pairOf = new IntPairMap();
  private tripleOf = new IntPairMap();

  /** The bundled LM itself (not a wrapper): asked without its caches, since the table keeps every answer. */
  private readonly fresh: TrigramLM | undefined;

  constructor(readonly lm: NgramScorer) {
    this.fresh = lm instanceof TrigramLM ? lm : undefined;
    // Each array stored a second time (the fields start empty): a field stored only once is a
    // constant to V8's optimizing compiler, and the first growth would throw away the decoder's
    // compiled code (as in decoder.ts).
    this.pairs = new Float64Array(PAIR_FIELDS * (1 << 16));
    this.rowAt = new Int32Array(1 << 16);
    this.vals = new Float64Array(1 << 16);
  }

  // Everything from the used part up to these marks is unknown (NaN values and pair entries, row
  // slots -1): a row or block is handed out by moving a count, and the marks move a chunk at a
  // time, one TypedArray fill (a call into C++, a few hundred instructions) for many rows where
  // there was one a row. Past the marks the arrays are untouched (their pages not yet resident).
  private pairsClean = 0;
  private rowAtClean = 0;
  private valsClean = 0;

  private cleanPairs(): void {
    const to = Math.min(this.pairs.length / PAIR_FIELDS, this.pairsUsed + CLEAN_CHUNK);
    this.pairs.fill(NaN, PAIR_FIELDS * this.pairsClean, PAIR_FIELDS * to);
    this.pairsClean = to;
  }

  private cleanRowAt(): void {
    const to = Math.min(this.rowAt.length, this.rowAtUsed + CLEAN_CHUNK);
    this.rowAt.fill(-1, this.rowAtClean, to);
    this.rowAtClean = to;
  }

  private cleanVals(): void {
    const to = Math.min(this.vals.length, this.valsUsed + CLEAN_CHUNK);
    this.vals.fill(NaN, this.valsClean, to);
    this.valsClean = to;
  }

  /** Forgets every score (a new document): what was used is made unknown again as it is handed out. */
  clear(): void {
    this.listOf.clear();
    this.singleOf.clear();
    this.lengths.length = 0;
    this.pairOf.clear();
    this.tripleOf.clear();
    this.pairsUsed = this.rowAtUsed = this.valsUsed = 0;
    this.pairsClean = this.rowAtClean = this.valsClean = 0;
  }

  /** Called before a segment or window is laid out: clears the table once it has grown past its limit. */
  startPass(): void {
    if (this.valsUsed > MAX_VALUES || this.pairsUsed > MAX_PAIR_ENTRIES || this.lengths.length > MAX_LISTS) this.clear();
  }

  /**
   * Called before a document: keeps what earlier documents looked up while it stays under the
   * cross-document limits (lower than a single document's, so that memory stays bounded).
   */
  startDocument(): void {
    if (this.valsUsed > CROSS_DOCUMENT_VALUES || this.pairsUsed > CROSS_DOCUMENT_PAIR_ENTRIES || this.rowAtUsed > CROSS_DOCUMENT_ROW_SLOTS
      || this.lengths.length > CROSS_DOCUMENT_LISTS) this.clear();
  }

  /** The list's id (interned by identity; one-candidate lists by their candidate). */
  list(ids: readonly number[]): number {
    if (ids.length === 1) {
      const id = this.singleOf.get(ids[0]!);
      if (id !== undefined) return id;
      this.singleOf.set(ids[0]!, this.lengths.length);
    } else {
      const id = this.listOf.get(ids);
      if (id !== undefined) return id;
      this.listOf.set(ids, this.lengths.length);
    }
    this.lengths.push(Math.min(ids.length, MAX_CANDIDATES));
    return this.lengths.length - 1;
  }

  /** The list's length as the lattice sees it (cut to MAX_CANDIDATES). */
  length(list: number): number {
    return this.lengths[list]!;
  }

  /** Makes room for one layer's new blocks, so that arrays read before it stay the table's own. */
  reserve(pairEntries: number, slots: number, values: number): void {
    if (PAIR_FIELDS * (this.pairsUsed + pairEntries) > this.pairs.length) {
      const a = new Float64Array(2 * PAIR_FIELDS * (this.pairsUsed + pairEntries));
      a.set(this.pairs.subarray(0, PAIR_FIELDS * this.pairsUsed));
      this.pairs = a;
      this.pairsClean = this.pairsUsed;
    }
    if (this.rowAtUsed + slots > this.rowAt.length) {
      const a = new Int32Array(2 * (this.rowAtUsed + slots));
      a.set(this.rowAt.subarray(0, this.rowAtUsed));
      this.rowAt = a;
      this.rowAtClean = this.rowAtUsed;
    }
    if (this.valsUsed + values > this.vals.length) {
      const a = new Float64Array(2 * (this.valsUsed + values));
      a.set(this.vals.subarray(0, this.valsUsed));
      this.vals = a;
      this.valsClean = this.valsUsed;
    }
  }

  /** First row slot of the pair block of lists (x, y): the row of x is at slot that + i. Needs reserve(0, |x|, 0). */
  pairBlock(x: number, y: number): number {
    let at = this.pairOf.get(x, y);
    if (at < 0) {
      at = this.rowAtUsed;
      this.rowAtUsed += this.lengths[x]!;
      if (this.rowAtUsed > this.rowAtClean) this.cleanRowAt();
      this.pairOf.set(x, y, at);
    }
    return at;
  }

  /** First entry of the pair row at row slot `slot` (n entries), allocated unknown on first use. Needs reserve(n, 0, 0). */
  pairRow(slot: number, n: number): number {
    let r = this.rowAt[slot]!;
    if (r < 0) {
      r = this.pairsUsed;
      this.pairsUsed += n;
      if (this.pairsUsed > this.pairsClean) this.cleanPairs();
      this.rowAt[slot] = r;
    }
    return r;
  }

  /** Entry j of the pair row at row slot `slot` (n entries), filled with lookupBigram(v, w)'s answers if unknown. */
  pairEntry(slot: number, n: number, j: number, v: number, w: number): number {
    const e = this.pairRow(slot, n) + j;
    if (this.pairs[PAIR_FIELDS * e] !== this.pairs[PAIR_FIELDS * e]) this.fillPair(e, v, w);
    return e;
  }

  /**
   * First row slot of the triple block of lists (x, y, z), `pairXY` being pairBlock(x, y): the
   * row of (i, j) is at slot that + i · |y| + j. Needs reserve(0, |x|·|y|, 0).
   */
  tripleBlock(pairXY: number, x: number, y: number, z: number): number {
    let at = this.tripleOf.get(pairXY, z);
    if (at < 0) {
      at = this.rowAtUsed;
      this.rowAtUsed += this.lengths[x]! * this.lengths[y]!;
      if (this.rowAtUsed > this.rowAtClean) this.cleanRowAt();
      this.tripleOf.set(pairXY, z, at);
    }
    return at;
  }

  /** Fills pair entry `e` with lookupBigram(v, w)'s answers. */
  fillPair(e: number, v: number, w: number): void {
    const fresh = this.fresh, lm = fresh ?? this.lm, p = this.pairs, at = PAIR_FIELDS * e;
    p[at] = fresh ? fresh.lookupBigramFresh(v, w) : lm.lookupBigram(v, w);
    p[at + 1] = lm.lastLogP;
    p[at + 2] = lm.lastBackoff;
    p[at + 3] = lm.lastMaxTrigram;
  }

  /** First value of the row of trigram scores at row slot `slot` (n values), allocated unknown on first use. Needs reserve(0, 0, n). */
  row(slot: number, n: number): number {
    let r = this.rowAt[slot]!;
    if (r < 0) {
      r = this.valsUsed;
      this.valsUsed += n;
      if (this.valsUsed > this.valsClean) this.cleanVals();
      this.rowAt[slot] = r;
    }
    return r;
  }

  /**
   * log P(w | u v) with backoff at vals[at], looked up when still unknown: `uv` is the filled pair
   * entry of the context (u, v), `vw` that of (v, w) (its log P is the backoff's bigram).
   */
  arc(at: number, uv: number, vw: number, w: number): number {
    const known = this.vals[at]!;
    if (known === known) return known;
    // The LM's own backoff rule, from the context handle and the bigram the pair entries hold; a
    // context without trigrams backs off at once (the same sum the LM would make, no look-up).
    const p = this.pairs, bg = p[PAIR_FIELDS * vw + 1]!;
    const x = p[PAIR_FIELDS * uv + 3] === -Infinity ? p[PAIR_FIELDS * uv + 2]! + bg
      : this.fresh ? this.fresh.trigramFresh(p[PAIR_FIELDS * uv]!, w, bg) : this.lm.trigramFromContext(p[PAIR_FIELDS * uv]!, w, bg);
    this.vals[at] = x;
    return x;
  }
}

/** The table of calls made without one (tests, single decodes): cleared for each. */
let scratch: ArcTable | undefined;
export function scratchTable(lm: NgramScorer): ArcTable {
  if (!scratch || scratch.lm !== lm) scratch = new ArcTable(lm);
  else scratch.clear();
  return scratch;
}

/**
 * The table restore() calls share (index.ts): kept across documents, since every value is a pure
 * function of the LM and the lists (the model is immutable; lists are shared across documents by
 * candidates.ts), so a later document finds the pairs and triples of common words already looked
 * up. Cleared only past its limits (CROSS_DOCUMENT_*), or by forgetScores(). Restoration is
 * synchronous, so one suffices.
 */
let documents: ArcTable | undefined;
export function documentTable(lm: NgramScorer): ArcTable {
  if (!documents || documents.lm !== lm) documents = new ArcTable(lm);
  documents.startDocument();
  return documents;
}

/** Forgets every score the shared table keeps (the bench's figure of a table that starts empty). */
export function forgetScores(): void {
  documents?.clear();
}
