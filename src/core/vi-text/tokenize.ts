/**
 * Lossless tokenizer: the tokens' texts joined give back the input exactly, for any input.
 *
 * Kinds, tried in this order at each position:
 * - newline: one of \r\n, \n, \r, \f.
 * - space: a run of any other whitespace.
 * - url: "http://", "https://" or "www." followed by non-space characters, minus trailing
 *   punctuation such as ".", ",", ")"; also a bare domain name in lower case ending in a common
 *   top-level domain ("sinhvien.epu.edu.vn", "dichvucong.gov.vn/tra-cuu"): its parts are no words.
 * - email: local@domain.tld (ASCII letters, digits and . _ % + - in the local part).
 * - code: alphanumeric segments joined by single "/" or "-" (72/KH-UBND, 30/2020/NĐ-CP,
 *   29/12/2023, QĐ-UBND) where some segment holds a digit or every segment is upper case;
 *   also a single segment mixing letters and digits (H2O, x4).
 * - number: digits with "." or "," group separators between digits and an optional "%"
 *   (1.500, 3,5, 100%).
 * - word: a run of letters and combining marks.
 * - punct: one punctuation or symbol character.
 * - other: anything else (controls, characters outside the BMP), one code point at a time.
 */
import { CharClass, charClass, isWordCode } from './chars.js';

export type TokenKind = 'word' | 'number' | 'code' | 'url' | 'email' | 'punct' | 'space' | 'newline' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const URL_TRAILING = new Set([...'.,;:!?\'")]}>»”’…']);
/** A bare domain: lower-case labels joined by dots, a common top-level domain, an optional path. */
const TLD = String.raw`\.(?:vn|com|net|org|gov|edu|info|int|io)(?![\p{L}\p{N}])`;
const DOMAIN = new RegExp(String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*` + TLD + String.raw`(?:\/[^\s]*)?`, 'uy');
const MAY_HAVE_DOMAIN = new RegExp('[a-z0-9]' + TLD, 'u');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAlnum(code: number): boolean {
  return isDigit(code) || isWordCode(code);
}

function startsUrl(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  if (c !== 0x68 && c !== 0x77) return false; // h or w
  if (i > 0 && isAlnum(text.charCodeAt(i - 1))) return false;
  const head = text.slice(i, i + 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.');
}

function urlEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length) {
    const k = charClass(text.charCodeAt(end));
    if (k === CharClass.Space || k === CharClass.Newline) break;
    end++;
  }
  while (end > i && URL_TRAILING.has(text[end - 1]!)) end--;
  return end;
}

function domainEnd(text: string, i: number): number {
  if (i > 0 && (isAlnum(text.charCodeAt(i - 1)) || text[i - 1] === '.' || text[i - 1] === '@')) return -1;
  DOMAIN.lastIndex = i;
  const m = DOMAIN.exec(text);
  if (!m) return -1;
  let end = i + m[0].length;
  while (end > i && URL_TRAILING.has(text[end - 1]!)) end--;
  return end;
}

function emailEnd(text: string, i: number): number {
  if (i > 0 && isAlnum(text.charCodeAt(i - 1))) return -1;
  EMAIL.lastIndex = i;
  const m = EMAIL.exec(text);
  return m ? i + m[0].length : -1;
}

interface Segment {
  end: number;
  letters: boolean;
  digits: boolean;
  upper: boolean;
}

function scanSegment(text: string, i: number): Segment {
  let letters = false, digits = false, upper = true;
  let end = i;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (isDigit(code)) digits = true;
    else if (isWordCode(code)) {
      letters = true;
      const ch = text[end]!;
      if (ch !== ch.toUpperCase()) upper = false;
    } else break;
    end++;
  }
  return { end, letters, digits, upper };
}

/** Scans letters/digits from i (an alphanumeric position) and returns the token kind and end. */
function scanAlnum(text: string, i: number): { kind: TokenKind; end: number } {
  const first = scanSegment(text, i);
  let end = first.end;
  let anyDigit = first.digits;
  let allUpper = first.letters ? first.upper : true;
  let segments = 1;
  while (end + 1 < text.length) {
    const sep = text.charCodeAt(end);
    if ((sep !== 0x2f && sep !== 0x2d) || !isAlnum(text.charCodeAt(end + 1))) break;
    const seg = scanSegment(text, end + 1);
    anyDigit ||= seg.digits;
    if (seg.letters && !seg.upper) allUpper = false;
    end = seg.end;
    segments++;
  }
  if (segments > 1 && (anyDigit || allUpper)) return { kind: 'code', end };
  if (first.letters && first.digits) return { kind: 'code', end: first.end };
  if (first.letters) return { kind: 'word', end: first.end };
  // Pure digits: a number with group/decimal separators and an optional percent sign.
  end = first.end;
  while (end + 1 < text.length && (text[end] === '.' || text[end] === ',') && isDigit(text.charCodeAt(end + 1))) {
    end++;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  }
  if (end < text.length && text[end] === '%') end++;
  return { kind: 'number', end };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  const mayHaveEmail = text.includes('@');
  const mayHaveDomain = MAY_HAVE_DOMAIN.test(text);
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: text.slice(i, end), start: i, end });
    i = end;
  };
  while (i < n) {
    const code = text.charCodeAt(i);
    const k = charClass(code);
    if (k === CharClass.Newline) {
      push('newline', code === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1);
    } else if (k === CharClass.Space) {
      let end = i + 1;
      while (end < n && charClass(text.charCodeAt(end)) === CharClass.Space) end++;
      push('space', end);
    } else if (k === CharClass.Letter || k === CharClass.Digit || k === CharClass.Mark) {
      if (startsUrl(text, i)) {
        const end = urlEnd(text, i);
        if (end > i + 4) { push('url', end); continue; }
      }
      const mail = mayHaveEmail ? emailEnd(text, i) : -1;
      if (mail > 0) { push('email', mail); continue; }
      const domain = mayHaveDomain ? domainEnd(text, i) : -1;
      if (domain > 0) { push('url', domain); continue; }
      const { kind, end } = scanAlnum(text, i);
      push(kind, end);
    } else if (k === CharClass.Punct) {
      push('punct', i + 1);
    } else {
      // Keep a surrogate pair together so no token holds half a character.
      const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      push('other', pair ? i + 2 : i + 1);
    }
  }
  return tokens;
}
