/**
 * The signature block printed beside the recipients (Decree 30: "Nơi nhận:" on the left, the
 * authority, position, seal and name on the right), which OCR reads as one column interleaved
 * with the other: "Nơi nhận:  TL. HIỆU TRƯỞNG", "- Các khoa …;  TRƯỞNG PHÒNG CTSV", and the
 * name alone on a line below. The right-hand pieces — after a column gap, or whole lines that
 * read as a signer's — are read as a signature block of their own.
 */
import { findSignature, isPersonName, parseSignature, printedName, setPrintedName, type NameEvidence, type PrintedName, type Signature } from './closing.js';
import { looksLikeName } from './signer-name.js';
import { isUpperText } from './fold.js';
import { isBlank, makeLine, type SegLine } from './lines.js';
import { authorityOf, DASH_ITEM, isArchiveItem, MAX_WRAPPED } from './markers.js';

/** How far below the recipients label the signature block may reach. */
const MAX_LINES = 16;
const COLUMN_GAP = /\s{2,}/;

/**
 * Specks OCR reads at a piece's start ("`Phùng …", "_— Vũ …", ">Phùng …") go, and so do short
 * lower-case fragments before a capital ("ăn PHÓ CHÁNH VĂN PHÒNG": a seal's edge read as letters).
 */
const withoutLeadingSpecks = (s: string) => s.replace(/^[^\p{L}\p{N}]+/u, '').replace(/^(?:\p{Ll}{1,3}\s+)+(?=\p{Lu})/u, '').trim();
/** "TL+HIỆU TRƯỞNG", "KT HIỆU TRƯỞNG", "TL.HIỆU TRƯỞNG" → "TL. HIỆU TRƯỞNG". */
const withAuthorityMark = (s: string) => s.replace(/^(TM|KT|TL|TUQ)\s*(?:[.,:+]\s*|\s+)(?=\p{Lu})/u, '$1. ');

/**
 * The recipients' column alone: in lines [from, stop) the part right of a column gap goes, and so
 * does a whole line that reads as the signer's (not a "- item"), so the items stay whole.
 */
export function recipientsColumn(lines: readonly SegLine[], from: number, stop: number, evidence?: NameEvidence): SegLine[] {
  return lines.map((l, i) => {
    if (i < from || i >= stop || isBlank(l)) return l;
    const parts = l.text.trim().split(COLUMN_GAP);
    const whole = withAuthorityMark(withoutLeadingSpecks(l.text));
    const signer = i > from && ((!/^\s*[-–•+=~*]/.test(l.text) && isSignaturePiece(whole, evidence)) || isDashedName(l.text, evidence));
    const left = parts.length >= 2 ? parts[0]! : signer ? '' : l.text;
    return left === l.text ? l : makeLine(l.page, l.lineStart, l.lineEnd, left, l.original);
  });
}

/**
 * A line opening with an item's dash that is all a printed name ("-: Vũ Thị Thu Nga": a speck OCR
 * read as a dash before the name under the signature), by the names model; a recipient named
 * as a person is an item that ends with ";" or says more.
 */
function isDashedName(text: string, evidence?: NameEvidence): boolean {
  if (!evidence || /[;,.)]\s*$/.test(text)) return false;
  const rest = withoutLeadingSpecks(text);
  return isPersonName(rest) && printedName(rest, evidence) !== null;
}

function isSignaturePiece(text: string, evidence?: NameEvidence): boolean {
  return isPersonName(text) || authorityOf(makeLine(1, 1, 1, text, text).key) !== null || (isUpperText(text) && /\p{L}{2}/u.test(text)) ||
    (evidence !== undefined && looksLikeName(text) && printedName(text, evidence) !== null);
}

/**
 * The first line in [from, to) with an authority mark right of a column gap ("Nginhậm  TL.HIỆU
 * TRƯỞNG": the recipients label OCR'd beyond recognition), or -1.
 */
export function authorityBesideAt(lines: readonly SegLine[], from: number, to: number): number {
  for (let i = Math.max(0, from); i < to; i++) {
    const parts = lines[i]!.text.trim().split(COLUMN_GAP);
    if (parts.length < 2) continue;
    const right = withAuthorityMark(withoutLeadingSpecks(parts.slice(1).join(' ')));
    if (authorityOf(makeLine(1, 1, 1, right, right).key) !== null) return i;
  }
  return -1;
}

/**
 * The signature block beside the recipients from line `recAt` to `stop`; `lead` are its lines OCR
 * read above the recipients label (the authority line printed level with "Nơi nhận:" or higher).
 */
export function signatureBesideRecipients(lines: readonly SegLine[], recAt: number, stop: number, evidence?: NameEvidence, lead: readonly SegLine[] = []): Signature | null {
  const right: SegLine[] = [...lead];
  // A long list pushes the printed name down to its end: the block reaches past the list's own
  // "Lưu: …" line, when the list runs on (dash items, a wrapped line or two) to it.
  let end = Math.min(stop, recAt + MAX_LINES);
  for (let i = recAt + 1, wrapped = 0; i < stop; i++) {
    const l = lines[i]!;
    if (isArchiveItem(l.key)) { end = Math.max(end, Math.min(stop, i + 3)); break; }
    if (DASH_ITEM.test(l.text)) wrapped = 0;
    else if (!isBlank(l) && ++wrapped > MAX_WRAPPED) break;
  }
  for (let i = recAt; i < end; i++) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    const parts = l.text.trim().split(COLUMN_GAP);
    // A line without a gap belongs to the signature only when it reads as one (never a "- item").
    const piece = parts.length >= 2 ? parts.slice(1).join(' ') : i > recAt && (!/^\s*[-–•+=~*]/.test(l.text) || isDashedName(l.text, evidence)) ? l.text : '';
    const text = withAuthorityMark(withoutLeadingSpecks(piece));
    if (text !== '' && (parts.length >= 2 || isSignaturePiece(text, evidence))) right.push(makeLine(l.page, l.lineStart, l.lineEnd, text, l.original));
  }
  const at = findSignature(right, 0, right.length);
  if (at < 0) return evidence ? nameOnly(right, evidence) : null;
  const signature = parseSignature(right, at, right.length, evidence);
  // The printed name comes last, under the signature and seal; OCR reads scribbles above it as words.
  for (let i = right.length - 1; i > at; i--) {
    const name = pieceName(right[i]!.text, evidence);
    if (!name) continue;
    setPrintedName(signature, name, evidence);
    signature.provenance = { ...signature.provenance, lineEnd: Math.max(signature.provenance.lineEnd, right[i]!.lineEnd) };
    break;
  }
  return signature.name || signature.position ? signature : null;
}

/** A right-hand piece read as a printed name (once): a person's name by its shape, or with the names model one it reads as a name; else null. */
function pieceName(text: string, evidence?: NameEvidence): PrintedName | null {
  return isPersonName(text) || (evidence !== undefined && looksLikeName(text)) ? printedName(text, evidence) : null;
}

/**
 * A block whose authority and position lines a seal or the signature took (OCR read nothing of
 * them), but whose printed name is there: the last right-hand piece the names model reads as a
 * person's name. Only with the names model, never from a bare pattern.
 */
function nameOnly(right: readonly SegLine[], evidence: NameEvidence): Signature | null {
  for (let i = right.length - 1; i >= 0; i--) {
    const l = right[i]!;
    const name = pieceName(l.text, evidence);
    if (!name) continue;
    const signature: Signature = { authority: null, organ: null, position: null, name: null, provenance: { page: l.page, lineStart: l.lineStart, lineEnd: l.lineEnd }, confidence: 0.33 };
    setPrintedName(signature, name, evidence);
    return signature;
  }
  return null;
}

/**
 * "Nơi nhận: TL. CHỦ TỊCH": the signature column's first line, the authority over the block, joined
 * to the recipients label's line (a text layer's line across both columns, or OCR's), the rest of
 * the block printed under the list ("KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG / name"). The head
 * as a line of its own at the label's place, or null when the label's line holds none.
 */
export function headOnLabelLine(lines: readonly SegLine[], recAt: number): SegLine | null {
  const label = lines[recAt];
  // The label is its first two words ("Nơi nhận:", as OCR reads it: "Nơi nhân;").
  const m = label && /^\s*\S+\s+\S+?\s*[:;.]?(?=\s|$)/u.exec(label.text);
  if (!label || !m) return null;
  const rest = withAuthorityMark(withoutLeadingSpecks(label.text.slice(m[0].length)));
  if (!rest) return null;
  const head = makeLine(label.page, label.lineStart, label.lineEnd, rest, label.original);
  return authorityOf(head.key) !== null ? head : null;
}
