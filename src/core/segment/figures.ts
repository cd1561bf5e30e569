/** Figures: a number with its unit and the phrase around it ("60 tin bài", "55 lượt", "100%"). */
import { foldKey } from './fold.js';
import { isRegexSpace } from './key-scan.js';
import type { Provenance } from './lines.js';

export interface Figure {
  value: number;
  /** As written: "60 tin bài". */
  text: string;
  unit: string;
  /** The clause the figure stands in. */
  phrase: string;
  provenance: Provenance;
  confidence: number;
}

/** Counting units (mark-free), longest first so "TIN BAI" wins over "BAI". */
const UNITS = [
  'TRIEU DONG', 'TY DONG', 'TIN BAI', 'BAI VIET', 'HOI NGHI', 'VAN BAN', 'HO SO', 'THU TUC', 'CAN BO', 'DON VI',
  'HOC SINH', 'DOANH NGHIEP', 'CHI TIEU', 'KHAU HIEU', 'TO ROI', 'CONG TRINH', 'DU AN', 'HO GIA DINH', 'LOP HOC',
  'LUOT', 'PHUT', 'GIO', 'NGUOI', 'HO', 'CUOC', 'LOP', 'BUOI', 'BAI', 'TTHC', 'DONG', 'HA', 'KM', 'TAN', 'THON',
  'TRUONG', 'LAN', 'TIET', 'CUON', 'PANO', 'XA', 'PHUONG', 'TRANG',
];
/** Units that after "số" make an address or a name ("số 3 xã", "Trường số 2"), not a count. */
const PLACE_UNITS = ['XA', 'PHUONG', 'THON', 'TRUONG', 'LAN', 'TRANG', 'DONG'];
/** Words before a number that make it an identifier or a date, not a figure. */
const NOT_FIGURE_BEFORE = /(SO|NGAY|THANG|NAM|DIEU|KHOAN|MUC|DO|CAP|KHOA|LAN THU|GIAI DOAN)\s*$/;

const FIGURE = /(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\d/])\s*(%)?/g;
/** What ends a figure's phrase on its right. */
const RIGHT_STOPS = [',', ';', ')', '. ', ':'];

function valueOf(raw: string): number {
  // Vietnamese: '.' groups thousands, ',' marks decimals.
  return Number(raw.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.'));
}

export function findFigures(text: string, provenance: Provenance): Figure[] {
  // A figure has an ASCII digit, and folding makes none (marks and case only): most text has none.
  if (!/[0-9]/.test(text)) return [];
  const key = foldKey(text);
  const out: Figure[] = [];
  // One shared regex stepped with exec (matchAll clones its regex on every call).
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(key); m; m = FIGURE.exec(key)) {
    const start = m.index!;
    const before = key.slice(Math.max(0, start - 14), start);
    // "số 20" is an identifier, unless a counting unit follows ("chuyển đổi số 20 tin bài").
    const afterSo = / SO\s*$/.test(' ' + before);
    if (NOT_FIGURE_BEFORE.test(before) && !afterSo) continue;
    let end = start + m[0].length;
    let unit = '';
    if (m[2]) unit = '%';
    else {
      // The unit after the white space that follows (what `key.slice(end).replace(/^\s+/, '')`
      // would start with, without copying the rest of the paragraph for every figure).
      let at = end;
      while (at < key.length && isRegexSpace(key.charCodeAt(at))) at++;
      const gap = at - end;
      const hit = UNITS.find((u) => key.startsWith(u, at) && !/[A-Z0-9]/.test(key[at + u.length] ?? ''));
      if (!hit || (afterSo && PLACE_UNITS.includes(hit))) continue;
      unit = text.slice(end + gap, end + gap + hit.length);
      end += gap + hit.length;
    }
    if (afterSo && unit === '%') continue;
    const value = valueOf(m[1]!);
    if (!Number.isFinite(value)) continue;
    const left = Math.max(text.lastIndexOf(',', start), text.lastIndexOf(';', start), text.lastIndexOf('(', start), text.lastIndexOf(':', start), text.lastIndexOf('. ', start));
    // The nearest stop after the figure, else the text's end (a loop: the mapped and filtered
    // array spread into Math.min made V8 deoptimise findFigures in every worker).
    let right = text.length;
    for (const c of RIGHT_STOPS) {
      const at = text.indexOf(c, end);
      if (at >= 0 && at < right) right = at;
    }
    const phrase = text.slice(left + 1, right).replace(/\s+/g, ' ').trim();
    out.push({ value, text: text.slice(start, end).replace(/\s+/g, ' ').trim(), unit, phrase, provenance, confidence: unit === '%' ? 0.9 : 0.8 });
  }
  return out;
}
