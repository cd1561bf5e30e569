/**
 * E-signature overlays: the box a signing tool draws on the page of a digitally signed document
 * ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", "Email: …@quangngai.gov.vn", "Cơ quan: Tỉnh Quảng
 * Ngãi", "Thời gian ký: 12.09.2025 10:15:23 +07:00", a gazette stamp "TRUNG TÂM CÔNG BÁO VÀ TIN
 * HỌC"), as the text layer or OCR gives it: whole lines, or pieces after a column gap beside the
 * header or the signature. Read as a group, they become metadata; the structure is read from the
 * lines without them (the text keeps them: nothing the user gave is lost).
 */
import { findPhrase, type KeyToken } from './fold.js';
import { letterOrDigitRuns, spaceRunStarts, unitPositions } from './key-scan.js';
import { isPerson, isoTime } from './e-signature-values.js';
import { isBlank, makeLine, spanOf, type SegLine } from './lines.js';
import { MOTTO, MOTTO_2 } from './markers.js';
import type { ESignatureNode } from './schema.js';

/**
 * An e-signature as recorded in meta.eSignatures: signer (a person or an organisation, said by
 * signerIsPerson), organization, email, time (ISO 8601 when readable), source, page, provenance.
 */
export type ESignature = ESignatureNode;

type Field = 'signer' | 'organization' | 'email' | 'time' | 'position' | 'stamp';
interface Label { phrase: string; field: Field; strong: boolean; colon: 'required' | 'optional'; first: string; words: number }

/**
 * Strong labels make a group on their own; weak ones only join one (a body line may start with
 * "Email:" or "Cơ quan:", none with "Ký bởi:"). "Ngày ký" needs its colon: "kể từ ngày ký" is prose.
 */
const LABELS: Label[] = ([
  { phrase: 'DUOC KY BOI', field: 'signer', strong: true, colon: 'optional' },
  { phrase: 'KY SO BOI', field: 'signer', strong: true, colon: 'optional' },
  { phrase: 'KY BOI', field: 'signer', strong: true, colon: 'optional' },
  { phrase: 'NGUOI KY', field: 'signer', strong: true, colon: 'optional' },
  { phrase: 'SIGNED BY', field: 'signer', strong: true, colon: 'optional' },
  { phrase: 'THOI GIAN KY', field: 'time', strong: true, colon: 'optional' },
  { phrase: 'NGAY KY', field: 'time', strong: true, colon: 'required' },
  { phrase: 'SIGNING TIME', field: 'time', strong: true, colon: 'optional' },
  { phrase: 'CO QUAN', field: 'organization', strong: false, colon: 'required' },
  { phrase: 'DON VI', field: 'organization', strong: false, colon: 'required' },
  { phrase: 'EMAIL', field: 'email', strong: false, colon: 'optional' },
  { phrase: 'E MAIL', field: 'email', strong: false, colon: 'optional' },
  { phrase: 'CHUC VU', field: 'position', strong: false, colon: 'required' },
  { phrase: 'TRUNG TAM CONG BAO', field: 'stamp', strong: false, colon: 'optional' },
] as Omit<Label, 'first' | 'words'>[]).map((l) => ({ ...l, first: l.phrase.split(' ')[0]!, words: l.phrase.split(' ').length }));

/** "12.09.2025 10:15:23 +07:00", "12/09/2025 10:15", with seconds or a zone when it stands alone. */
const LONE_TIMESTAMP = /^\s*\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4}\s*,?\s*\d{1,2}\s*:\s*\d{2}\s*(?::\s*\d{2}|\s*(?:GMT|UTC)?\s*[+-]\s*\d{1,2}:?\d{2})[\d:+\-\s]*$/;
/** What OCR leaves of a box's timestamp ("5 09:12:11 207:00", "…07:51:45 +07:00 Í"): a time to the second, hardly any letters. */
const TIME_TO_SECOND = /\d{1,2}\s*:\s*\d{2}\s*:\s*\d{2}/;
const isTimestampFragment = (text: string) => LONE_TIMESTAMP.test(text) || (TIME_TO_SECOND.test(text) && (text.match(/\p{L}/gu)?.length ?? 0) <= 3 && text.trim().length <= 40);
const EMAIL = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\))\s*[\p{L}\p{N}-]+(?:\s*\.\s*[\p{L}\p{N}-]+)+/u;
/** Members of one box stand this close (indices), even with header lines read between them. */
const GROUP_REACH = 3;
const MAX_GROUP_LINES = 10;

interface Piece { line: number; start: number; end: number; label: Label | null; value: string }

export interface OverlayResult {
  /** The lines with the overlay's lines dropped and its pieces cut out of shared lines. */
  lines: SegLine[];
  signatures: ESignature[];
}

/** Finds e-signature overlays in `lines`; returns the lines without them and what they say. */
export function withoutESignatureOverlays(lines: readonly SegLine[]): OverlayResult {
  const pieces: Piece[] = [];
  lines.forEach((l, i) => { if (!isBlank(l)) pieces.push(...piecesOf(l, i)); });
  if (!pieces.some((p) => p.label?.strong || p.label === null)) return { lines: [...lines], signatures: [] };
  const groups = groupPieces(pieces, lines);
  if (!groups.length) return { lines: [...lines], signatures: [] };
  const cut = new Map<number, [number, number][]>();
  const signatures: ESignature[] = [];
  for (const g of groups) {
    for (const p of g) cut.set(p.line, [...(cut.get(p.line) ?? []), [p.start, p.end]]);
    signatures.push(readGroup(g, lines));
  }
  const out: SegLine[] = [];
  lines.forEach((l, i) => {
    const spans = cut.get(i);
    if (!spans) { out.push(l); return; }
    let rest = '';
    let at = 0;
    for (const [a, b] of spans.sort((x, y) => x[0] - y[0])) { rest += l.text.slice(at, a); at = Math.max(at, b); }
    rest += l.text.slice(at);
    // What stays of a shared line keeps its column gap: the header reads "left  right" rows.
    // Specks left beside a box's line ("® Ký bởi: …") go with it.
    if (/[\p{L}\p{N}]{2}/u.test(rest)) out.push(makeLine(l.page, l.lineStart, l.lineEnd, rest.replace(/^\s+/, ''), l.original));
  });
  return { lines: out, signatures };
}

/**
 * The overlay pieces of one line: a labelled piece starting the line, after a column gap, or (a
 * strong label with its colon) anywhere; a lone timestamp; each reaching to the next gap, or to
 * the national motto when OCR read the box into the header's row without a gap.
 */
/** Characters from a label's first letter to its colon, at most ("THOI GIAN KY :" with OCR's spaces). */
const LONGEST_LABEL = 16;
/**
 * A word of some label (any one, so one damaged word still lets the line through) or a date: a
 * line without any is not looked into further, which is most lines of a document.
 */
const MAY_HOLD_PIECE = /KY|KI\b|BO[IL1]|NGUOI|THO[IL1]|GIAN|NGAY|SIGN|QUAN|DON VI|MAIL|EMA|CHUC|TRUNG|\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4}|\d{1,2}\s*:\s*\d{2}\s*:\s*\d{2}/;
/** A box's line is short: longer lines (a paragraph as one line, a 16 MB text) are not looked into. */
const MAX_LINE = 600;

/** A colon a label's length after the token's start at most: the token may be a label's first word mid-line. */
function colonWithin(colons: readonly number[], start: number): boolean {
  for (let i = 0; i < colons.length; i++) if (colons[i]! > start && colons[i]! - start <= LONGEST_LABEL) return true;
  return false;
}

/**
 * A column gap after text (a space run starting past the line's start) or a colon: without either
 * only the line's first token can open a piece (a label; a lone timestamp needs a colon).
 */
const COLON_OR_GAP = /[:;]|\S\s{2,}/;

/** A token that may be the label's first word, or one edit from it (a short one exactly): what labelAt tests before any edit distance. */
function mayOpenLabel(first: string, w: string): boolean {
  return w.length <= 2 ? first === w : Math.abs(first.length - w.length) <= 1 && (first[0] === w[0] || first[1] === w[1]);
}

/** The first token (/[A-Z]+|[0-9]+/) may open some label. */
function firstMayOpenLabel(key: string): boolean {
  const first = FIRST_TOKEN.exec(key)?.[0];
  return first !== undefined && LABELS.some((label) => mayOpenLabel(first, label.first));
}
const FIRST_TOKEN = /[A-Z]+|[0-9]+/;

function piecesOf(l: SegLine, index: number): Piece[] {
  if (l.key.length > MAX_LINE || !MAY_HOLD_PIECE.test(l.key)) return [];
  const key = l.key;
  // Most lines that hold a label's word have it mid-sentence, with no colon or gap: their tokens,
  // gaps and colons (three scans of the line) are read only when their first token may open a label.
  if (!COLON_OR_GAP.test(key) && !l.text.includes(':') && !firstMayOpenLabel(key)) return [];
  // Letters and digits apart: OCR runs a label into its value ("Thời gian ký19.12.2025").
  const tokens = letterOrDigitRuns(key);
  if (!tokens.length) return [];
  const gaps = spaceRunStarts(key).filter((x) => x > 0);
  // Tokens that start a piece: the line's first, the first after each column gap (specks before it allowed).
  const startTokens = new Set<number>([0]);
  for (const g of gaps) { const k = tokens.findIndex((t) => t.start > g); if (k >= 0) startTokens.add(k); }
  const colons = unitPositions(key, 0x3a, 0x3b); // ':' and ';'
  // Where the motto starts, looked for only on a line that has a box's piece (-1: not there).
  // Plain loops, no spread of filtered arrays: those arrays' changing element kinds made V8
  // throw this function's optimised code away ("wrong map") and compile it again, in every worker.
  let mottoAt: number[] | undefined;
  const endFrom = (from: number) => {
    mottoAt ??= [mottoStart(tokens, MOTTO), mottoStart(tokens, MOTTO_2)];
    let end = key.length;
    for (let g = 0; g < gaps.length; g++) if (gaps[g]! > from && gaps[g]! < end) end = gaps[g]!;
    for (let m = 0; m < mottoAt.length; m++) if (mottoAt[m]! > from && mottoAt[m]! < end) end = mottoAt[m]!;
    return end;
  };
  const out: Piece[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (out.length && t.start < out[out.length - 1]!.end) continue;
    const atStart = startTokens.has(k);
    // Mid-line, only a label with its colon counts: a token a label's length before a colon.
    const label = atStart || colonWithin(colons, t.start) ? labelAt(tokens, k, key, l.text, atStart) : null;
    if (label) {
      const end = endFrom(t.start);
      const afterLabel = tokens[k + label.words - 1]!.end;
      const value = l.text.slice(afterLabel, end).replace(/^\s*[:;.,]?\s*/, '').trim();
      out.push({ line: index, start: t.start, end, label, value });
      continue;
    }
    // A lone timestamp has a colon (both of its patterns do): a line without one from here on
    // needs no piece end, so the motto is not looked for on every line that opens with a word.
    if (atStart && l.text.indexOf(':', t.start) >= 0) {
      const end = endFrom(t.start);
      const text = l.text.slice(t.start, end);
      if (isTimestampFragment(text)) out.push({ line: index, start: t.start, end, label: null, value: text.trim() });
    }
  }
  return out;
}

/** Where the phrase starts in the line (its first token's offset), or -1. */
function mottoStart(tokens: KeyToken[], phrase: string): number {
  const k = findPhrase(tokens, phrase);
  return k >= 0 ? tokens[k]!.start : -1;
}

function labelAt(tokens: KeyToken[], k: number, key: string, text: string, atStart: boolean): Label | null {
  const first = tokens[k]!.text;
  for (const label of LABELS) {
    // The label's first word, or one edit from it (a short one exactly), before any edit distance.
    if (!mayOpenLabel(first, label.first)) continue;
    const n = label.words;
    if (k + n > tokens.length || findPhrase(tokens, label.phrase, k, k + n, 2) !== k) continue;
    const end = tokens[k + n - 1]!.end;
    const after = key.slice(end);
    const colon = /^\s*[:;]/.test(after);
    if (label.colon === 'required' && !colon) continue;
    // Without its colon a label must lead straight to its value: a time's digits, a name's
    // capital ("Thời gian ký kết: …" is prose about a contract).
    if (!colon && !(label.field === 'time' ? /^\s*\d/.test(after) : label.field === 'signer' ? /^\s*\p{Lu}/u.test(text.slice(end)) : true)) continue;
    if (!atStart && !(label.strong && colon)) continue;
    // "Email" must lead to an address; "Trung tâm công báo" is the stamp's whole line.
    if (label.field === 'email' && !colon && !/@/.test(after)) continue;
    return label;
  }
  return null;
}

/**
 * Pieces grouped into boxes: a box holds a strong piece (a signer, time label or timestamp);
 * weak pieces within reach of a member join it.
 */
function groupPieces(pieces: Piece[], lines: readonly SegLine[]): Piece[][] {
  const strong = (p: Piece) => p.label === null || p.label.strong;
  const groups: Piece[][] = [];
  const used = new Set<Piece>();
  for (const seed of pieces) {
    if (!strong(seed) || used.has(seed)) continue;
    const group = [seed];
    used.add(seed);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of pieces) {
        if (used.has(p)) continue;
        const near = group.some((q) => Math.abs(q.line - p.line) <= GROUP_REACH && lines[q.line]!.page === lines[p.line]!.page);
        const span = Math.max(...group.map((q) => q.line), p.line) - Math.min(...group.map((q) => q.line), p.line);
        if (near && span < MAX_GROUP_LINES) { group.push(p); used.add(p); grew = true; }
      }
    }
    groups.push(group.sort((a, b) => a.line - b.line || a.start - b.start));
  }
  return groups.map((g) => withSpecks(withContinuations(g, lines), lines));
}

/** A whole line right above or below a box's line with no word of three letters and little else ("ki", "'", "®"): what OCR made of the rest of the box. */
function withSpecks(group: Piece[], lines: readonly SegLine[]): Piece[] {
  const out = [...group];
  const has = (i: number) => out.some((p) => p.line === i);
  for (const p of group) {
    for (const i of [p.line - 1, p.line + 1]) {
      const l = lines[i];
      if (!l || has(i) || isBlank(l) || l.page !== lines[p.line]!.page) continue;
      const t = l.text.trim();
      if (t.length <= 6 && !/\p{L}{3}/u.test(t) && !/\d/.test(t)) out.push({ line: i, start: 0, end: l.text.length, label: null, value: '' });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.start - b.start);
}

/**
 * A value the box wrapped onto the next line ("Ký bởi: Ủy ban nhân dân" / "tỉnh Quảng Ngãi"):
 * a whole line right under a member that starts in lower case or holds the rest of an address.
 */
function withContinuations(group: Piece[], lines: readonly SegLine[]): Piece[] {
  const out = [...group];
  for (const p of group) {
    if (p.label === null || p.label.field === 'time' || p.label.field === 'stamp') continue;
    const next = lines[p.line + 1];
    if (!next || isBlank(next) || out.some((q) => q.line === p.line + 1) || /\s{2,}/.test(next.text.trim())) continue;
    const t = next.text.trim();
    const wraps = (/^\p{Ll}/u.test(t) && t.split(/\s+/).length <= 6) || (p.label?.field === 'email' && /^[\w.-]*\.(vn|com|net|org)\b/i.test(t));
    if (!wraps) continue;
    p.value = `${p.value} ${t}`.trim();
    out.push({ line: p.line + 1, start: 0, end: next.text.length, label: p.label, value: '' });
  }
  return out.sort((a, b) => a.line - b.line || a.start - b.start);
}

const tidyValue = (s: string) => s.replace(/\s+/g, ' ').replace(/^[\s:;,.\-–—|]+|[\s:;,\-–—|]+$/g, '').trim() || null;

function readGroup(group: Piece[], lines: readonly SegLine[]): ESignature {
  const first = (field: Field) => group.find((p) => p.label?.field === field && p.value.trim() !== '')?.value;
  const signer = tidyValue(first('signer') ?? '');
  const org = tidyValue(first('organization') ?? '') ?? (signer && !isPerson(signer) ? signer : null);
  const emailText = first('email') ?? group.map((p) => p.value).find((v) => EMAIL.test(v)) ?? '';
  const email = EMAIL.exec(emailText)?.[0].replace(/\s+/g, '').replace('(at)', '@') ?? tidyValue(emailText);
  const timeText = first('time') ?? group.find((p) => p.label === null && p.value !== '')?.value ?? null;
  const lineIndices = group.map((p) => p.line);
  const a = Math.min(...lineIndices), b = Math.max(...lineIndices);
  return {
    signer, signerIsPerson: signer !== null && isPerson(signer), organization: org, email, time: timeText ? isoTime(timeText) ?? tidyValue(timeText) : null,
    source: 'page-overlay', page: lines[a]!.page, provenance: spanOf(lines, a, b),
  };
}
