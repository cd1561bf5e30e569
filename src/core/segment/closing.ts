/** Closing block pieces: recipients ("Nơi nhận:" items, "Lưu: …") and the signature block. */
import { editDistance, foldKey, inCaseOf, isUpperText, keyTokens } from './fold.js';
import { splitIssuer, startsWithOrgan, type Issuer } from './issuer.js';
import { isBlank, spanOf, type Provenance, type SegLine } from './lines.js';
import { authorityOf, isAnnexTitle, isRecipientsLabel } from './markers.js';
import type { NameModel } from '../restore/name-model.js';
import { looksLikeName, readSignerName } from './signer-name.js';

export interface Recipients {
  items: string[];
  /** The "Lưu: …" item, if any. */
  archive: string | null;
  provenance: Provenance;
  confidence: number;
}

export interface Signature {
  authority: string | null;
  organ: string | null;
  position: string | null;
  name: string | null;
  /** The name's line as read, when the name was read back against the names model (signer-name.ts). */
  nameAsRead?: string;
  /** Fields a person should confirm: the name, when it was repaired; the position, when it was inferred from "KT. X" (deputyUnder). */
  uncertain?: ('name' | 'position')[];
  /** A police or army officer's rank printed before the name ("Trung tá Ngô Văn Công"). */
  rank?: string;
  provenance: Provenance;
  confidence: number;
}

/** What a signature parse may read names against (signer-name.ts). */
export interface NameEvidence {
  names: NameModel;
  /** Syllables of the person names written elsewhere in the document (signer-name.ts mentionedSyllables). */
  mentioned: ReadonlySet<string>;
}

/** A signature's name fields as a printed name line gives them. */
export type PrintedName = Pick<Signature, 'name' | 'nameAsRead' | 'uncertain' | 'rank'>;

/**
 * Officers' ranks of the police and the army, printed before the signer's name in their letters
 * ("Trung tá Ngô Văn Công"): cấp tướng, cấp tá, cấp úy, and chuẩn úy; on the folded key.
 */
const RANK = /^\s*(?:(?:DAI|THUONG|TRUNG|THIEU)\s+(?:TUONG|TA|UY)|CHUAN\s+UY)\s+(?=\S)/;

/** How many lines below a name that is none by the names model ("Nghĩ Gug": a scribble) the printed one may stand. */
const NAME_LOOKAHEAD = 3;

/**
 * `text` read as a printed name, against the names model when there is one; null when it is none.
 * Readings against a document's evidence are kept (the same piece is asked for while a signature
 * block is gathered and again for the name under it); each caller gets its own copy.
 */
export function printedName(text: string, evidence?: NameEvidence): PrintedName | null {
  const rank = RANK.exec(foldKey(text));
  if (rank) {
    const found = printedName(text.slice(rank[0].length), evidence);
    return found ? { ...found, rank: tidy(text.slice(0, rank[0].length)) } : null;
  }
  if (!evidence) return isPersonName(text) ? { name: tidy(text) } : null;
  let known = readings.get(evidence);
  if (!known) readings.set(evidence, (known = new Map()));
  let read = known.get(text);
  if (read === undefined) known.set(text, (read = readPrintedName(text, evidence)));
  return read && (read.uncertain ? { ...read, uncertain: [...read.uncertain] } : { ...read });
}

/** printedName's readings per document's evidence. */
const readings = new WeakMap<NameEvidence, Map<string, PrintedName | null>>();

function readPrintedName(text: string, evidence: NameEvidence): PrintedName | null {
  const read = readSignerName(text, evidence.names, evidence.mentioned);
  if (!read) return null;
  return read.asRead ? { name: read.name, nameAsRead: read.asRead, uncertain: ['name'] } : { name: read.name };
}

/** `signature` with `found` (printedName's reading of a line) as its printed name. */
export function setPrintedName(signature: Signature, found: PrintedName, evidence?: NameEvidence): void {
  delete signature.rank;
  // A name read against the model replaces an earlier reading's repair marks.
  if (evidence) {
    delete signature.nameAsRead;
    delete signature.uncertain;
  }
  // Its own copy of the list: a reading may be remembered and given to another block too.
  Object.assign(signature, found, found.uncertain ? { uncertain: [...found.uncertain] } : {});
}

export const tidy = (s: string) => s.replace(/\s+/g, ' ').replace(/^[\s:;,.\-–—]+|[\s:;,–—\]\[|/\\]+$/g, '').trim();

/** "Nguyễn Xuân Thoang": 2–5 capitalised words, nothing else (after a rank: "Trung tá Ngô Văn Công"). */
export function isPersonName(text: string): boolean {
  const rank = RANK.exec(foldKey(text));
  const t = tidy(rank ? text.slice(rank[0].length) : text);
  return /^(\p{Lu}[\p{Ll}]*\s+){1,4}\p{Lu}[\p{Ll}]+$/u.test(t) && !/\p{Lu}{2}/u.test(t);
}

/** Lines that belong to a signature block rather than to a recipients item. */
function isSignatureLine(line: SegLine): boolean {
  return authorityOf(line.key) !== null || (isUpperText(line.text) && !/^\s*[-–]/.test(line.text)) || isPersonName(line.text);
}

export function parseRecipients(lines: readonly SegLine[], at: number, stop: number): { recipients: Recipients; end: number } {
  const label = lines[at]!;
  const items: string[] = [];
  const afterLabel = label.text.replace(/^\s*\S+\s+\S+\s*[:;.]?/u, '').trim();
  if (afterLabel && /^[-–]/.test(afterLabel)) items.push(afterLabel.replace(/^[-–]\s*/, ''));
  let i = at + 1, last = at, gap = false;
  for (; i < stop; i++) {
    const line = lines[i]!;
    if (isBlank(line)) { gap = true; continue; }
    if (isAnnexTitle(line.key, line.text) || isRecipientsLabel(line.key)) break;
    // OCR reads the item dash as "=", "~", "*", "«" or a quote too.
    const dash = /^\s*[-–—•+=~*·«»>“"]\s*/.exec(line.text);
    const prev = items[items.length - 1];
    // A wrapped item: after a comma, in lower case ("các Vụ: CN, …"), or not yet ended and not a signature line.
    const runsOn = prev !== undefined && !gap && !authorityOf(line.key) &&
      (/,\s*$/.test(prev) || /^\s*\p{Ll}/u.test(line.text) || (!/[;.]\s*$/.test(prev) && !isSignatureLine(line)));
    if (dash) items.push(line.text.slice(dash[0].length));
    else if (runsOn) items[items.length - 1] += ' ' + line.text.trim();
    else break;
    gap = false;
    last = i;
  }
  // Organ abbreviations are capitals, so a b inside one is an OCR'd Đ ("TTbU" → "TTĐU").
  const cleaned = items.map((s) => s.replace(/\s+/g, ' ').replace(/[\s;,]+$/, '').replace(/(?<=\p{Lu})b(?=\p{Lu})/gu, 'Đ').trim()).filter(Boolean);
  const archive = cleaned.find((s) => /^LUU\b/.test(foldKey(s))) ?? null;
  return {
    recipients: { items: cleaned, archive, provenance: spanOf(lines, at, last), confidence: cleaned.length ? 0.9 : 0.4 },
    end: last + 1,
  };
}

/** The position of a deputy signing for the head (KT.), on the key. */
export const DEPUTY = /^[^A-Z]*(PHO|THU TRUONG)\b/;

/** Position words that may head a signature without an authority marker. */
const POSITIONS = /^(PHO\s+)?(CHU TICH|GIAM DOC|BO TRUONG|THU TRUONG|TRUONG BAN|CHANH VAN PHONG|TONG GIAM DOC|CHU NHIEM|TRUONG PHONG|CUC TRUONG|HIEU TRUONG|BI THU)\b/;

/** At most this many head lines (authority, organ, position) OCR may put above "Nơi nhận:". */
const MAX_HEAD_ABOVE = 3;

/**
 * The first of the signature's head lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") OCR read just above the
 * recipients label at `recAt` (printed level with it or higher, the name under the list), or -1.
 */
export function signatureHeadAbove(lines: readonly SegLine[], recAt: number, from: number): number {
  let top = -1, seen = 0;
  for (let i = recAt - 1; i >= from && seen < MAX_HEAD_ABOVE; i--) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    const key = l.key.trim();
    if (!(authorityOf(l.key) !== null || (POSITIONS.test(key) && isUpperText(l.text) && l.text.trim().length < 40))) break;
    top = i;
    seen++;
  }
  return top;
}

/** Index of the first line opening a signature block in [from, to), or -1. */
export function findSignature(lines: readonly SegLine[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (authorityOf(l.key)) return i;
    // Specks OCR reads in front of a position under a seal ("““ -HIỆU TRƯỞNG") are no part of it.
    const position = POSITIONS.test(l.key.trim()) || (POSITIONS.test(l.key.replace(/^[^A-Z]+/, '')) && isUpperText(l.text));
    if (position && l.text.trim().length < 40) {
      for (let k = i + 1; k < Math.min(to, i + 5); k++) if (isPersonName(lines[k]!.text) || looksLikeName(lines[k]!.text)) return i;
    }
  }
  return -1;
}

/** Signers' positions, so an OCR-damaged one ("Chư tlch") is written in its spelling. */
const POSITION_NAMES = [
  'Chủ tịch', 'Phó Chủ tịch', 'Giám đốc', 'Phó Giám đốc', 'Tổng Giám đốc', 'Bộ trưởng', 'Thứ trưởng', 'Chủ nhiệm',
  'Phó Chủ nhiệm', 'Trưởng ban', 'Phó Trưởng ban', 'Chánh Văn phòng', 'Phó Chánh Văn phòng', 'Trưởng phòng',
  'Phó Trưởng phòng', 'Cục trưởng', 'Phó Cục trưởng', 'Chi cục trưởng', 'Hiệu trưởng', 'Bí thư', 'Phó Bí thư', 'Chánh Thanh tra',
].map((name) => ({ name, key: foldKey(name) }));

/** A position's key that is one of the known signers' positions, alone or followed by its unit ("TRUONG PHONG QL DAO TAO"). */
export const isKnownPosition = (key: string) => POSITION_NAMES.some((p) => key === p.key || key.startsWith(`${p.key} `));

export function canonicalPosition(text: string): string {
  const key = foldKey(text.normalize('NFC')).replace(/[^A-Z0-9]+/g, ' ').trim();
  // One edit per eight letters: "CHU TLCH" is CHỦ TỊCH, "TRUONG THON" is not TRƯỞNG PHÒNG.
  const hit = POSITION_NAMES.find((p) => p.key === key) ?? POSITION_NAMES.find((p) => editDistance(key, p.key) <= Math.max(1, Math.floor(p.key.length / 8)));
  return hit ? inCaseOf(hit.name, text) : unitPosition(text) ?? text;
}

/**
 * "TRƯỜNG PHÒNG. CTSV": a position followed by its unit, upper case, as OCR read it under a seal
 * (a mark wrong, a dot after a word). The longest run of opening words whose letters spell a
 * position exactly is written in its spelling; the unit's words keep their reading, their
 * punctuation dropped. Null when the line does not open so.
 */
function unitPosition(text: string): string | null {
  const words = text.normalize('NFC').trim().split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
  if (words.length < 2 || !isUpperText(words.join(' '))) return null;
  for (let k = Math.min(words.length - 1, 4); k >= 1; k--) {
    const hit = POSITION_NAMES.find((p) => p.key === foldKey(words.slice(0, k).join(' ')));
    if (hit) return [hit.name.toUpperCase(), ...words.slice(k)].join(' ');
  }
  return null;
}

/** A signer's position at the end of a line, with the text before it. */
function trailingPosition(text: string): { before: string; position: string } | null {
  const words = text.trim().split(/\s+/);
  for (let k = Math.max(1, words.length - 4); k < words.length; k++) {
    const tail = words.slice(k).join(' ');
    const key = foldKey(tail).replace(/[^A-Z ]+/g, '').trim();
    if (POSITION_NAMES.some((p) => p.key === key)) return { before: tidy(words.slice(0, k).join(' ')), position: tail };
  }
  return null;
}

export function parseSignature(lines: readonly SegLine[], at: number, stop: number, evidence?: NameEvidence): Signature {
  let authority: string | null = null, organ: string | null = null, position: string | null = null;
  let i = at, seen = 0, last = at;
  for (; i < stop && seen < 8; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    seen++;
    last = i;
    const text = tidy(line.text);
    if (evidence && (isPersonName(text) || (looksLikeName(text) && !isUpperText(text)))) {
      const found = printedNameFrom(lines, i, stop, evidence);
      if (found) return { authority, organ, position, ...found.name, provenance: spanOf(lines, at, found.line), confidence: +([authority, position, 1].filter(Boolean).length / 3).toFixed(2) };
      if (!isPersonName(text)) continue;
    }
    if (isPersonName(text)) {
      const found = printedName(text);
      return { authority, organ, position, name: found?.name ?? text, ...(found?.rank ? { rank: found.rank } : {}), provenance: spanOf(lines, at, last), confidence: +([authority, position, 1].filter(Boolean).length / 3).toFixed(2) };
    }
    const auth = authorityOf(line.key);
    if (auth) {
      // "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH": the collective's mark names the organ (kept in `organ`);
      // the signer's own mark is the one under it, signing for the head.
      authority = authority === 'TM.' && auth !== 'TM.' ? auth : authority ?? auth;
      const rest = tidy(text.replace(/^\s*\S+\s*[.,]?\s*/u, ''));
      const key = foldKey(rest);
      if (auth === 'TM.') {
        // "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH": the position may share the organ's line.
        const split = trailingPosition(rest);
        organ = split ? split.before || null : rest;
        if (split) position = split.position;
        continue;
      }
      // "Q. GIÁM ĐỐC": the acting signer holds the position written after the mark.
      if (auth === 'Q.' && rest) { position = canonicalPosition(rest); continue; }
      // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the signer's own position follows the superior's.
      const pho = key.lastIndexOf('PHO ');
      if (pho > 0) position = canonicalPosition(tidy(rest.slice(pho)));
      continue;
    }
    // Specks a seal or the signature left ("› c Ò") are no position: it has a word of three letters.
    // Under "KT. X" the signer is the deputy ("PHÓ X", "THỨ TRƯỞNG"): another line there is the
    // seal's text read again ("VÀ ĐÀO TẠO"), not the position.
    if (!position && authority === 'KT.' && !DEPUTY.test(line.key)) continue;
    if (!position && /\p{L}{3}/u.test(text)) position = canonicalPosition(text.replace(/^[^\p{L}]+/u, ''));
    else if (seen > 4) break;
  }
  // No name found: a name returns from the loop above.
  const found = [authority, position].filter(Boolean).length;
  return { authority, organ, position, name: null, provenance: spanOf(lines, at, last), confidence: +(found / 3).toFixed(2) };
}

/** Verbs by which a document's last sentence names its sender ("Văn phòng Chính phủ thông báo để …"). */
const SENDER_VERB = /^\s*(XIN\s+)?(TRAN TRONG\s+|KINH\s+)?(THONG BAO|BAO CAO|TRINH)\b/;

/**
 * The issuer named by a closing sentence, for documents whose header is missing: an organ name
 * at the start of the sentence followed by a reporting verb. Null when the sentence is not so.
 */
export function issuerFromClosing(text: string): Issuer | null {
  const key = foldKey(text.normalize('NFC'));
  const tokens = keyTokens(key);
  for (let k = 2; k <= Math.min(8, tokens.length - 1); k++) {
    if (!SENDER_VERB.test(key.slice(tokens[k - 1]!.end))) continue;
    const organ = text.slice(0, tokens[k - 1]!.end);
    const issuer = splitIssuer(organ);
    // Only an organ name: it must open with an organ word, as the header's column does.
    if (issuer && startsWithOrgan(organ)) return issuer;
  }
  return null;
}

/**
 * The printed name from line `at` on: the first line the names model reads as a name, or a later
 * one within a few lines when that one is no name by the model (a scribble OCR read as words
 * above the printed name). Null when no line there reads as a name.
 */
function printedNameFrom(lines: readonly SegLine[], at: number, stop: number, evidence: NameEvidence): { name: PrintedName; line: number } | null {
  for (let i = at, seen = 0; i < stop && seen <= NAME_LOOKAHEAD; i++) {
    if (isBlank(lines[i]!)) continue;
    seen++;
    const text = tidy(lines[i]!.text);
    const name = isPersonName(text) || looksLikeName(text) ? printedName(text, evidence) : null;
    if (name) return { name, line: i };
  }
  return null;
}
