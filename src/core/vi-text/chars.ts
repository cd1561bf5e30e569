/**
 * Character classes for the BMP, computed once from Unicode properties so scanners test a byte
 * instead of running a regex per character.
 */

export const CharClass = { Other: 0, Letter: 1, Digit: 2, Mark: 3, Space: 4, Newline: 5, Punct: 6 } as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const classes = new Uint8Array(0x10000);

function build(): void {
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  const space = /\s/u;
  const punct = /[\p{P}\p{S}]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves stay Other
    const ch = String.fromCharCode(c);
    let k: CharClass = CharClass.Other;
    if (c >= 0x30 && c <= 0x39) k = CharClass.Digit;
    else if (c === 0x0a || c === 0x0d || c === 0x0c) k = CharClass.Newline;
    else if (letter.test(ch)) k = CharClass.Letter;
    else if (mark.test(ch)) k = CharClass.Mark;
    else if (space.test(ch)) k = CharClass.Space;
    else if (punct.test(ch)) k = CharClass.Punct;
    classes[c] = k;
  }
}
build();

export function charClass(code: number): CharClass {
  return classes[code]! as CharClass;
}

/** Letters and combining marks both belong to a word. */
export function isWordCode(code: number): boolean {
  const k = classes[code]!;
  return k === CharClass.Letter || k === CharClass.Mark;
}
