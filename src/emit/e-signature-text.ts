/**
 * E-signatures (`meta.eSignatures`, schema 1.3) as the text writers show them (txt, md, docx):
 * who signed, for which organisation, when, and where the record came from, in Vietnamese as the
 * signing tools label their boxes ("Ký bởi", "Cơ quan", "Thời gian ký"). They go where a reader
 * looks for the signing: right after the signature block; without one, at the end of the
 * document's own text (before its annexes).
 */
import type { DocumentResult } from '../core/schema.js';
import type { ESignatureNode } from '../core/segment/schema.js';

export const E_SIGNATURES_TITLE = 'Chữ ký số';

export interface Place {
  page: number;
  line: number;
}

/** "2025-09-12T10:15:23+07:00" → "12/09/2025 10:15:23 +07:00"; a time not in ISO 8601 stays as written. */
export function shownTime(time: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(time.trim());
  if (!m) return time;
  const [, y, mo, d, h, mi, s, zone] = m;
  const clock = h ? ` ${h}:${mi}${s ? `:${s}` : ''}` : '';
  const offset = zone ? ` ${zone === 'Z' ? 'UTC' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}` : '';
  return `${d}/${mo}/${y}${clock}${offset}`;
}

/** One e-signature as one line: "Ký bởi: … · Cơ quan: … · Thời gian ký: … · Email: … · Nguồn: …". */
export function eSignatureLine(s: ESignatureNode): string {
  const source = s.source === 'pdf-signature' ? `chữ ký trong tệp PDF, trang ${s.page}` : `khung ký số trên trang ${s.page}`;
  const parts = [
    `Ký bởi: ${s.signer ?? '(không đọc được)'}`,
    // The organisation the person signed for; an organisation's own certificate names itself once.
    s.organization && s.organization !== s.signer ? `Cơ quan: ${s.organization}` : '',
    s.time ? `Thời gian ký: ${shownTime(s.time)}` : '',
    s.email ? `Email: ${s.email}` : '',
    `Nguồn: ${source}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function eSignatureLines(result: DocumentResult): string[] {
  const lines = (result.meta?.eSignatures ?? []).map(eSignatureLine);
  const suggestion = result.meta?.date === null ? result.meta.dateSuggestion : undefined;
  // The signing day offered where the page's date was not read: said to be a suggestion, never the date.
  if (suggestion && lines.length) lines.push(dateSuggestionLine(suggestion.date));
  return lines;
}

/** "Ngày văn bản: chưa đọc được; gợi ý theo ngày ký số: 12/09/2025 (cần xác nhận)". */
export function dateSuggestionLine(date: string): string {
  return `Ngày văn bản: chưa đọc được; gợi ý theo ngày ký số: ${shownTime(date)} (cần xác nhận)`;
}

/**
 * The line the e-signatures follow: the signature block's last line; without a signature block,
 * the line before the first annex; null for the end of the document.
 */
export function eSignatureAnchor(result: DocumentResult): Place | null {
  const sig = result.signature?.provenance;
  if (sig) return sig.end ? { page: sig.end.page, line: sig.end.line } : { page: sig.page, line: sig.lineEnd };
  const annex = result.annexes?.[0]?.provenance;
  if (!annex) return null;
  if (annex.lineStart > 1) return { page: annex.page, line: annex.lineStart - 1 };
  const at = result.pages.findIndex((p) => p.number === annex.page);
  const previous = at > 0 ? result.pages[at - 1] : undefined;
  return previous && previous.lines.length ? { page: previous.number, line: previous.lines.length } : { page: annex.page, line: 0 };
}

/** Does place a come before or at place b (reading order)? */
export const atOrBefore = (a: Place, b: Place) => a.page < b.page || (a.page === b.page && a.line <= b.line);
