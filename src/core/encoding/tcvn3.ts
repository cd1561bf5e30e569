/**
 * TCVN3 (TCVN 5712:1993 VN3, the "ABC" encoding of the .VnTime fonts): one byte per letter.
 * VN3 has no code for upper-case toned vowels: capitals were typed with the lower-case codes in
 * the all-caps .VnTimeH font, so a word whose other letters are all upper case is upper-cased.
 */
import { CP1252_CHAR } from './cp1252.js';
import { isVietnameseSyllable } from '../vi-text/syllable.js';

/** Byte of each toned form, rows in tone order grave, acute, hook, tilde, dot. */
const TONED_ROWS: Array<[string, number[]]> = [
  ['a', [0xb5, 0xb8, 0xb6, 0xb7, 0xb9]],
  ['ă', [0xbb, 0xbe, 0xbc, 0xbd, 0xc6]],
  ['â', [0xc7, 0xca, 0xc8, 0xc9, 0xcb]],
  ['e', [0xcc, 0xd0, 0xce, 0xcf, 0xd1]],
  ['ê', [0xd2, 0xd5, 0xd3, 0xd4, 0xd6]],
  ['i', [0xd7, 0xdd, 0xd8, 0xdc, 0xde]],
  ['o', [0xdf, 0xe3, 0xe1, 0xe2, 0xe4]],
  ['ô', [0xe5, 0xe8, 0xe6, 0xe7, 0xe9]],
  ['ơ', [0xea, 0xed, 0xeb, 0xec, 0xee]],
  ['u', [0xef, 0xf3, 0xf1, 0xf2, 0xf4]],
  ['ư', [0xf5, 0xf8, 0xf6, 0xf7, 0xf9]],
  ['y', [0xfa, 0xfd, 0xfb, 0xfc, 0xfe]],
];
const PLAIN: Array<[number, string]> = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
];
const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** Unicode for each byte; bytes outside the Vietnamese set read as windows-1252. */
const TCVN3_CHAR: string[] = [];
/** True for the bytes that only exist in lower case (toned vowels, ă â ê ô ơ ư đ). */
const LOWER_ONLY = new Uint8Array(256);
/** True for the bytes that are Vietnamese letters in TCVN3. */
const VIET_LETTER = new Uint8Array(256);
for (let b = 0; b < 256; b++) TCVN3_CHAR[b] = String.fromCharCode(CP1252_CHAR[b]!);
for (const [vowel, bytes] of TONED_ROWS) {
  bytes.forEach((b, i) => {
    TCVN3_CHAR[b] = (vowel + TONE_MARKS[i]).normalize('NFC');
    LOWER_ONLY[b] = 1;
    VIET_LETTER[b] = 1;
  });
}
for (const [b, ch] of PLAIN) {
  TCVN3_CHAR[b] = ch;
  VIET_LETTER[b] = 1;
  if (ch === ch.toLowerCase()) LOWER_ONLY[b] = 1;
}

/** True when the byte is one of TCVN3's Vietnamese letters. */
export function isTcvn3Letter(b: number): boolean {
  return VIET_LETTER[b] === 1;
}

function isAsciiLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

interface Piece {
  text: string;
  /**
   * 'caps': an all-caps Vietnamese word (two or more capitals, no ASCII lower case, some
   * lower-case-only codes); 'maybe': lower-case-only codes with exactly one capital.
   */
  caps: 'caps' | 'maybe' | 'no' | 'break' | 'gap';
}

function readWord(bytes: Uint8Array, i: number): { piece: Piece; end: number } {
  let text = '';
  let upper = 0, asciiLower = 0, lowerOnly = 0;
  while (i < bytes.length && (isAsciiLetter(bytes[i]!) || isTcvn3Letter(bytes[i]!))) {
    const c = bytes[i]!;
    text += TCVN3_CHAR[c];
    if (c >= 0x61 && c <= 0x7a) asciiLower++;
    else if (LOWER_ONLY[c]) lowerOnly++;
    else upper++; // A–Z or one of the capitals Ă Â Ê Ô Ơ Ư Đ
    i++;
  }
  let caps: Piece['caps'] = 'no';
  // A word of lower-case codes only (đã, ở) gives no sign of capitals and stays as it is.
  if (asciiLower === 0 && lowerOnly > 0 && upper > 0) caps = upper >= 2 ? 'caps' : 'maybe';
  // Capitals only (TIN, NĂM) count when they spell a syllable, so codes such as "TB-VPCP" do not.
  else if (asciiLower === 0 && upper >= 2 && isVietnameseSyllable(text.toLowerCase())) caps = 'caps';
  return { piece: { text, caps }, end: i };
}

export function decodeTcvn3(bytes: Uint8Array): string {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (isAsciiLetter(b) || isTcvn3Letter(b)) {
      const { piece, end } = readWord(bytes, i);
      pieces.push(piece);
      i = end;
    } else {
      const isBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x0c;
      let text = '';
      do text += TCVN3_CHAR[bytes[i]!]!;
      while (++i < bytes.length && !isAsciiLetter(bytes[i]!) && !isTcvn3Letter(bytes[i]!) && isBreak(bytes[i]!) === isBreak(b));
      pieces.push({ text, caps: isBreak(b) ? 'break' : 'gap' });
    }
  }
  // Short words in lower-case codes next to an all-caps word (on the same line) are capitals
  // too; sweeping both ways carries this along runs such as "SỐ VÀ ĐỀ ÁN".
  const sweep = (from: number, to: number, step: number) => {
    let capsBefore = false;
    for (let j = from; j !== to; j += step) {
      const p = pieces[j]!;
      if (p.caps === 'break') capsBefore = false;
      else if (p.caps === 'caps') capsBefore = true;
      else if (p.caps === 'maybe') { if (capsBefore) p.caps = 'caps'; }
      else if (p.caps === 'no') capsBefore = false;
    }
  };
  sweep(0, pieces.length, 1);
  sweep(pieces.length - 1, -1, -1);
  let out = '';
  for (const p of pieces) out += p.caps === 'caps' ? p.text.toUpperCase() : p.text;
  return out;
}
