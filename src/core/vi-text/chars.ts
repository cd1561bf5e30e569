/**
 * Character classes for the BMP, computed once from Unicode properties so scanners test a byte
 * instead of running a regex per character.
 */

export const CharClass = { Other: 0, Letter: 1, Digit: 2, Mark: 3, Space: 4, Newline: 5, Punct: 6 } as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

/** A code unit's class is worked out at its first look-up (or at import, below): a process meets a
 * few hundred of them, and testing all 65,536 at import was ~15 % of a batch worker's start (each
 * worker, the CLI, every library process). */
const UNKNOWN = 0xff;
const classes = new Uint8Array(0x10000).fill(UNKNOWN);
const letter = /\p{L}/u;
const mark = /\p{M}/u;
const space = /\s/u;
const punct = /[\p{P}\p{S}]/u;

function classify(c: number): CharClass {
  let k: CharClass = CharClass.Other;
  if (c >= 0xd800 && c <= 0xdfff) k = CharClass.Other; // surrogate halves stay Other
  else if (c >= 0x30 && c <= 0x39) k = CharClass.Digit;
  else if (c === 0x0a || c === 0x0d || c === 0x0c) k = CharClass.Newline;
  else {
    const ch = String.fromCharCode(c);
    if (letter.test(ch)) k = CharClass.Letter;
    else if (mark.test(ch)) k = CharClass.Mark;
    else if (space.test(ch)) k = CharClass.Space;
    else if (punct.test(ch)) k = CharClass.Punct;
  }
  classes[c] = k;
  return k;
}

// What Vietnamese text is made of is worked out at import (~900 code units: Latin, the combining
// marks, the Vietnamese letters, general punctuation), so a first document runs the property
// regexes no more than it did when the whole table was built at import.
for (const [from, to] of [[0x0000, 0x024f], [0x0300, 0x036f], [0x1ea0, 0x1ef9], [0x2000, 0x206f]] as const) {
  for (let c = from; c <= to; c++) classify(c);
}

/** The class of a UTF-16 code unit (undefined past 0xFFFF, as the table always answered). */
export function charClass(code: number): CharClass {
  const k = classes[code]!;
  return (k === UNKNOWN ? classify(code) : k) as CharClass;
}

/** Letters and combining marks both belong to a word. */
export function isWordCode(code: number): boolean {
  const k = charClass(code);
  return k === CharClass.Letter || k === CharClass.Mark;
}
