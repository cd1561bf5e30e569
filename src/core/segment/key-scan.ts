/**
 * Scans of a line's key per code unit, each what a global regex stepped with exec finds, without
 * a match array per hit: these run on every line of every document (tokens for each keyword
 * test, the e-signature scan's tokens and gaps), and the match arrays were a good part of a
 * document's garbage (docs/batch-speed.md, session 17). Each is tested against its regex.
 */

export interface KeyRun {
  text: string;
  start: number;
  end: number;
}

/** A-Z or 0-9: what a key's tokens are made of. */
const isKeyAlnum = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/** 1 for A-Z, 2 for 0-9, 0 for the rest. */
const letterOrDigit = (c: number): number => (c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 0);

/** What a non-unicode regex's `\s` matches: ECMAScript's white space and line terminators. */
export const isRegexSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
  || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** The matches of /[A-Z0-9]+/g, the first `limit` only. */
export function alnumRuns(key: string, limit = Infinity): KeyRun[] {
  const out: KeyRun[] = [];
  for (let i = 0; i < key.length && out.length < limit;) {
    if (!isKeyAlnum(key.charCodeAt(i))) { i++; continue; }
    const start = i;
    while (++i < key.length && isKeyAlnum(key.charCodeAt(i)));
    out.push({ text: key.slice(start, i), start, end: i });
  }
  return out;
}

/** The matches of /[A-Z]+|[0-9]+/g: letter runs and digit runs apart. */
export function letterOrDigitRuns(key: string): KeyRun[] {
  const out: KeyRun[] = [];
  for (let i = 0; i < key.length;) {
    const kind = letterOrDigit(key.charCodeAt(i));
    if (kind === 0) { i++; continue; }
    const start = i;
    while (++i < key.length && letterOrDigit(key.charCodeAt(i)) === kind);
    out.push({ text: key.slice(start, i), start, end: i });
  }
  return out;
}

/** Where the matches of /\s{2,}/g start (runs of two or more white spaces). */
export function spaceRunStarts(key: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < key.length;) {
    if (!isRegexSpace(key.charCodeAt(i))) { i++; continue; }
    const start = i;
    while (++i < key.length && isRegexSpace(key.charCodeAt(i)));
    if (i - start >= 2) out.push(start);
  }
  return out;
}

/** Where the key holds either of two code units (the matches of /[ab]/g). */
export function unitPositions(key: string, a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < key.length; i++) { const c = key.charCodeAt(i); if (c === a || c === b) out.push(i); }
  return out;
}
