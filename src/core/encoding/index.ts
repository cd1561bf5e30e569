/**
 * Bytes → NFC text for text inputs: UTF-8 (with or without BOM), UTF-16 with BOM (or a clear
 * zero-byte pattern), and the legacy Vietnamese encodings TCVN3, VNI-Windows, VIQR, windows-1258
 * and VISCII, detected automatically or forced by `options.encoding`. Never throws: binary or
 * undecodable input yields text with U+FFFD plus an error diagnostic. Line breaks and form feeds
 * are kept exactly.
 */
import type { Diagnostic } from '../document.js';
import { textToCp1252Bytes } from './cp1252.js';
import {
  binaryEvidence, firstInvalidUtf8, isAscii, placeOf, SAMPLE_BYTES, utf16WithoutBom, vietnameseScore,
} from './evidence.js';
import { decodeTcvn3, decodeTcvnVn1, tcvnVariant } from './tcvn3.js';
import { capitaliseHeadingLines } from './tcvn3-headings.js';
import type { DecodeOptions, DecodeResult, EncodingName } from './types.js';
import { decodeViqr } from './viqr.js';
import { decodeViscii } from './viscii.js';
import { decodeVni } from './vni.js';

import { ENCODING_NAMES } from './types.js';
export { ENCODING_NAMES, type DecodeOptions, type DecodeResult, type EncodingName } from './types.js';

/** Share of words that must carry VIQR marks before ASCII text is read as VIQR. */
const VIQR_MIN_SHARE = 0.2;
const VIQR_MIN_WORDS = 3;
/** A legacy reading must make this share of the marked words valid syllables. */
const LEGACY_MIN_SCORE = 0.6;

const utf8 = new TextDecoder('utf-8');

function diag(ruleId: string, severity: Diagnostic['severity'], message: string, place?: Diagnostic['place']): Diagnostic {
  return place ? { ruleId, message, severity, place } : { ruleId, message, severity };
}

type LegacyName = 'tcvn3' | 'tcvn5712-1' | 'vni' | 'windows-1258' | 'viscii';

function decodeLegacy(encoding: LegacyName, bytes: Uint8Array): string {
  if (encoding === 'tcvn3') return decodeTcvn3(bytes);
  if (encoding === 'tcvn5712-1') return decodeTcvnVn1(bytes);
  if (encoding === 'vni') return decodeVni(bytes);
  if (encoding === 'viscii') return decodeViscii(bytes);
  return new TextDecoder('windows-1258').decode(bytes).normalize('NFC'); // tones are combining bytes
}

function stripBom(bytes: Uint8Array): { rest: Uint8Array; bom: EncodingName | null } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { rest: bytes.subarray(3), bom: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { rest: bytes.subarray(2), bom: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { rest: bytes.subarray(2), bom: 'utf-16be' };
  return { rest: bytes, bom: null };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', diagnostics: Diagnostic[]): string {
  if (bytes.length % 2 !== 0) diagnostics.push(diag('encoding/odd-utf16', 'warning', `${encoding} input has an odd number of bytes; the last byte was replaced`));
  return new TextDecoder(encoding).decode(bytes);
}

function decodeUtf8Checked(bytes: Uint8Array, diagnostics: Diagnostic[]): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    diagnostics.push(diag('encoding/invalid-utf8', 'error',
      `invalid UTF-8 at byte ${bad}; malformed bytes were replaced with U+FFFD`, placeOf(bytes, bad)));
  }
  return utf8.decode(bytes);
}

function result(text: string, encoding: EncodingName, confidence: number, diagnostics: Diagnostic[]): DecodeResult {
  let nfc = text.normalize('NFC');
  if (encoding === 'tcvn3') nfc = withHeadingCapitals(nfc, diagnostics);
  return { text: nfc, encoding, confidence: Math.round(confidence * 1000) / 1000, diagnostics };
}

/** A TCVN3 text file's headings typed for a capitals-only font, put in capitals (tcvn3-headings.ts), said in one diagnostic. */
function withHeadingCapitals(text: string, diagnostics: Diagnostic[]): string {
  const { text: capitalised, lines } = capitaliseHeadingLines(text);
  if (lines.length === 0) return text;
  const shown = lines.slice(0, 6).map((l) => (l.page > 1 ? `${l.page}:${l.line}` : String(l.line))).join(', ');
  diagnostics.push(diag('encoding/tcvn3-capitals', 'info',
    `${lines.length} line${lines.length === 1 ? '' : 's'} without a capital read as heading${lines.length === 1 ? '' : 's'} typed for a capitals-only font (.VnTimeH) and put in capitals: line${lines.length === 1 ? '' : 's'} ${shown}${lines.length > 6 ? ' …' : ''}`,
    lines[0]));
  return capitalised;
}

function decodeExplicit(bytes: Uint8Array, encoding: EncodingName): DecodeResult {
  const diagnostics: Diagnostic[] = [];
  const { rest, bom } = stripBom(bytes);
  if (encoding === 'utf-8') {
    const body = bom === 'utf-8' ? rest : bytes;
    return result(decodeUtf8Checked(body, diagnostics), encoding, 1, diagnostics);
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return result(decodeUtf16(bom === encoding ? rest : bytes, encoding, diagnostics), encoding, 1, diagnostics);
  }
  if (encoding === 'viqr') {
    return result(decodeViqr(decodeUtf8Checked(bom === 'utf-8' ? rest : bytes, diagnostics)).text, encoding, 1, diagnostics);
  }
  // A legacy encoding asked for: raw bytes, or mojibake text if the file is UTF-8.
  const body = bom === 'utf-8' ? rest : bytes;
  const mojibake = firstInvalidUtf8(body) < 0 && !isAscii(body) ? textToCp1252Bytes(utf8.decode(body)) : null;
  return result(decodeLegacy(encoding, mojibake ?? body), encoding, 1, diagnostics);
}

/** TCVN 5712 text: VN3 (ABC), or VN1 when its capitals read as Vietnamese (tcvn3.ts, tcvnVariant). */
function tcvnOf(sample: Uint8Array): 'tcvn3' | 'tcvn5712-1' {
  return tcvnVariant(sample) === 'vn1' ? 'tcvn5712-1' : 'tcvn3';
}

/** Best legacy reading of some bytes, judged on a sample; 'tcvn3' stands for either TCVN 5712 table unless `vn3Only`. */
function bestLegacy(sample: Uint8Array, names: Array<'tcvn3' | 'vni' | 'windows-1258' | 'viscii'>, vn3Only = false) {
  const candidates: LegacyName[] = names.map((e) => (e === 'tcvn3' && !vn3Only ? tcvnOf(sample) : e));
  let best = { encoding: candidates[0]!, score: -1, evidence: 0 };
  for (const encoding of candidates) {
    const { score, evidence } = vietnameseScore(decodeLegacy(encoding, sample));
    if (score > best.score || (score === best.score && evidence > best.evidence)) best = { encoding, score, evidence };
  }
  return best;
}

/** Names the file formats people most often hand a text reader by mistake, from their signature. */
export function knownBinaryFormat(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // Office Open XML and OpenDocument are ZIP files; their first entry's name says which.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
    if (/word\//.test(head)) return 'a Word document (.docx)';
    if (/xl\//.test(head)) return 'an Excel workbook (.xlsx)';
    if (/opendocument\.text/.test(head)) return 'an OpenDocument text (.odt)';
    if (/\[Content_Types\]\.xml/.test(head)) return 'an Office document (.docx, .xlsx or .pptx)';
    return 'a ZIP archive';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'an old Office document (.doc or .xls)';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image (convert it to PNG)';
  if (starts(0x1f, 0x8b)) return 'a gzip archive';
  if (starts(0x52, 0x61, 0x72, 0x21)) return 'a RAR archive';
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) return 'a 7-Zip archive';
  return null;
}

function decodeAuto(bytes: Uint8Array): DecodeResult {
  const diagnostics: Diagnostic[] = [];
  const { rest, bom } = stripBom(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return result(decodeUtf16(rest, bom, diagnostics), bom, 1, diagnostics);
  if (bom === 'utf-8') diagnostics.push(diag('encoding/bom', 'info', 'UTF-8 byte order mark removed'));

  const { nul, controlRatio } = binaryEvidence(rest);
  if (nul || controlRatio > 0.05) {
    const utf16 = bom ? null : utf16WithoutBom(rest);
    if (utf16) {
      diagnostics.push(diag('encoding/utf16-no-bom', 'info', `no byte order mark; read as ${utf16} from its zero-byte pattern`));
      return result(decodeUtf16(rest, utf16, diagnostics), utf16, 0.8, diagnostics);
    }
    const known = knownBinaryFormat(rest);
    diagnostics.push(diag('encoding/binary', 'error', known && / archive$/.test(known)
      ? `this is ${known}, not a document: unpack it and convert the folder of its files`
      : known
      ? `this is ${known}, not text: baocao reads plain text, Word and OpenDocument documents (.doc, .docx, .odt), PDF files and page images; save it as PDF or as plain text (.txt) and convert that`
      : nul ? 'input contains NUL bytes: binary data, not text' : `input is ${Math.round(controlRatio * 100)}% control characters: binary data, not text`));
    return result(utf8.decode(rest), 'utf-8', 0, diagnostics);
  }

  const sample = rest.subarray(0, SAMPLE_BYTES);
  if (firstInvalidUtf8(rest) < 0) {
    const text = utf8.decode(rest);
    if (isAscii(sample) && isAscii(rest)) {
      const viqr = decodeViqr(text);
      if (viqr.converted >= VIQR_MIN_WORDS && viqr.converted / viqr.words >= VIQR_MIN_SHARE) {
        diagnostics.push(diag('encoding/legacy', 'info', `read as VIQR (${viqr.converted} of ${viqr.words} words carry VIQR marks)`));
        return result(viqr.text, 'viqr', Math.min(1, viqr.converted / viqr.words + 0.5), diagnostics);
      }
      return result(text, 'utf-8', 1, diagnostics);
    }
    // Valid UTF-8 may still be TCVN3/VNI bytes that went through windows-1252 ("ViÖt Nam", "Vieät Nam").
    const sampleText = text.slice(0, SAMPLE_BYTES);
    const asBytes = textToCp1252Bytes(sampleText);
    if (asBytes) {
      const own = vietnameseScore(sampleText);
      const legacy = bestLegacy(asBytes, ['tcvn3', 'vni']);
      if (legacy.score >= 0.8 && legacy.evidence >= 2 && legacy.score > own.score + 0.3) {
        diagnostics.push(diag('encoding/mojibake', 'info',
          `UTF-8 text holds ${legacy.encoding === 'tcvn5712-1' ? 'TCVN 5712 VN1' : legacy.encoding.toUpperCase()} characters read through windows-1252; converted`));
        const all = textToCp1252Bytes(text);
        if (all) return result(decodeLegacy(legacy.encoding, all), legacy.encoding, legacy.score, diagnostics);
      }
    }
    return result(text, 'utf-8', 1, diagnostics);
  }

  // VISCII last: a tie keeps the older encodings' reading.
  const legacy = bestLegacy(sample, ['tcvn3', 'vni', 'windows-1258', 'viscii']);
  if (legacy.score >= LEGACY_MIN_SCORE && legacy.evidence >= 1) {
    diagnostics.push(diag('encoding/legacy', 'info', `not UTF-8; read as ${legacy.encoding} (confidence ${legacy.score.toFixed(2)})`));
    return result(decodeLegacy(legacy.encoding, rest), legacy.encoding, legacy.score, diagnostics);
  }
  // Nothing is converted from here, so the message says what to do rather than what was replaced.
  const bad = firstInvalidUtf8(rest);
  diagnostics.push(diag('encoding/invalid-utf8', 'error',
    `not UTF-8 (invalid at byte ${bad}) and it does not read as TCVN3, VNI, windows-1258 or VISCII: if you know its encoding, name it with --encoding (${ENCODING_NAMES.join(', ')})`,
    placeOf(rest, bad)));
  return result(utf8.decode(rest), 'utf-8', 0, diagnostics);
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  return options.encoding ? decodeExplicit(bytes, options.encoding) : decodeAuto(bytes);
}

/** The encoding decodeText would pick, with its confidence (0..1). */
export function detectEncoding(bytes: Uint8Array): { encoding: EncodingName; confidence: number } {
  const { encoding, confidence } = decodeAuto(bytes);
  return { encoding, confidence };
}

/**
 * Text whose characters are a legacy font's bytes shown through windows-1252 (a Word run set in
 * .VnTime or VNI-Times stores them so), decoded; null when a character has no such byte.
 */
export function decodeLegacyFontText(text: string, encoding: 'tcvn3' | 'vni'): string | null {
  const bytes = textToCp1252Bytes(text);
  return bytes ? decodeLegacy(encoding, bytes).normalize('NFC') : null;
}

/** The legacy encoding that text of an unnamed font clearly reads as (the mojibake test above), or null. */
export function legacyEncodingOfText(text: string): 'tcvn3' | 'vni' | null {
  const bytes = textToCp1252Bytes(text.slice(0, SAMPLE_BYTES));
  if (!bytes || isAscii(bytes)) return null;
  const own = vietnameseScore(text.slice(0, SAMPLE_BYTES));
  const legacy = bestLegacy(bytes, ['tcvn3', 'vni'], true);
  return legacy.score >= 0.8 && legacy.evidence >= 2 && legacy.score > own.score + 0.3 ? legacy.encoding as 'tcvn3' | 'vni' : null;
}
