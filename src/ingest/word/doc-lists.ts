/**
 * Automatic numbering of a Word 97 .doc: the list definitions (PlfLst: LSTF + 9 or 1 LVL each)
 * and list instances (PlfLfo) in the table stream. A paragraph names its instance and level in
 * its properties (sprmPIlfo, sprmPIlvl, doc-papx.ts); its marker is the level's number text with
 * the counters of the levels it names written in their formats (list-markers.ts), as for .docx. Only numbering set on the paragraph itself is read (not numbering carried by a style).
 */

import { bulletChar, countNext, formatListNumber } from './list-markers.js';

interface Level { start: number; nfc: number; text: string; placeholders: number[]; follow: number; legal: boolean }
interface List { lsid: number; levels: Level[] }

export interface DocLists {
  /** lfo index (1-based) → the list it numbers in. */
  byLfo: Map<number, List>;
}

export function readDocLists(table: Uint8Array, lst: { fc: number; lcb: number }, lfo: { fc: number; lcb: number }): DocLists {
  const byLfo = new Map<number, List>();
  if (!lst.lcb || !lfo.lcb || lst.fc + lst.lcb > table.length || lfo.fc + lfo.lcb > table.length) return { byLfo };
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const lists: List[] = [];
  const count = v.getInt16(lst.fc, true);
  // The LVLs follow the PlfLst in the stream, outside the span lcbPlfLst gives it.
  let at = lst.fc + 2 + 28 * count;
  const end = table.length;
  for (let i = 0; i < count; i++) {
    const f = lst.fc + 2 + 28 * i;
    const simple = (table[f + 26]! & 1) === 1;
    const list: List = { lsid: v.getInt32(f, true), levels: [] };
    for (let k = 0; k < (simple ? 1 : 9); k++) {
      if (at + 28 > end) return { byLfo };
      const lvlf = at; // LVLF: iStartAt, nfc, flags, rgbxchNums[9], ixchFollow, …, cbGrpprlChpx, cbGrpprlPapx
      const placeholders = [...table.subarray(lvlf + 6, lvlf + 15)].filter((p) => p > 0);
      at += 28 + table[lvlf + 25]! + table[lvlf + 24]!;
      if (at + 2 > end) return { byLfo };
      const cch = v.getUint16(at, true);
      if (at + 2 + 2 * cch > end) return { byLfo };
      let text = '';
      for (let c = 0; c < cch; c++) text += String.fromCharCode(v.getUint16(at + 2 + 2 * c, true));
      at += 2 + 2 * cch;
      list.levels.push({ start: v.getInt32(lvlf, true), nfc: table[lvlf + 4]!, text, placeholders, follow: table[lvlf + 15]!, legal: (table[lvlf + 5]! & 0x04) !== 0 });
    }
    lists.push(list);
  }
  const lfoCount = v.getInt32(lfo.fc, true);
  for (let i = 0; i < lfoCount && lfo.fc + 4 + 16 * (i + 1) <= lfo.fc + lfo.lcb; i++) {
    const lsid = v.getInt32(lfo.fc + 4 + 16 * i, true);
    const list = lists.find((l) => l.lsid === lsid);
    if (list) byLfo.set(i + 1, list);
  }
  return { byLfo };
}

/** Counts numbered paragraphs per list and level and writes their markers. */
export class DocListCounter {
  private counts = new Map<List, number[]>();
  constructor(private readonly lists: DocLists) {}

  next(lfo: number, ilvl: number): string {
    const list = this.lists.byLfo.get(lfo);
    const level = list?.levels[Math.min(ilvl, (list?.levels.length ?? 1) - 1)];
    if (!list || !level) return '';
    const counts = countNext(this.counts, list, ilvl, level.start);
    if (level.nfc === 0xff) return '';
    let marker = '';
    if (level.nfc === 23) marker = bulletChar(level.text);
    else {
      // The number text holds each level's placeholder as the code of that level (0–8).
      for (let i = 0; i < level.text.length; i++) {
        const c = level.text.charCodeAt(i);
        if (c <= 8 && level.placeholders.includes(i + 1)) {
          const l = list.levels[c] ?? level;
          marker += format(counts[c] ?? l.start, level.legal ? 0 : l.nfc);
        } else marker += level.text[i];
      }
    }
    if (marker === '') return '';
    return level.follow === 2 ? marker : `${marker} `;
  }
}

/** Word 97's number formats (nfc) by the names .docx gives them. */
const NFC_NAMES: Record<number, string> = { 0: 'decimal', 1: 'upperRoman', 2: 'lowerRoman', 3: 'upperLetter', 4: 'lowerLetter', 22: 'decimalZero' };
const format = (n: number, nfc: number) => formatListNumber(n, NFC_NAMES[nfc] ?? 'decimal');
