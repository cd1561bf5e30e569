/**
 * `archive.csv` and the Archive sheet: the document record of Circular 02/2019/TT-BNV (20 fields,
 * in its order, with its Vietnamese names). What the document itself says (number, symbol, date,
 * type, issuer, abstract, pages, keywords) is taken from the converted result when it is
 * converted; what only the archivist knows (fonds, hồ sơ, access…) comes from options at batch
 * time. A field neither gives stays empty: nothing is guessed.
 */
import { documentKeywords } from '../core/keywords.js';
import type { DocumentResult } from '../core/schema.js';
import { issuerLabel } from '../core/segment/csv-rows.js';
import { foldKey, isUpperText } from '../core/segment/fold.js';
import type { Structure } from '../core/segment/schema.js';
import type { Cell, SheetColumn } from './sheet-types.js';
import type { ArchiveSettings, HoSo } from './archive-settings.js';

/** What a document says about itself, kept with its rows until the batch writes the archive table. */
export interface ArchiveFacts {
  number: string;
  symbol: string;
  /** ISO date, or '' when the header names no real day. */
  date: string;
  type: string;
  issuer: string;
  title: string;
  language: string;
  pages: number | null;
  note: string;
  keywords: string;
  /** Độ mật printed in the header ("Mật", "Tối mật", "Tuyệt mật"); '' or absent (records of earlier versions) when none. */
  secrecy?: string;
}

const text = (header: string, width = 14): SheetColumn => ({ header, type: 'text', width });
export const ARCHIVE_COLUMNS: SheetColumn[] = [
  text('Mã phông', 10),
  text('Mục lục số hoặc năm hình thành hồ sơ', 12),
  text('Số và ký hiệu hồ sơ', 14),
  { header: 'Số thứ tự văn bản trong hồ sơ', type: 'number', width: 10 },
  text('Mã định danh văn bản', 16),
  text('Số của văn bản', 10),
  text('Ký hiệu của văn bản', 14),
  { header: 'Ngày, tháng, năm văn bản', type: 'date', width: 12 },
  text('Tên loại văn bản', 14),
  text('Tên cơ quan, tổ chức ban hành văn bản', 30),
  text('Trích yếu nội dung', 50),
  text('Ngôn ngữ', 10),
  { header: 'Số lượng trang của văn bản', type: 'number', width: 10 },
  text('Ghi chú', 30),
  text('Ký hiệu thông tin', 12),
  text('Từ khóa', 40),
  text('Chế độ sử dụng', 14),
  text('Mức độ tin cậy', 12),
  text('Bút tích', 12),
  text('Tình trạng vật lý', 14),
  // Not fields of the circular: what ties the record to its input (a renamed folder changes the path, never the hash).
  text('Tệp (path)', 30),
  text('SHA-256 của tệp', 20),
];

const FIELD_NAMES: Record<string, string> = { type: 'tên loại', number: 'số', date: 'ngày', issuer: 'cơ quan ban hành', place: 'địa danh' };

export function archiveFacts(result: DocumentResult, structure: Structure | undefined): ArchiveFacts {
  const meta = structure?.meta;
  const [number = '', ...symbol] = (meta?.number ?? '').split('/');
  const notes: string[] = [];
  if (meta && !meta.date && meta.dateText) notes.push(`Ngày ghi trên văn bản không có thật: "${meta.dateText}"`);
  if (meta?.completedFrom.length) notes.push(`Đầu văn bản thiếu ${meta.completedFrom.map((f) => FIELD_NAMES[f] ?? f).join(', ')}: lấy từ phụ lục hoặc câu kết`);
  // Fields read from handwriting or not legible: the record must not pass them off as certain.
  if (meta?.uncertain?.length) notes.push(`Cần kiểm tra: ${meta.uncertain.map((f) => FIELD_NAMES[f] ?? f).join(', ')} (viết tay hoặc không đọc rõ)`);
  const marks = headerMarks(result, meta);
  if (marks.secrecy) notes.push(`Độ mật: ${marks.secrecy}`);
  if (marks.urgency) notes.push(`Độ khẩn: ${marks.urgency}`);
  const read = result.paragraphs.length > 0;
  const pages = pageCount(result);
  if (result.source.pages && pages === null) notes.push('Tệp không ghi ngắt trang: số trang để trống');
  return {
    number: number.trim(),
    // A number not legible keeps its printed symbol ("…/QĐ-UBND").
    symbol: meta?.number ? symbol.join('/').trim() : meta?.numberSymbol?.trim() ?? '',
    date: meta?.date ?? '',
    type: meta?.type?.name ?? '',
    issuer: recordIssuer(meta?.issuer ?? null),
    title: meta?.title ?? '',
    // A text restoration found not to be Vietnamese gets no language: nothing here names it.
    language: read && result.restoreMode !== 'not-vietnamese' ? 'Tiếng Việt' : '',
    pages,
    note: notes.join('; '),
    keywords: read ? documentKeywords(result.paragraphs.map((p) => p.restored ?? p.text)).join('; ') : '',
    secrecy: marks.secrecy,
  };
}

/** About what one A4 page holds at Decree 30's 13 pt and margins (45 lines of 80 characters). */
const ONE_PAGE_CHARACTERS = 3600;

/**
 * Số lượng trang: the pages a PDF or scan has, or a text or Word file records (form feeds, Word's
 * page breaks). A text or Word file of one page whose text is longer than a page recorded no
 * breaks (a .docx saved by LibreOffice, a plain .txt): its count is not known, so not written
 * (the same report said 1 page as .docx and .txt, 3 as .odt and .pdf).
 */
function pageCount(result: DocumentResult): number | null {
  const pages = result.source.pages || null;
  const unpaged = pages === 1 && (result.source.kind === 'text' || result.source.kind === 'word');
  return unpaged && result.text.original.length > ONE_PAGE_CHARACTERS ? null : pages;
}

const SECRECY: Record<string, string> = { MAT: 'Mật', 'TOI MAT': 'Tối mật', 'TUYET MAT': 'Tuyệt mật' };
const URGENCY: Record<string, string> = { KHAN: 'Khẩn', 'THUONG KHAN': 'Thượng khẩn', 'HOA TOC': 'Hỏa tốc', 'HOA TOC HEN GIO': 'Hỏa tốc hẹn giờ' };

/**
 * Độ mật and độ khẩn (Decree 30/2020: stamped in the header, under the number): a header line that
 * is the mark alone, in capitals ("MẬT", "TỐI MẬT", "HỎA TỐC"). Read from the text (restored when
 * there is one), over the lines the header was read from.
 */
function headerMarks(result: DocumentResult, meta: Structure['meta'] | undefined): { secrecy: string; urgency: string } {
  const out = { secrecy: '', urgency: '' };
  const at = meta?.provenance;
  if (!at) return out;
  const page = (result.text.corrected ?? result.text.restored ?? result.text.original).split('\f')[at.page - 1] ?? '';
  for (const line of page.split(/\r?\n|\r/).slice(at.lineStart - 1, at.lineEnd)) {
    const t = line.trim();
    if (!t || !isUpperText(t)) continue;
    const key = foldKey(t).replace(/[\s.:]+/g, ' ').trim();
    out.secrecy ||= SECRECY[key] ?? '';
    out.urgency ||= URGENCY[key] ?? '';
  }
  return out;
}

const COUNCILS: Record<string, string> = { 'UY BAN NHAN DAN': 'Ủy ban nhân dân', UBND: 'Ủy ban nhân dân', 'HOI DONG NHAN DAN': 'Hội đồng nhân dân', HDND: 'Hội đồng nhân dân' };
const UNIT = /^(thành phố|thị xã|thị trấn|xã|phường|huyện|quận|tỉnh)\s+(.+)$/u;

/**
 * The issuer as the record names it: a council written in capitals in the header ("ỦY BAN NHÂN
 * DÂN" / "XÃ NGỌC KỲ") in its standard form, "Ủy ban nhân dân xã Ngọc Kỳ" (unit word in lower
 * case, place name capitalised per syllable). Any other issuer stays as written: its
 * capitalisation ("Sở Giáo dục và Đào tạo") cannot be recovered from capitals alone.
 */
export function recordIssuer(issuer: Structure['meta']['issuer']): string {
  if (!issuer) return '';
  const council = issuer.parent ? COUNCILS[foldKey(issuer.parent).replace(/\s+/g, ' ').trim()] : undefined;
  if (!council || !isUpperText(issuer.name)) return issuerLabel(issuer);
  const unit = UNIT.exec(issuer.name.toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim());
  if (!unit) return issuerLabel(issuer);
  const place = unit[2]!.split(' ').map((s) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1)).join(' ');
  return `${council} ${unit[1]} ${place}`;
}

/** The archivist's settings (archive-settings.ts holds their zod checker, loaded only by the commands that read a settings file). */
export type { ArchiveSettings } from './archive-settings.js';
type HoSoFields = HoSo & { folder?: string };

const normalFolder = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');

/** The hồ sơ a path belongs to: the longest folder that contains it. */
export function hoSoOf(path: string, settings: ArchiveSettings): HoSoFields | undefined {
  const p = normalFolder(path);
  let best: HoSoFields | undefined;
  for (const f of settings.files) {
    const folder = normalFolder(f.folder);
    if ((folder === '' || p.startsWith(`${folder}/`)) && (!best || folder.length > normalFolder(best.folder!).length)) best = f;
  }
  return best;
}

const collator = new Intl.Collator('vi', { numeric: true });

/**
 * Số thứ tự văn bản trong hồ sơ: 1, 2… in path order within each hồ sơ, over every input of the
 * batch (a failed one keeps its number, so fixing it later renumbers nothing).
 */
export function ordinalsInHoSo(paths: readonly string[], settings: ArchiveSettings): Map<string, number> {
  const groups = new Map<HoSoFields, string[]>();
  for (const path of paths) {
    const h = hoSoOf(path, settings);
    if (!h) continue;
    const members = groups.get(h);
    if (members) members.push(path);
    else groups.set(h, [path]);
  }
  const out = new Map<string, number>();
  for (const members of groups.values()) [...members].sort(collator.compare).forEach((p, i) => out.set(p, i + 1));
  return out;
}

/** The 20 cells of a document's record and its input's path and SHA-256, in ARCHIVE_COLUMNS order. */
export function archiveRow(path: string, facts: ArchiveFacts, settings: ArchiveSettings, ordinal: number | undefined, sha256 = ''): Cell[] {
  const hoSo = hoSoOf(path, settings);
  const h = { ...settings.defaults, ...hoSo };
  const s = (v: string | undefined) => v ?? '';
  // A document stamped secret never takes the default access ("Công khai"): only its hồ sơ's own.
  const access = facts.secrecy ? hoSo?.access : h.access;
  return [
    s(settings.fonds), s(h.catalog), s(h.fileCode), ordinal ?? null, '',
    facts.number, facts.symbol, facts.date, facts.type, facts.issuer, facts.title, facts.language, facts.pages, facts.note,
    s(h.infoCode), facts.keywords, s(access), s(h.reliability), s(h.handwriting), s(h.physicalState),
    path, sha256,
  ];
}
