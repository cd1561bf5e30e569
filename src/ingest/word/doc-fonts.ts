/**
 * The font each character of a Word 97 .doc is set in, as far as the text's decoding needs it:
 * the font table (SttbfFfn), the character properties' font (sprmCRgFtc0) from the CHPX pages
 * (FKPs) the PlcBteChpx lists, and for runs that name none, their paragraph style's font through
 * its based-on chain in the stylesheet (STSH), else the document's default font.
 */

import { fkpLookup, forEachSprm } from './doc-fkp.js';

const SPRM_FONT = 0x4a4f; // sprmCRgFtc0: the font of ASCII characters
export type FontAt = (fc: number) => string | null;

export const ffnNames = (table: Uint8Array, ffn: { fc: number; lcb: number }) => fontNames(table, ffn.fc, ffn.lcb);

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
  const names = ffnNames(table, ffn);
  if (!names.length || bte.lcb < 12 || bte.fc + bte.lcb > table.length) return () => null;
  // CHPX: a size byte, then the sprms.
  const read = (fkp: Uint8Array, at: number) => {
    const index = fontIndexOf(fkp, at + 1, Math.min(512, at + 1 + fkp[at]!));
    return index === undefined ? null : names[index] ?? null;
  };
  return fkpLookup<string | null>(word, table, bte, 1, read, null, false);
}

/** The font of a sprm list (sprmCRgFtc0), or undefined when it names none. */
function fontIndexOf(bytes: Uint8Array, start: number, end: number): number | undefined {
  let font: number | undefined;
  forEachSprm(bytes, start, end, (sprm, at) => { if (sprm === SPRM_FONT) font = bytes[at]! | (bytes[at + 1]! << 8); });
  return font;
}

/**
 * Each paragraph style's font by style index (istd): its own character properties, else its
 * based-on style's, else the stylesheet's default (rgftcStandardChpStsh). Damaged entries end
 * the reading; styles read so far stay.
 */
export function styleFonts(table: Uint8Array, stsh: { fc: number; lcb: number }, names: string[]): (istd: number) => string | null {
  if (stsh.lcb < 14 || stsh.fc + stsh.lcb > table.length) return () => null;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const end = stsh.fc + stsh.lcb;
  const cbStshi = v.getUint16(stsh.fc, true);
  const shi = stsh.fc + 2;
  const count = v.getUint16(shi, true);
  const baseSize = v.getUint16(shi + 2, true);
  const fallback = names[v.getUint16(shi + 12, true)] ?? null;
  const own: Array<number | undefined> = [], base: number[] = [];
  let at = shi + cbStshi;
  for (let i = 0; i < count && at + 2 <= end; i++) {
    const size = v.getUint16(at, true);
    const std = at + 2;
    at = std + size;
    base[i] = 0xfff;
    if (size === 0 || at > end || size < baseSize + 2) continue;
    const kind = v.getUint16(std + 2, true) & 0xf; // stk: 1 paragraph, 2 character
    base[i] = v.getUint16(std + 2, true) >> 4;
    let p = std + baseSize;
    const cch = v.getUint16(p, true);
    p += 2 + 2 * (cch + 1); // the name and its terminating null
    // The UPXs: a paragraph style's PAPX (its istd first) then its CHPX, each padded to an even size.
    const upx = (q: number) => ({ start: q + 2, size: v.getUint16(q, true), next: q + 2 + v.getUint16(q, true) + (v.getUint16(q, true) & 1) });
    if (kind === 1 && p + 2 <= at) {
      const papx = upx(p);
      if (papx.next + 2 <= at) { const chpx = upx(papx.next); own[i] = fontIndexOf(table, chpx.start, Math.min(at, chpx.start + chpx.size)); }
    }
  }
  const cache = new Map<number, string | null>();
  return (istd: number) => {
    if (cache.has(istd)) return cache.get(istd)!;
    let font: string | null = fallback;
    const seen = new Set<number>();
    for (let s = istd; s < count && s !== 0xfff && !seen.has(s); s = base[s] ?? 0xfff) {
      seen.add(s);
      if (own[s] !== undefined) { font = names[own[s]!] ?? fallback; break; }
    }
    cache.set(istd, font);
    return font;
  };
}

/** sprmCFRMarkDel: the character is a tracked deletion (its operand 1), shown struck through, gone once accepted. */
const SPRM_RMARK_DEL = 0x0800;

/**
 * Whether the character at a file offset is a tracked deletion, from the CHPX pages: a revision
 * mark is always the run's own property, never a style's. (A move's old place is a deletion too.)
 * Null when the file holds none.
 */
export function deletedCharacters(word: Uint8Array, table: Uint8Array, bte: { fc: number; lcb: number }): ((fc: number) => boolean) | null {
  if (bte.lcb < 12 || bte.fc + bte.lcb > table.length) return null;
  let any = false;
  const read = (fkp: Uint8Array, at: number) => {
    let deleted = false;
    forEachSprm(fkp, at + 1, Math.min(512, at + 1 + fkp[at]!), (sprm, op) => { if (sprm === SPRM_RMARK_DEL) deleted = fkp[op] === 1; });
    any ||= deleted;
    return deleted;
  };
  const lookup = fkpLookup<boolean>(word, table, bte, 1, read, false, false);
  // Most files hold no deletion: then no look-up a character.
  return any ? lookup : null;
}
