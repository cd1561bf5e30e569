/**
 * TCVN3 (TCVN 5712:1993 VN3, the "ABC" encoding of the .VnTime fonts): one byte per letter.
 * VN3 has no code for upper-case toned vowels: capitals were typed with the lower-case codes in
 * the all-caps .VnTimeH font, so such a word is upper-cased when it is clearly part of an all-caps
 * run (see classify). A capital toned vowel in running text ("Ủy ban") cannot be recovered.
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

function isAsciiLetter(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** Code unit of each byte's character and of its capital (every TCVN3 character is one BMP unit). */
const CODE = new Uint16Array(256);
const CAPITAL = new Uint16Array(256);
for (let b = 0; b < 256; b++) {
  CODE[b] = TCVN3_CHAR[b]!.charCodeAt(0);
  const up = TCVN3_CHAR[b]!.toUpperCase();
  CAPITAL[b] = up.length === 1 ? up.charCodeAt(0) : CODE[b]!;
}

/** Word classes for the capitals pass (LOWER_ONLY_WORD: only lower-case-only codes, "ở", "à"). */
const NO = 0, MAYBE = 1, CAPS = 2, BREAK = 3, LOWER_ONLY_WORD = 4;

/**
 * 'CAPS': an all-caps Vietnamese word (two or more capitals, no ASCII lower case, and either some
 * lower-case-only codes or the spelling of a syllable, so codes such as "TB-VPCP" do not count);
 * 'MAYBE': lower-case-only codes with exactly one capital (VÒ = "VỀ" or "Về").
 */
function classify(bytes: Uint8Array, start: number, end: number): number {
  let upper = 0, asciiLower = 0, lowerOnly = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 0x61 && c <= 0x7a) asciiLower++;
    else if (LOWER_ONLY[c]) lowerOnly++;
    else upper++; // A–Z or one of the capitals Ă Â Ê Ô Ơ Ư Đ
  }
  if (asciiLower > 0) return NO;
  if (upper === 0) return LOWER_ONLY_WORD; // alone (đã, ở) no sign of capitals; between capital words, one
  if (lowerOnly > 0) return upper >= 2 ? CAPS : MAYBE;
  if (upper < 2 || end - start > 8) return NO;
  let text = '';
  for (let i = start; i < end; i++) text += TCVN3_CHAR[bytes[i]!];
  return isVietnameseSyllable(text.toLowerCase()) ? CAPS : NO;
}

function codesToString(codes: Uint16Array): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

export function decodeTcvn3(bytes: Uint8Array): string {
  const n = bytes.length;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = CODE[bytes[i]!]!;
  // Words that may need capitals, and line breaks, in order: [start, end, class].
  const marks: number[] = [];
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b === 0x0a || b === 0x0d || b === 0x0c) { marks.push(i, i + 1, BREAK); i++; continue; }
    if (!isAsciiLetter(b) && !VIET_LETTER[b]) { i++; continue; }
    const start = i;
    while (i < n && (isAsciiLetter(bytes[i]!) || VIET_LETTER[bytes[i]!])) i++;
    marks.push(start, i, classify(bytes, start, i));
  }
  // A MAYBE word next to a CAPS word on its line is a capital word too; sweeping both ways
  // carries this along runs such as "SỐ VÀ ĐỀ ÁN".
  for (const [from, to, step] of [[0, marks.length, 3], [marks.length - 3, -3, -3]] as const) {
    let capsBefore = false;
    for (let k = from; k !== to; k += step) {
      const cls = marks[k + 2]!;
      if (cls === MAYBE) { if (capsBefore) marks[k + 2] = CAPS; }
      else capsBefore = cls === CAPS;
    }
  }
  // "DÂN CHỦ Ở CƠ SỞ": a word of lower-case-only codes between two capital words on its line.
  for (let k = 3; k + 3 < marks.length; k += 3) {
    if (marks[k + 2] === LOWER_ONLY_WORD && marks[k - 1] === CAPS && marks[k + 5] === CAPS) marks[k + 2] = CAPS;
  }
  for (let k = 0; k < marks.length; k += 3) {
    if (marks[k + 2] !== CAPS) continue;
    for (let j = marks[k]!; j < marks[k + 1]!; j++) codes[j] = CAPITAL[bytes[j]!]!;
  }
  return codesToString(codes);
}

/**
 * TCVN 5712:1993 VN1 (glibc's TCVN5712-1): VN3's codes plus the capitals with marks VN3 lacks,
 * put at 0x01–0x17, 0x80–0x9F and VN3's gaps, and the five tone marks as combining bytes
 * 0xB0–0xB4. Those bytes are windows-1252 punctuation in VN3 text (Word's “ ” – …), so a file
 * is read as VN1 only on evidence: words whose VN1 reading is a Vietnamese syllable.
 */
const VN1_EXTRA: Array<[number, string]> = [
  [0x01, 'Ú'], [0x02, 'Ụ'], [0x04, 'Ừ'], [0x05, 'Ử'], [0x06, 'Ữ'], [0x11, 'Ứ'], [0x12, 'Ự'], [0x13, 'Ỳ'],
  [0x14, 'Ỷ'], [0x15, 'Ỹ'], [0x16, 'Ý'], [0x17, 'Ỵ'],
  ...[...'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ'].map((ch, i): [number, string] => [0x80 + i, ch]),
  [0xaf, 'Ằ'], [0xb0, '\u0300'], [0xb1, '\u0309'], [0xb2, '\u0303'], [0xb3, '\u0301'], [0xb4, '\u0323'],
  [0xba, 'Ẳ'], [0xbf, 'Ẵ'], [0xc0, 'Ắ'], [0xc1, 'Ầ'], [0xc2, 'Ẩ'], [0xc3, 'Ẫ'], [0xc4, 'Ấ'], [0xc5, 'Ề'],
  [0xcd, 'Ể'], [0xd9, 'Ễ'], [0xda, 'Ế'], [0xdb, 'Ồ'], [0xe0, 'Ổ'], [0xf0, 'Ỗ'], [0xff, 'Ố'],
];
const VN1_CODE = new Uint16Array(CODE);
/** 1 for a VN1 capital VN3 lacks, 2 for a combining tone byte. */
const VN1_ONLY = new Uint8Array(256);
for (const [b, ch] of VN1_EXTRA) {
  VN1_CODE[b] = ch.charCodeAt(0);
  VN1_ONLY[b] = ch.length === 1 && /\p{L}/u.test(ch) ? 1 : 2;
}

function isLetterByte(b: number): boolean {
  return isAsciiLetter(b) || VIET_LETTER[b] === 1 || VN1_ONLY[b] !== 0;
}

/**
 * 'vn1' when words that hold VN1-only codes read as Vietnamese syllables in VN1 at least twice as
 * often as they do not (a VN3 file's “quoted” words and “…” read as no syllable). Only words with a
 * letter VN3 has count: a lone dash or quote is a one-letter "word" in VN1 (– is Ọ).
 */
export function tcvnVariant(bytes: Uint8Array): 'vn1' | 'vn3' {
  let yes = 0, no = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    if (!isLetterByte(bytes[i]!)) { i++; continue; }
    const start = i;
    let extra = 0, shared = 0;
    while (i < n && isLetterByte(bytes[i]!)) {
      if (VN1_ONLY[bytes[i]!]) extra++; else shared++;
      i++;
    }
    if (extra === 0 || shared === 0) continue;
    let word = '';
    for (let j = start; j < i; j++) word += String.fromCharCode(VN1_CODE[bytes[j]!]!);
    if (isVietnameseSyllable(word.normalize('NFC').toLowerCase())) yes++; else no++;
  }
  return yes > 0 && yes >= 2 * no ? 'vn1' : 'vn3';
}

/** VN1 bytes → text (tone bytes left combining: the caller normalises to NFC). */
export function decodeTcvnVn1(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) codes[i] = VN1_CODE[bytes[i]!]!;
  return codesToString(codes);
}
