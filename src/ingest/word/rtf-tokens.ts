/**
 * RTF tokens: groups, control words (with their numeric parameter), control symbols, \'hh bytes
 * and runs of plain text bytes. One pass over the bytes, each byte looked at a bounded number of
 * times: a hostile file costs time in proportion to its size. \binN data is stepped over here
 * (it is raw bytes, never text), clamped to the end of the file.
 */

export type RtfToken =
  | { kind: 'open' }
  | { kind: 'close' }
  /** A control word: `\par`, `\f2`, `\u-3912` (param null when none is written); `at`: its backslash's offset. */
  | { kind: 'word'; name: string; param: number | null; at: number }
  /** A control symbol: `\~`, `\-`, `\*`, `\{` … (the character after the backslash). */
  | { kind: 'symbol'; char: string }
  /** A byte written as \'hh. */
  | { kind: 'hex'; byte: number }
  /** Plain text bytes data[start, end) (no backslash, braces, CR or LF in them). */
  | { kind: 'text'; start: number; end: number };

/** The RTF spec bounds control words to 32 letters and parameters to a signed 16/32-bit number. */
const MAX_WORD = 32;
const MAX_PARAM_DIGITS = 10;

const isLetter = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

function hexValue(b: number): number {
  if (isDigit(b)) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

export function* rtfTokens(data: Uint8Array): Generator<RtfToken> {
  const n = data.length;
  let i = 0;
  while (i < n) {
    const b = data[i]!;
    if (b === 0x7b) { i++; yield { kind: 'open' }; continue; }
    if (b === 0x7d) { i++; yield { kind: 'close' }; continue; }
    if (b === 0x0d || b === 0x0a) { i++; continue; }
    if (b !== 0x5c) {
      const start = i;
      while (i < n) {
        const c = data[i]!;
        if (c === 0x5c || c === 0x7b || c === 0x7d || c === 0x0d || c === 0x0a) break;
        i++;
      }
      yield { kind: 'text', start, end: i };
      continue;
    }
    // A backslash: a control word, a control symbol or \'hh.
    i++;
    if (i >= n) break;
    const c = data[i]!;
    if (isLetter(c)) {
      const start = i;
      while (i < n && isLetter(data[i]!) && i - start < MAX_WORD) i++;
      const name = String.fromCharCode(...data.subarray(start, i));
      while (i < n && isLetter(data[i]!)) i++; // an over-long word: the rest is dropped with it
      let param: number | null = null;
      const negative = data[i] === 0x2d && i + 1 < n && isDigit(data[i + 1]!);
      if (negative) i++;
      if (i < n && isDigit(data[i]!)) {
        let value = 0, digits = 0;
        while (i < n && isDigit(data[i]!)) {
          if (digits < MAX_PARAM_DIGITS) value = value * 10 + (data[i]! - 0x30);
          digits++; i++;
        }
        param = negative ? -value : value;
      }
      if (data[i] === 0x20) i++; // the space that ends a control word belongs to it
      if (name === 'bin') {
        i = Math.min(n, i + Math.max(0, param ?? 0));
        continue;
      }
      yield { kind: 'word', name, param, at: start - 1 };
      continue;
    }
    if (c === 0x27) {
      const hi = i + 1 < n ? hexValue(data[i + 1]!) : -1;
      const lo = i + 2 < n ? hexValue(data[i + 2]!) : -1;
      if (hi >= 0 && lo >= 0) { i += 3; yield { kind: 'hex', byte: hi * 16 + lo }; } else i++;
      continue;
    }
    i++;
    // A backslash before a line end is a paragraph mark (old writers).
    if (c === 0x0d || c === 0x0a) { yield { kind: 'word', name: 'par', param: null, at: i - 2 }; continue; }
    yield { kind: 'symbol', char: String.fromCharCode(c) };
  }
}
