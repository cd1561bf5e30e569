/** Split the header's left column ("ỦY BAN NHÂN DÂN / XÃ NGỌC KỲ") into issuer and parent. */
import { keyTokens, phraseAt, foldKey } from './fold.js';
import { canonicalUnitNames } from './places.js';

export interface Issuer {
  name: string;
  parent: string | null;
}

/** Organ kinds that start an organ's name; local councils/committees are named by their unit. */
const COUNCILS = ['UY BAN NHAN DAN', 'HOI DONG NHAN DAN', 'UBND', 'HDND'];
const ORGANS = [
  ...COUNCILS, 'VAN PHONG', 'CHI CUC', 'TONG CUC', 'CUC', 'SO', 'BO', 'TRUNG TAM', 'TRUONG', 'PHONG', 'BAN',
  'CONG AN', 'BENH VIEN', 'THANH TRA', 'KHO BAC', 'BAO HIEM XA HOI', 'DANG UY', 'UY BAN MAT TRAN', 'CHI NHANH',
];

const tidy = (s: string) => s.replace(/\s+/g, ' ').replace(/^[\s:;,.\-–—]+|[\s:;,.\-–—]+$/g, '');
/** Council words OCR glued together in a header ("ỦYBAN NHÂN DÂN"): the space put back. */
const unglued = (s: string) => s.replace(/(?:Ủ[YÝ]|U[ỶÝY])(?=BAN)|NHÂN(?=DÂN)|HỘI(?=ĐỒNG)/gu, '$& ');

/** A piece of the column with no two letters in a row is a speck OCR read (", ˆ" left of the motto), not a line of it. */
const isSpeck = (line: string) => !/\p{L}{2}/u.test(line);

/** Token indices where the column's lines start, counted as splitIssuer tokenises their join. */
function lineStarts(lines: readonly string[]): Set<number> {
  const starts = new Set<number>();
  let at = 0;
  for (const line of lines) {
    starts.add(at);
    at += keyTokens(foldKey(unglued(tidy(line.normalize('NFC'))))).length;
  }
  return starts;
}

/**
 * Issuer from the column's text (its lines joined by spaces), or from its lines: then specks are
 * left out, and an organ word matched only fuzzily starts a name only at the start of a line ("CÔNG
 * THƯƠNG" is a letter away from "TRƯỜNG": "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG" is not cut inside its
 * words). Null when nothing is left.
 */
export function splitIssuer(column: string | readonly string[]): Issuer | null {
  const lines = typeof column === 'string' ? null : column.filter((l) => !isSpeck(l));
  const text = canonicalUnitNames(unglued(tidy((lines ? lines.join(' ') : (column as string)).normalize('NFC'))));
  if (!text) return null;
  const tokens = keyTokens(foldKey(text));
  const lineStart = lines ? lineStarts(lines) : null;
  const exactAt = (o: string, i: number) => o.split(' ').every((w, k) => tokens[i + k]?.text === w);
  const starts: { at: number; len: number; council: boolean }[] = [];
  for (let i = 0; i < tokens.length; ) {
    const hit = ORGANS.find((o) => (o.length > 4 && (!lineStart || lineStart.has(i)) ? phraseAt(tokens, o, i) : exactAt(o, i)));
    // An organ word names what follows it ("Bộ Công an"); one closing the column ends a name ("… NỘI BỘ").
    if (hit && i + hit.split(' ').length < tokens.length) {
      const len = hit.split(' ').length;
      starts.push({ at: i, len, council: COUNCILS.includes(hit) });
      i += len;
    } else i++;
  }
  const last = starts[starts.length - 1];
  if (!last || last.at === 0 && !last.council) return { name: text, parent: null };
  const cut = (k: number) => (k >= tokens.length ? text.length : tokens[k]!.start);
  if (last.council && last.at + last.len < tokens.length) {
    return { name: tidy(text.slice(cut(last.at + last.len))), parent: tidy(text.slice(0, cut(last.at + last.len))) };
  }
  if (last.at === 0) return { name: text, parent: null };
  return { name: tidy(text.slice(cut(last.at))), parent: tidy(text.slice(0, cut(last.at))) || null };
}

/** True when the text opens with an organ word ("Văn phòng …", "Ủy ban nhân dân …", "Sở …"). */
export function startsWithOrgan(text: string): boolean {
  const tokens = keyTokens(foldKey(text.normalize('NFC')));
  return ORGANS.some((o) => (o.length > 4 ? phraseAt(tokens, o, 0) : o.split(' ').every((w, k) => tokens[k]?.text === w)));
}

/** "UBND xã Ngọc Kỳ" style issuer names (from references) split the same way. */
export function issuerFromPhrase(phrase: string): Issuer | null {
  const expanded = phrase.replace(/^\s*UBND\b/u, 'Ủy ban nhân dân').replace(/^\s*HĐND\b/u, 'Hội đồng nhân dân');
  return splitIssuer(expanded);
}
