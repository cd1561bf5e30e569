/**
 * Paragraph properties of a Word 97 .doc, only as far as tables and lists need them: whether a
 * paragraph lies in a table (sprmPFInTable), whether its mark ends a table row (sprmPFTtp, or the
 * inner table's sprmPFInnerTtp), and its list instance and level (sprmPIlfo, sprmPIlvl). Read from
 * the PAPX pages (FKPs) the PlcBtePapx lists.
 */
import { fkpLookup, forEachSprm } from './doc-fkp.js';

export interface ParagraphFlags { inTable: boolean; rowEnd: boolean; /** List instance (1-based; 0: none) and level of automatic numbering. */ lfo: number; level: number; /** The paragraph's style (index into the stylesheet; 0 is Normal). */ istd: number }
export type ParagraphFlagsAt = (fc: number) => ParagraphFlags;

const SPRM_IN_TABLE = 0x2416;
const SPRM_TTP = 0x2417;
const SPRM_INNER_TTP = 0x244c;
const SPRM_ILVL = 0x260a;
const SPRM_ILFO = 0x460b;

function flagsOf(bytes: Uint8Array, start: number, end: number): ParagraphFlags {
  const flags: ParagraphFlags = { inTable: false, rowEnd: false, lfo: 0, level: 0, istd: (bytes[start] ?? 0) | ((bytes[start + 1] ?? 0) << 8) };
  forEachSprm(bytes, start + 2, end, (sprm, at) => { // after the style index
    if (sprm === SPRM_IN_TABLE) flags.inTable = bytes[at] === 1;
    else if (sprm === SPRM_TTP || sprm === SPRM_INNER_TTP) flags.rowEnd = flags.rowEnd || bytes[at] === 1;
    else if (sprm === SPRM_ILVL) flags.level = Math.min(8, bytes[at] ?? 0);
    else if (sprm === SPRM_ILFO) { const lfo = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8); flags.lfo = lfo >= 0xf801 ? 0 : lfo; }
  });
  return flags;
}

export function paragraphFlags(word: Uint8Array, table: Uint8Array, fc: number, lcb: number): ParagraphFlagsAt {
  if (lcb < 12 || fc + lcb > table.length) throw new RangeError('no paragraph properties');
  // PAPX: a count of words (0: the count is the next byte's), the style index, then the sprms.
  const read = (fkp: Uint8Array, at: number) => {
    const cb = fkp[at]!;
    const [start, size] = cb ? [at + 1, 2 * cb - 1] : [at + 2, 2 * fkp[at + 1]!];
    return flagsOf(fkp, start, Math.min(512, start + size));
  };
  return fkpLookup(word, table, { fc, lcb }, 13, read, { inTable: false, rowEnd: false, lfo: 0, level: 0, istd: 0 }, true);
}
