/**
 * OCR-confusion channel: ln P(ocr string | intended syllable) from learned per-letter emissions
 * (a marked letter becomes an OCR substring of length 0–3: "ư"→"w", "ủ"→"ii", "ã"→"4"), maximised
 * over alignments, plus memorised whole-token confusions. Candidates for an OCR token come from
 * inverting the emissions onto mark-free skeletons and looking those up in the vocabulary.
 */
import { stripMarks } from '../vi-text/index.js';
import { FuzzySkeletons, fuzzyKey } from './fuzzy-skeletons.js';
import { IdScores, LetterCodes, TokenEmissions, type CapitalDMode } from './channel-scorer.js';

export interface ChannelTables {
  /** ground-truth letter → [OCR substring, ln P] */
  emit: Record<string, [string, number][]>;
  /** OCR token → [ground-truth token, ln P(OCR token | ground truth)] */
  pairs: Record<string, [string, number][]>;
  /** ln P of an unseen single-letter substitution or deletion. */
  unseen: number;
  maxEmit: number;
}

/** Which small đ of a candidate stand for a capital Đ in the OCR token (its case pattern). */
export type CapitalD = 'none' | 'first' | 'all';

export interface ChannelCandidate {
  id: number;
  logP: number;
}

const SKELETON_BEAM = 48;
const LOOKALIKE_LETTERS: [string, string][] = [['¢', 'c'], ['©', 'c']];
/** ln P of such a reading: rare, but far likelier than an arbitrary symbol for the letter. */
const LOOKALIKE_LOGP = Math.log(0.05);
const KEEP_WITHIN = 12; // nats below the best candidate (channel + prior)
const MAX_CANDIDATES = 16;
/** Cap when the token's own skeleton spellings are added (the decoder's limit). */
const MAX_WITH_OWN = 24;
/** ln-probability discount on a lost marked letter that is known only through its base letter. */
const DELETION_BACKOFF = -3;
/** The same discount on a marked letter read as several characters only its siblings were seen as. */
const SIBLING_BACKOFF = -3;

export class OcrChannel {
  private emit = new Map<string, Map<string, number>>();
  private reverse = new Map<string, Map<string, number>>();
  private deletions = new Map<string, number>();
  /** base letter → multi-character OCR reading → best ln P over the marked letters of that base */
  private siblings = new Map<string, Map<string, number>>();
  private pairs: Map<string, [string, number][]>;
  private cache = new Map<string, ChannelCandidate[]>();
  private maxEmit: number;
  private unseen: number;
  private fuzzy: FuzzySkeletons | undefined;
  private prefixes: Set<string> | undefined;
  private letters: LetterCodes;
  private best: IdScores;

  constructor(
    tables: ChannelTables,
    private vocab: readonly string[],
    private vocabIndex: ReadonlyMap<string, number>,
    private skeletonIndex: ReadonlyMap<string, readonly number[]>,
    /** Prior ln P(word) used to rank candidates before the decoder sees them. */
    private prior: (id: number) => number,
  ) {
    this.maxEmit = tables.maxEmit;
    this.unseen = tables.unseen;
    this.pairs = new Map(Object.entries(tables.pairs));
    for (const [g, list] of Object.entries(tables.emit)) {
      this.emit.set(g, new Map(list));
      const skel = stripMarks(g).toLowerCase();
      for (const [o, lp] of list) {
        if (o === '') {
          if (lp > (this.deletions.get(skel) ?? -Infinity)) this.deletions.set(skel, lp);
          continue;
        }
        if (o.length > 1 && isMarkedVowel(g)) {
          let b = this.siblings.get(skel);
          if (!b) this.siblings.set(skel, (b = new Map()));
          if (lp > (b.get(o) ?? -Infinity)) b.set(o, lp);
        }
        let m = this.reverse.get(o);
        if (!m) this.reverse.set(o, (m = new Map()));
        if (lp > (m.get(skel) ?? -Infinity)) m.set(skel, lp);
      }
    }
    this.addLookalikes();
    this.letters = new LetterCodes(vocab);
    this.best = new IdScores(vocab.length);
  }

  /** Symbols that are a letter drawn with a stroke ("¢" is a c): a reading the pairs may lack. */
  private addLookalikes(): void {
    for (const [o, g] of LOOKALIKE_LETTERS) {
      for (const letter of [g, g.toUpperCase()]) {
        const m = this.emit.get(letter);
        if (!m || m.has(o)) continue;
        m.set(o, LOOKALIKE_LOGP);
        let r = this.reverse.get(o);
        if (!r) this.reverse.set(o, (r = new Map()));
        if (LOOKALIKE_LOGP > (r.get(g) ?? -Infinity)) r.set(g, LOOKALIKE_LOGP);
      }
    }
  }

  private emitLogP(g: string, o: string, lenient: boolean): number {
    const lp = this.emit.get(g)?.get(o);
    if (lp !== undefined) return lp;
    if (o.length === 1) return o === g.toLowerCase() || o === stripMarks(g).toLowerCase() ? Math.log(0.5) : this.unseen;
    // A lost letter backs off to how often any letter of its base is lost ("dy" for đầy).
    if (o.length === 0) return Math.max(this.unseen, (this.deletions.get(stripMarks(g).toLowerCase()) ?? -Infinity) + DELETION_BACKOFF);
    // A marked vowel read as characters only its siblings were seen as ("ữ" as "ii", seen for
    // "ũ"): the pairs are too few to have shown every mark with every reading.
    const sibling = isMarkedVowel(g) ? this.siblings.get(stripMarks(g).toLowerCase())?.get(o) : undefined;
    if (sibling !== undefined) return sibling + SIBLING_BACKOFF;
    // Lenient (fallback search only): the letter read with one stray character beside it.
    if (lenient && o.length === 2) {
      const a = this.lenientOne(g, o[0]!) + this.strayCost(g, o[1]!);
      const b = this.lenientOne(g, o[1]!) + this.strayCost(g, o[0]!);
      return Math.max(a, b);
    }
    return -Infinity;
  }

  /**
   * One OCR character for a letter, unseen pairs included. An English model renders a marked
   * vowel's marks as symbols (ệ → ¢, ề → €), so an unseen symbol for a marked vowel costs half.
   */
  private lenientOne(g: string, o: string): number {
    const lp = this.emitLogP(g, o, false);
    return lp === this.unseen && isMarkedVowel(g) && isSymbol(o) ? this.unseen / 2 : lp;
  }

  /** A character the OCR added beside a letter's reading: a symbol by a marked vowel is likely. */
  private strayCost(g: string, o: string): number {
    return isMarkedVowel(g) && isSymbol(o) ? this.unseen / 2 : this.unseen;
  }

  /**
   * ln P(ocr | gt), best alignment; both lower-case, capitals Đ marked by `capitalD`. `lenient`
   * also lets one letter come out as two characters at an unseen-edit cost.
   */
  score(gt: string, ocr: string, capitalD: CapitalD = 'none', lenient = false): number {
    return this.emissions(ocr, lenient).score(this.letters.encode(gt), this.capitalMode(capitalD));
  }

  /** The token's emission table, for scoring many forms against it (channel-scorer.ts). */
  private emissions(ocr: string, lenient: boolean): TokenEmissions {
    const emission = lenient
      ? (g: string, o: string) => (o.length === 1 ? this.lenientOne(g, o) : this.emitLogP(g, o, true))
      : (g: string, o: string) => this.emitLogP(g, o, false);
    return new TokenEmissions(ocr, this.maxEmit, this.letters, emission);
  }

  private capitalMode(capitalD: CapitalD): CapitalDMode {
    return capitalD === 'none' || !this.emit.has('Đ') ? 0 : capitalD === 'all' ? 2 : 1;
  }

  /**
   * Mark-free skeletons the OCR string may come from, best first: those that are syllable
   * skeletons (the beam kept to prefixes of real ones, so cheap nonsense readings cannot crowd
   * out a dearer real one: "vieéng" → vuong), then the best readings of any kind, then those with
   * one lost letter put back.
   */
  private skeletons(ocr: string): string[] {
    const real = this.beamSkeletons(ocr, true);
    const any = this.beamSkeletons(ocr, false);
    // One dropped letter (OCR lost it) next to any position, for the best few skeletons.
    const extra: string[] = [];
    for (const skel of any.slice(0, 6))
      for (const [d] of this.deletions)
        for (let p = 0; p <= skel.length; p++) extra.push(skel.slice(0, p) + d + skel.slice(p));
    return [...real, ...any, ...extra];
  }

  private beamSkeletons(ocr: string, realOnly: boolean): string[] {
    this.prefixes ??= skeletonPrefixes(this.skeletonIndex.keys());
    const prefixes = this.prefixes;
    const n = ocr.length;
    const layers: Map<string, number>[] = Array.from({ length: n + 1 }, () => new Map());
    layers[0]!.set('', 0);
    for (let j = 0; j <= n; j++) {
      let layer = layers[j]!;
      if (layer.size > SKELETON_BEAM) {
        layer = new Map([...layer].sort((a, b) => b[1] - a[1]).slice(0, SKELETON_BEAM));
        layers[j] = layer;
      }
      for (const [skel, lp] of layer) {
        for (let k = 1; k <= this.maxEmit && j + k <= n; k++) {
          const seq = ocr.slice(j, j + k);
          const rev = this.reverse.get(seq);
          const options: [string, number][] = rev ? [...rev] : [];
          if (k === 1 && /[a-z]/.test(seq) && !rev?.has(seq)) options.push([seq, this.unseen]);
          for (const [s, l] of options) {
            const key = skel + s, v = lp + l;
            if (realOnly && !prefixes.has(key)) continue;
            const next = layers[j + k]!;
            if (v > (next.get(key) ?? -Infinity)) next.set(key, v);
          }
        }
      }
    }
    const out = [...layers[n]!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SKELETON_BEAM);
    return out.map((x) => x[0]).filter((k) => !realOnly || this.skeletonIndex.has(k));
  }

  /** Vocabulary candidates for one lower-case OCR token, best channel score first. */
  candidates(ocr: string, capitalD: CapitalD = 'none'): ChannelCandidate[] {
    const key = capitalD + ':' + ocr;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const best = this.best;
    best.clear();
    const strict = this.emissions(ocr, false), cap = this.capitalMode(capitalD);
    for (const skel of this.skeletons(ocr)) {
      for (const id of this.skeletonIndex.get(skel) ?? []) {
        if (!best.has(id)) best.set(id, strict.score(this.letters.form(id), cap));
      }
    }
    for (const [gt, lp] of this.pairs.get(ocr) ?? []) {
      const id = this.vocabIndex.get(gt);
      if (id !== undefined && lp > best.get(id)) best.set(id, lp);
    }
    let top = -Infinity;
    for (const id of best.ids) if (best.get(id) > top) top = best.get(id);
    if (top < this.unseen / 2 || hasJunk(ocr)) this.addFuzzy(ocr, capitalD, best);
    // Rank by channel × prior: many syllables read the same ("so" ← so, sơ, sọ, sô, số, sở …),
    // and the frequent ones must survive the cut.
    const kept = best.ranked(this.prior, KEEP_WITHIN);
    const out = kept.slice(0, MAX_CANDIDATES).map(({ id, logP }) => ({ id, logP }));
    // Every spelling of the token's own letters stays, however rare ("dang" → dàng of dễ dàng).
    const own = this.skeletonIndex.get(ocr);
    if (own) for (const { id, logP } of kept.slice(MAX_CANDIDATES)) if (out.length < MAX_WITH_OWN && own.includes(id)) out.push({ id, logP });
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  /**
   * Candidates the learned emissions cannot reach (junk inside the token, letters split or
   * dropped): skeletons near the token by edit distance, scored leniently. Ligatures are tried
   * both as one junk character and folded to their letters ("ﬁ" → "fi").
   */
  private addFuzzy(ocr: string, capitalD: CapitalD, best: IdScores): void {
    this.fuzzy ??= new FuzzySkeletons(this.skeletonIndex.keys());
    const folded = ocr.normalize('NFKC');
    const cap = this.capitalMode(capitalD);
    for (const form of folded === ocr ? [ocr] : [ocr, folded]) {
      const lenient = this.emissions(form, true);
      for (const { skeleton } of this.fuzzy.near(form)) {
        for (const id of this.skeletonIndex.get(skeleton) ?? []) {
          const lp = lenient.score(this.letters.form(id), cap);
          if (lp > best.get(id)) best.set(id, lp);
        }
      }
    }
  }
}

/** Every prefix of every skeleton (the empty one included). */
function skeletonPrefixes(skeletons: Iterable<string>): Set<string> {
  const out = new Set<string>(['']);
  for (const s of skeletons) for (let i = 1; i <= s.length; i++) out.add(s.slice(0, i));
  return out;
}

/** A character that is no letter a Vietnamese word could contain (digit, symbol, ligature). */
export function hasJunk(ocrLower: string): boolean {
  return /[^a-z]/.test(fuzzyKey(ocrLower));
}

const isMarkedVowel = (g: string) => /[aeiouy]/i.test(stripMarks(g)) && stripMarks(g) !== g;
/** Neither a letter nor a digit nor a space: ¢ € ¥ & § } and the like. */
const isSymbol = (o: string) => !/[\p{L}\p{N}\s]/u.test(o);
