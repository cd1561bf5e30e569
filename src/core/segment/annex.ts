/**
 * Annexes ("BIỂU TỔNG HỢP", "PHỤ LỤC", attached regulations): own header when present, title,
 * subtitle, the "(Kèm theo Báo cáo số … ngày … của …)" reference, tables and any sections.
 */
import { findSignature } from './closing.js';
import { findDate } from './dates.js';
import { typeInText, type DocType } from './doc-types.js';
import { findPhrase, foldKey, isMostlyUpper, isUpperText, keyTokens } from './fold.js';
import { parseHeader } from './header.js';
import { issuerFromPhrase, type Issuer } from './issuer.js';
import { isBlank, spanOf, type Provenance, type SegLine } from './lines.js';
import { MOTTO, MOTTO_2, authorityOf, canonicalAnnexTitle, isAnnexTitle, isAttachmentReference } from './markers.js';
import { parseNumber } from './number.js';
import { parseTable, type Table } from './table.js';

export interface AnnexReference {
  type: DocType | null;
  number: string | null;
  date: string | null;
  issuer: Issuer | null;
}

export interface Annex {
  title: string;
  subtitle: string | null;
  reference: string | null;
  referenceInfo: AnnexReference | null;
  issuer: Issuer | null;
  place: string | null;
  date: string | null;
  tables: Table[];
  /** Where the annex's body (after title, reference and tables) starts and ends, for sections. */
  bodyFrom: number;
  bodyTo: number;
  provenance: Provenance;
  confidence: number;
}

/** Indices of annex title lines in [from, to). `loose` also takes upper-case titles followed by "(Kèm theo …)". */
export function findAnnexTitles(lines: readonly SegLine[], from: number, to: number, looseFrom = to): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    if (isAnnexTitle(l.key, l.text)) { out.push(i); continue; }
    // A signature block ("TM. ỦY BAN NHÂN DÂN") is upper-case too, and may stand just above an annex.
    // So is a position over a printed name ("HIỆU TRƯỞNG" / "Đinh Văn Châu") closing the body above an annex.
    if (i >= looseFrom && isUpperText(l.text) && !isUpperText(lines[i - 1]?.text ?? '') && !authorityOf(l.key) && findSignature(lines, i, Math.min(to, i + 5)) !== i) {
      // The reference follows the title, which may run over several upper-case lines.
      for (let k = i + 1, other = 0; k < Math.min(to, i + 14) && other < 3; k++) {
        if (isAttachmentReference(lines[k]!.key)) { out.push(i); break; }
        if (!isBlank(lines[k]!) && !isMostlyUpper(lines[k]!.text)) other++;
      }
    }
  }
  return out;
}

const isMottoLine = (l: SegLine) => {
  const t = keyTokens(l.key);
  return findPhrase(t, MOTTO) >= 0 || findPhrase(t, MOTTO_2) >= 0;
};

/** First line of the annex: its own header block just above the title, when there is one. */
export function annexStart(lines: readonly SegLine[], titleAt: number, floor: number): number {
  let k = titleAt - 1, start = titleAt, motto = false, seen = 0;
  for (; k >= floor && seen < 6; k--) {
    const l = lines[k]!;
    if (isBlank(l)) continue;
    seen++;
    if (isMottoLine(l)) { motto = true; start = k; continue; }
    if (findDate(l.text) || isUpperText(l.text)) { start = k; continue; }
    break;
  }
  return motto ? start : titleAt;
}

export function parseReference(text: string): AnnexReference {
  const key = foldKey(text);
  const so = /\bS[O0-9]\b\s*:?\s*/.exec(key);
  const number = so ? parseNumber(text, so.index + so[0].length) : null;
  const of = key.lastIndexOf(' CUA ');
  const issuerText = of >= 0 ? text.slice(of + 5).replace(/[)\].;\s]+$/, '') : '';
  return { type: typeInText(key) ?? null, number: number?.full ?? null, date: findDate(text)?.iso ?? null, issuer: issuerText ? issuerFromPhrase(issuerText) : null };
}

export function parseAnnex(lines: readonly SegLine[], start: number, titleAt: number, to: number): Annex {
  const head = start < titleAt ? parseHeader(lines, start, titleAt) : null;
  let i = titleAt;
  const title: string[] = [];
  for (; i < to && !isBlank(lines[i]!) && (isUpperText(lines[i]!.text) || (i > titleAt && isMostlyUpper(lines[i]!.text))) && !isAttachmentReference(lines[i]!.key); i++) title.push(lines[i]!.text.trim());
  const subtitle: string[] = [];
  // "PHỤ LỤC I" / "DANH SÁCH CÁC NHIỆM VỤ": a bare annex label is the title, the name under it the subtitle.
  if (title.length > 1 && /^\s*(PHU LUC|BIEU MAU|BIEU SO)(\s+(SO\s*)?[IVX\d]+[.:]?)?\s*$/.test(lines[titleAt]!.key)) subtitle.push(...title.splice(1));
  let reference: string | null = null;
  for (let seen = 0; i < to && seen < 6; i++) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    seen++;
    if (/^\s*(STT|TT)\b/.test(l.key)) break;
    if (isAttachmentReference(l.key)) {
      const parts = [l.text.trim()];
      for (let k = i + 1; !parts.join(' ').includes(')') && k < Math.min(to, i + 3); k++) { parts.push(lines[k]!.text.trim()); i = k; }
      reference = parts.join(' ').replace(/\s+/g, ' ');
      i++;
      break;
    }
    if (subtitle.length >= 4) break;
    subtitle.push(l.text.trim());
  }
  const tables: Table[] = [];
  let at = i;
  for (let t = parseTable(lines, at, to); t; t = parseTable(lines, at, to)) { tables.push(t.table); at = t.end; }
  const referenceInfo = reference ? parseReference(reference) : null;
  const found = [title.length > 0, reference !== null, tables.length > 0].filter(Boolean).length;
  return {
    title: canonicalAnnexTitle(title.join(' ').replace(/\s+/g, ' ')),
    subtitle: subtitle.length ? subtitle.join(' ').replace(/\s+/g, ' ') : null,
    reference,
    referenceInfo,
    issuer: head?.issuer ?? null,
    place: head?.place ?? null,
    date: head?.date ?? null,
    tables,
    bodyFrom: at,
    bodyTo: to,
    provenance: spanOf(lines, start, Math.max(start, at - 1)),
    confidence: +(0.4 + 0.2 * found).toFixed(2),
  };
}
