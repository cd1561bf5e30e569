/** Byte- and text-level evidence used to pick an encoding. */
import { isVietnameseSyllable } from '../vi-text/index.js';
import { tcvnVariant } from './tcvn3.js';

/** Bytes examined by the detector; enough for a verdict, bounded for 50 MB inputs. */
export const SAMPLE_BYTES = 256 * 1024;

/** Offset of the first malformed UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number, min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** Share of bytes that are control characters text never has (NUL counts as proof of binary). */
export function binaryEvidence(bytes: Uint8Array): { nul: boolean; controlRatio: number } {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let nul = false, controls = 0, vn1Capitals = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul = true;
    // Tab, LF, VT, FF, CR, ESC and DOS end-of-file (0x1A) occur in real text files.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a && b !== 0x1b && !VN1_CONTROL_CAPITALS.has(b)) || b === 0x7f) controls++;
    else if (b < 0x18 && VN1_CONTROL_CAPITALS.has(b)) vn1Capitals++;
  }
  // They are text only in a file whose words read as VN1 (tcvnVariant).
  if (vn1Capitals > 0 && tcvnVariant(bytes.subarray(0, n)) !== 'vn1') controls += vn1Capitals;
  return { nul, controlRatio: n === 0 ? 0 : controls / n };
}

/** TCVN 5712 VN1 puts capitals (Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ) on these control codes. */
const VN1_CONTROL_CAPITALS = new Set([0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17]);

/** UTF-16 without a BOM: mostly-ASCII text leaves a zero in every other byte. */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs >= 0.3 && evenZero / pairs < 0.02) return 'utf-16le';
  if (evenZero / pairs >= 0.3 && oddZero / pairs < 0.02) return 'utf-16be';
  return null;
}

/** Punctuation outside ASCII that real text uses; any other non-letter there is a sign of a wrong decoding. */
const FINE_SYMBOLS = new Set([...'“”‘’–—…•°«»·×§©®€£¥±²³½¼¾№']);

/**
 * How Vietnamese a decoding looks: valid syllables among the words with non-ASCII letters,
 * against those words plus stray non-ASCII symbols. Returns the ratio and the evidence count.
 */
export function vietnameseScore(text: string): { score: number; evidence: number } {
  let marked = 0, valid = 0, stray = 0;
  for (const m of text.matchAll(/\p{L}+|[^\p{L}\s\x00-\x7f]/gu)) {
    const w = m[0];
    if (!/\p{L}/u.test(w)) {
      if (!FINE_SYMBOLS.has(w)) stray++;
      continue;
    }
    if (!/[^\x00-\x7f]/.test(w)) continue;
    marked++;
    if (isVietnameseSyllable(w)) valid++;
  }
  const evidence = marked + stray;
  return { score: evidence === 0 ? 0 : valid / evidence, evidence };
}

/** 1-based page (form feeds) and line of a byte offset, for diagnostics. */
export function placeOf(bytes: Uint8Array, offset: number): { page: number; line: number } {
  let page = 1, line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0c) { page++; line = 1; }
    else if (b === 0x0a) line++;
  }
  return { page, line };
}
