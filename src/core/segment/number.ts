/** "Số: 98/2025/QĐ-UBND" → number, year, symbol and the Decree-30 type code it carries. */
import { typeByCode, type DocType } from './doc-types.js';

export interface DocNumber {
  /** As written, with the type code canonicalised: "98/2025/QĐ-UBND". */
  full: string;
  number: string;
  year: string | null;
  symbol: string;
  type: DocType | null;
  /** Offsets of the number in the text it was read from. */
  start: number;
  end: number;
}

// OCR sometimes drops the slash ("5155SGDĐT-GDTXNNĐH"): digits run straight into an upper-case
// symbol that has a hyphen are still a number and its symbol.
const NUMBER = /(\d+)(?:\s*\/\s*(?:(\d{4})\s*\/\s*)?|(?=\p{Lu}{2}[\p{L}\d&]*\s*-\s*[\p{L}\d&]))([\p{L}\d&]+(?:\s*-\s*[\p{L}\d&]+)*)/u;

/** Reads the number at the start of `text` (after "Số:" has been cut off), or anywhere when loose. */
export function parseNumber(text: string, offset = 0): DocNumber | null {
  const m = NUMBER.exec(text.slice(offset));
  if (!m) return null;
  const { symbol, type } = symbolOf(m[3]!);
  const year = m[2] ?? null;
  return {
    full: `${m[1]}/${year ? `${year}/` : ''}${symbol}`,
    number: m[1]!,
    year,
    symbol,
    type,
    start: offset + m.index,
    end: offset + m.index + m[0].length,
  };
}

/** A symbol as read ("TB - ĐHĐL", "Qb-UBND") → canonical ("TB-ĐHĐL", "QĐ-UBND") and the type its code names. */
export function symbolOf(raw: string): { symbol: string; type: DocType | null } {
  const parts = raw.split(/\s*-\s*/).map(undoBarredD);
  const type = typeByCode(parts[0]!) ?? null;
  if (type && type.code !== 'CV') parts[0] = type.code;
  return { symbol: parts.join('-'), type };
}

/**
 * Symbols are upper-case (bar "TTr", "CTr", "QyĐ", "TTh"), so a lower-case b in one is an OCR'd Đ,
 * whose bar is sometimes read as an extra b after a D ("QDb", "Qb" → "QĐ").
 */
function undoBarredD(part: string): string {
  return part.replace(/[DĐ]b/g, 'Đ').replace(/(?<=\p{Lu})b/gu, 'Đ');
}

/**
 * Offset just after a "Số:" label at the start of the key, or -1. OCR reads "Số" as "S6", "SG",
 * "S60", so any S plus up to two letters or digits counts when a number follows the colon.
 */
export function numberLabelEnd(key: string): number {
  const m = /^\s*S[A-Z0-9]{0,2}(?:\s*[:;.]\s*|\s+)(?=\d+\s*\/|\d+[A-Z]{2}[A-Z0-9&]*\s*-\s*[A-Z0-9&])/.exec(key);
  return m ? m[0].length : -1;
}
