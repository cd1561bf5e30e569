/**
 * The font each character of a Word 97 .doc is set in, as far as the text's decoding needs it:
 * the font table (SttbfFfn) and the character properties' font (sprmCRgFtc0) from the CHPX
 * pages (FKPs) the PlcBteChpx lists. A run whose properties name no font (it takes its style's)
 * has none here, and its paragraph is judged by its text instead (fonts.ts).
 */

import { operandSize } from './doc-papx.js';

const SPRM_FONT = 0x4a4f; // sprmCRgFtc0: the font of ASCII characters
export type FontAt = (fc: number) => string | null;

/** Font names by index. */
function fontNames(table: Uint8Array, fc: number, lcb: number): string[] {
  if (lcb < 4 || fc + lcb > table.length) return [];
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  let count = v.getUint16(fc, true);
  let at = fc + 4; // cData, cbExtra
  if (count === 0xffff) { count = v.getUint16(fc + 2, true); at = fc + 6; } // extended form
  const names: string[] = [];
  for (let i = 0; i < count && at < fc + lcb; i++) {
    const size = table[at]!;
    const ffn = at + 1;
    let name = '';
    for (let p = ffn + 39; p + 1 < ffn + size; p += 2) {
      const c = v.getUint16(p, true);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    names.push(name);
    at = ffn + size;
  }
  return names;
}

export function characterFonts(word: Uint8Array, table: Uint8Array, bte: { fc: number; lcb: number }, ffn: { fc: number; lcb: number }): FontAt {
  const names = fontNames(table, ffn.fc, ffn.lcb);
  if (!names.length || bte.lcb < 12 || bte.fc + bte.lcb > table.length) return () => null;
  const tv = new DataView(table.buffer, table.byteOffset + bte.fc, bte.lcb);
  const n = (bte.lcb - 4) / 8;
  const starts: number[] = [], ends: number[] = [], fonts: Array<string | null> = [];
  for (let i = 0; i < n; i++) {
    const page = (tv.getUint32(4 * (n + 1) + 4 * i, true) & 0x3fffff) * 512;
    if (page + 512 > word.length) continue;
    const fkp = word.subarray(page, page + 512);
    const fv = new DataView(fkp.buffer, fkp.byteOffset, 512);
    const count = fkp[511]!;
    for (let k = 0; k < count; k++) {
      const offset = fkp[4 * (count + 1) + k]! * 2;
      let font: string | null = null;
      if (offset) {
        const size = fkp[offset]!;
        for (let at = offset + 1; at + 2 <= Math.min(512, offset + 1 + size); ) {
          const sprm = fkp[at]! | (fkp[at + 1]! << 8);
          at += 2;
          if (sprm === SPRM_FONT) font = names[fkp[at]! | (fkp[at + 1]! << 8)] ?? null;
          at += operandSize(fkp, at, sprm);
        }
      }
      starts.push(fv.getUint32(4 * k, true)); ends.push(fv.getUint32(4 * (k + 1), true)); fonts.push(font);
    }
  }
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  const s = order.map((i) => starts[i]!), e = order.map((i) => ends[i]!), f = order.map((i) => fonts[i]!);
  return (at: number) => {
    let lo = 0, hi = s.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && at < e[found]! ? f[found]! : null;
  };
}
