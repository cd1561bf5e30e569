/**
 * The English-model OCR channel's per-letter emissions: ln P(OCR substring | intended letter),
 * from the learned table with back-offs for readings the pairs never showed (a lost letter, a
 * marked vowel read as its sibling's characters, a stray symbol beside a vowel). Everything a
 * letter's back-offs need (its base, whether it is a marked vowel) is worked out once per letter.
 */
import { stripMarks } from '../vi-text/index.js';
import type { ChannelTables } from './channel-types.js';

const LOOKALIKE_LETTERS: [string, string][] = [['¢', 'c'], ['©', 'c']];
/** ln P of such a reading: rare, but far likelier than an arbitrary symbol for the letter. */
const LOOKALIKE_LOGP = Math.log(0.05);
/** ln-probability discount on a lost marked letter that is known only through its base letter. */
const DELETION_BACKOFF = -3;
/** The same discount on a marked letter read as several characters only its siblings were seen as. */
const SIBLING_BACKOFF = -3;
const HALF = Math.log(0.5);

interface LetterInfo {
  emit: Map<string, number> | undefined;
  /** The letter lower-cased, and mark-free lower-cased, as one UTF-16 code (−1 when longer): compared
   * with a one-character reading by code, since the readings are strings of every internal kind
   * (sliced, internalized) and a string comparison's compiled code is thrown away at each new kind. */
  lowerCode: number;
  baseCode: number;
  markedVowel: boolean;
  /** ln P of the letter lost altogether (back-off included). */
  deletion: number;
  /** Multi-character readings of its sibling marked letters (marked vowels only). */
  siblings: Map<string, number> | undefined;
}

/** The letters an OCR piece may stand for (ChannelEmissions.reverse) as arrays, in the map's order. */
export interface ReverseReadings {
  letters: readonly string[];
  logPs: readonly number[];
  /** The piece is itself one of the letters. */
  self: boolean;
}

export class ChannelEmissions {
  readonly maxEmit: number;
  readonly unseen: number;
  private readonly halfUnseen: number;
  private emit = new Map<string, Map<string, number>>();
  /** OCR substring → mark-free lower-case letter → best ln P (for inverting the channel). */
  readonly reverse = new Map<string, Map<string, number>>();
  /** Mark-free letter → best ln P of losing a letter of that base. */
  readonly deletions = new Map<string, number>();
  /** base letter → multi-character OCR reading → best ln P over the marked letters of that base */
  private siblings = new Map<string, Map<string, number>>();
  private info = new Map<string, LetterInfo>();
  private readingLists = new Map<string, ReverseReadings>();
  private symbols = new Map<string, boolean>();

  constructor(tables: ChannelTables) {
    this.maxEmit = tables.maxEmit;
    this.unseen = tables.unseen;
    this.halfUnseen = tables.unseen / 2;
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

  /** `reverse.get(piece)` as arrays (made once per piece), or undefined. */
  readingsOf(piece: string): ReverseReadings | undefined {
    let r = this.readingLists.get(piece);
    if (r === undefined) {
      // Misses are not kept: junk pieces would grow the map for the model's life, for nothing.
      const m = this.reverse.get(piece);
      if (!m) return undefined;
      this.readingLists.set(piece, (r = { letters: [...m.keys()], logPs: [...m.values()], self: m.has(piece) }));
    }
    return r;
  }

  has(letter: string): boolean {
    return this.emit.has(letter);
  }

  /** The readings learned for a letter (lookalikes included), or undefined. */
  learned(letter: string): ReadonlyMap<string, number> | undefined {
    return this.emit.get(letter);
  }

  private letter(g: string): LetterInfo {
    let i = this.info.get(g);
    if (!i) {
      const base = stripMarks(g).toLowerCase();
      const markedVowel = isMarkedVowel(g);
      i = {
        emit: this.emit.get(g), lowerCode: oneCode(g.toLowerCase()), baseCode: oneCode(base), markedVowel,
        // A lost letter backs off to how often any letter of its base is lost ("dy" for đầy).
        deletion: Math.max(this.unseen, (this.deletions.get(base) ?? -Infinity) + DELETION_BACKOFF),
        siblings: markedVowel ? this.siblings.get(base) : undefined,
      };
      this.info.set(g, i);
    }
    return i;
  }

  /** ln P that letter `g` was read as `o`; `lenient` (fallback search only) also allows a stray character beside it. */
  logP(g: string, o: string, lenient: boolean): number {
    const i = this.letter(g);
    return lenient && o.length === 1 ? this.lenientOne(i, o) : this.emitLogP(i, o, lenient);
  }

  private emitLogP(i: LetterInfo, o: string, lenient: boolean): number {
    const lp = i.emit?.get(o);
    if (lp !== undefined) return lp;
    if (o.length === 1) { const c = o.charCodeAt(0); return c === i.lowerCode || c === i.baseCode ? HALF : this.unseen; }
    if (o.length === 0) return i.deletion;
    // A marked vowel read as characters only its siblings were seen as ("ữ" as "ii", seen for
    // "ũ"): the pairs are too few to have shown every mark with every reading.
    const sibling = i.siblings?.get(o);
    if (sibling !== undefined) return sibling + SIBLING_BACKOFF;
    // Lenient: the letter read with one stray character beside it.
    if (lenient && o.length === 2) {
      const a = this.lenientOne(i, o[0]!) + this.strayCost(i, o[1]!);
      const b = this.lenientOne(i, o[1]!) + this.strayCost(i, o[0]!);
      return Math.max(a, b);
    }
    return -Infinity;
  }

  /**
   * One OCR character for a letter, unseen pairs included. An English model renders a marked
   * vowel's marks as symbols (ệ → ¢, ề → €), so an unseen symbol for a marked vowel costs half.
   */
  private lenientOne(i: LetterInfo, o: string): number {
    const lp = this.emitLogP(i, o, false);
    // Every operand read each time: one first read after compilation throws the compiled code away.
    const unseen = this.unseen, half = this.halfUnseen, marked = i.markedVowel, symbol = this.isSymbol(o);
    return lp === unseen && marked && symbol ? half : lp;
  }

  /** A character the OCR added beside a letter's reading: a symbol by a marked vowel is likely. */
  private strayCost(i: LetterInfo, o: string): number {
    const marked = i.markedVowel, symbol = this.isSymbol(o);
    return marked && symbol ? this.halfUnseen : this.unseen;
  }

  /** Neither a letter nor a digit nor a space: ¢ € ¥ & § } and the like. */
  private isSymbol(o: string): boolean {
    let s = this.symbols.get(o);
    if (s === undefined) this.symbols.set(o, (s = !/[\p{L}\p{N}\s]/u.test(o)));
    return s;
  }
}

const oneCode = (s: string) => (s.length === 1 ? s.charCodeAt(0) : -1);
const isMarkedVowel = (g: string) => /[aeiouy]/i.test(stripMarks(g)) && stripMarks(g) !== g;
