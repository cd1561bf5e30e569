/**
 * Document types and their abbreviations (Decree 30/2020/NĐ-CP, Appendix III, and the legal
 * normative decrees and circulars written the same way). A công văn has no
 * abbreviation in the Decree (its symbol is organ-unit); 'CV' is the usual convention.
 */
import { foldKey, isPhrase } from './fold.js';

export interface DocType {
  code: string;
  name: string;
}

export const DOC_TYPES: readonly DocType[] = [
  { code: 'NQ', name: 'Nghị quyết' },
  { code: 'QĐ', name: 'Quyết định' },
  { code: 'CT', name: 'Chỉ thị' },
  { code: 'QC', name: 'Quy chế' },
  { code: 'QyĐ', name: 'Quy định' },
  { code: 'TC', name: 'Thông cáo' },
  { code: 'TB', name: 'Thông báo' },
  { code: 'HD', name: 'Hướng dẫn' },
  { code: 'CTr', name: 'Chương trình' },
  { code: 'KH', name: 'Kế hoạch' },
  { code: 'PA', name: 'Phương án' },
  { code: 'ĐA', name: 'Đề án' },
  { code: 'DA', name: 'Dự án' },
  { code: 'BC', name: 'Báo cáo' },
  { code: 'BB', name: 'Biên bản' },
  { code: 'TTr', name: 'Tờ trình' },
  { code: 'HĐ', name: 'Hợp đồng' },
  { code: 'CĐ', name: 'Công điện' },
  { code: 'GN', name: 'Bản ghi nhớ' },
  { code: 'TTh', name: 'Bản thỏa thuận' },
  { code: 'GUQ', name: 'Giấy ủy quyền' },
  { code: 'GM', name: 'Giấy mời' },
  { code: 'GGT', name: 'Giấy giới thiệu' },
  { code: 'GNP', name: 'Giấy nghỉ phép' },
  { code: 'PG', name: 'Phiếu gửi' },
  { code: 'PC', name: 'Phiếu chuyển' },
  { code: 'PB', name: 'Phiếu báo' },
  // Legal normative documents (Law 80/2015/QH13) use the same header and symbol layout.
  { code: 'NĐ', name: 'Nghị định' },
  { code: 'TTLT', name: 'Thông tư liên tịch' },
  { code: 'TT', name: 'Thông tư' },
  { code: 'CV', name: 'Công văn' },
];

/** A type's folded name and code and its patterns, in DOC_TYPES' order. */
interface TypePatterns { type: DocType; nameKey: string; codeKey: string; inText: RegExp; atStart: RegExp }

/**
 * Made on first use and kept (no pattern has the g or y flag, so none keeps state between calls):
 * they were made again for every type at every call, 14 RegExp objects and folded names on the
 * first line of every document (docs/batch-speed-s23.md).
 */
let patterns: TypePatterns[] | undefined;
function typePatterns(): TypePatterns[] {
  return (patterns ??= DOC_TYPES.map((type) => {
    const k = foldKey(type.name);
    return { type, nameKey: k, codeKey: foldKey(type.code), inText: new RegExp(`(^|[^A-Z])${k}([^A-Z]|$)`), atStart: new RegExp(`^\\s*${k}\\s+(?=[A-Z0-9"“(])`) };
  }));
}

export const CONG_VAN: DocType = DOC_TYPES.find((t) => t.code === 'CV')!;

/** Codes compared with Đ/D and the usual OCR stand-ins for Đ (P, b) made equal. */
function codeKey(code: string): string {
  return foldKey(code).replace(/[PB]/g, 'D');
}

// Codes with Đ come first so an OCR'd "Qb" reads QĐ; exact codes (BC, PC) are matched before this.
const BY_CODE = new Map(DOC_TYPES.filter((t) => t.code !== 'CV').reverse().map((t) => [codeKey(t.code), t]));

/** The type whose abbreviation this symbol part is ("QĐ", OCR'd "Qb", "QD"), if any. */
export function typeByCode(part: string): DocType | undefined {
  const key = foldKey(part.trim());
  const exact = typePatterns().find((p) => p.type.code !== 'CV' && p.codeKey === key)?.type;
  return exact ?? BY_CODE.get(codeKey(part.trim()));
}

/** The type whose name the whole line is ("BÁO CÁO", OCR "QUYET PINH"), if any. */
export function typeByName(line: string): DocType | undefined {
  const key = foldKey(line.trim()).replace(/[^A-Z0-9 ]+/g, ' ').trim();
  if (!key || key.length > 20) return undefined;
  // Exact first: "THONG BAO" must not fall to the fuzzy "THONG CAO".
  const types = typePatterns();
  return (types.find((p) => key === p.nameKey) ?? types.find((p) => isPhrase(key, p.nameKey)))?.type;
}

/** Type names in upper case, for spotting them inside text ("Kèm theo Báo cáo số …"). */
export function typeInText(key: string): DocType | undefined {
  for (const { type, inText } of typePatterns()) if (inText.test(key)) return type;
  return undefined;
}

/**
 * An upper-case line that starts with a type name and goes on with the title ("THÔNG BÁO KẾT
 * LUẬN CỦA …", as some sources write the header): the type and where the title starts.
 */
export function typeAtLineStart(line: string): { type: DocType; titleStart: number } | undefined {
  const key = foldKey(line);
  for (const { type, atStart } of typePatterns()) {
    const m = atStart.exec(key);
    if (m && key.slice(m[0].length).trim().split(/\s+/).length >= 2) return { type, titleStart: m[0].length };
  }
  return undefined;
}
