/**
 * ln P(OCR piece | letter) remembered across tokens. Each OCR token's alignment table needs one row
 * per letter its candidate forms contain (~70 letters for a junk token's fuzzy fallback), each row
 * every substring of the token: filling them was most of what a junk token cost the first document
 * of a process (25,000 emission look-ups on the sample, 11,000 distinct). A piece ("n", "1i", "")
 * recurs from token to token, so its column of values, one per letter code, is kept here.
 */

/** ln P that `letter` was read as `o` (a substring of the token, 0..maxEmit characters). */
export type EmissionFn = (letter: string, o: string) => number;

/** Pieces kept before starting afresh (a column is a few hundred bytes; junk is open-ended). */
const MAX_PIECES = 20_000;

export class EmissionMemo {
  private columns = new Map<string, Float64Array>();

  /** `emission` must be a pure function of its arguments: its values are kept for good. */
  constructor(private readonly emission: EmissionFn) {}

  /** The column of `piece`: per letter code, its ln P or NaN while not worked out (value() fills it). */
  column(piece: string, codes: number): Float64Array {
    let c = this.columns.get(piece);
    if (c && c.length >= codes) return c;
    const grown = new Float64Array(Math.max(128, codes * 2)).fill(NaN);
    if (c) grown.set(c);
    else if (this.columns.size >= MAX_PIECES) this.columns.clear();
    this.columns.set(piece, grown);
    return grown;
  }

  /** ln P(piece | letter `code`), from the column when known. */
  value(column: Float64Array, code: number, letter: string, piece: string): number {
    let v = column[code]!;
    if (v !== v) column[code] = v = this.emission(letter, piece);
    return v;
  }
}
