/**
 * Paragraph properties of a Word 97 .doc, only as far as tables and lists need them: whether a
 * paragraph lies in a table (sprmPFInTable), whether its mark ends a table row (sprmPFTtp, or the
 * inner table's sprmPFInnerTtp), and its list instance and level (sprmPIlfo, sprmPIlvl). Read from
 * the PAPX pages (FKPs) the PlcBtePapx lists.
 */

export interface ParagraphFlags { inTable: boolean; rowEnd: boolean; /** List instance (1-based; 0: none) and level of automatic numbering. */ lfo: number; level: number; /** The paragraph's style (index into the stylesheet; 0 is Normal). */ istd: number }
export type ParagraphFlagsAt = (fc: number) => ParagraphFlags;

const SPRM_IN_TABLE = 0x2416;
const SPRM_TTP = 0x2417;
const SPRM_INNER_TTP = 0x244c;
const SPRM_ILVL = 0x260a;
const SPRM_ILFO = 0x460b;
const SPRM_TDEF_TABLE = 0xd608;
const SPRM_CHG_TABS = 0xc615;

/** Operand size of a sprm at `at` (its 2 bytes excluded); character sprms follow the same rule. */
export function operandSize(bytes: Uint8Array, at: number, sprm: number): number {
  switch (sprm >> 13) {
    case 0: case 1: return 1;
    case 2: case 4: case 5: return 2;
    case 3: return 4;
    case 7: return 3;
    default:
      if (sprm === SPRM_TDEF_TABLE) return 2 + ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)) - 1;
      if (sprm === SPRM_CHG_TABS && bytes[at] === 255) return 1 + 4 * (bytes[at + 1] ?? 0) + 1 + 3 * (bytes[at + 2 + 4 * (bytes[at + 1] ?? 0)] ?? 0);
      return 1 + (bytes[at] ?? 0);
  }
}

function flagsOf(bytes: Uint8Array, start: number, end: number): ParagraphFlags {
  const flags: ParagraphFlags = { inTable: false, rowEnd: false, lfo: 0, level: 0, istd: (bytes[start] ?? 0) | ((bytes[start + 1] ?? 0) << 8) };
  for (let at = start + 2; at + 2 <= end; ) { // after the style index
    const sprm = bytes[at]! | (bytes[at + 1]! << 8);
    at += 2;
    if (sprm === SPRM_IN_TABLE) flags.inTable = bytes[at] === 1;
    else if (sprm === SPRM_TTP || sprm === SPRM_INNER_TTP) flags.rowEnd = flags.rowEnd || bytes[at] === 1;
    else if (sprm === SPRM_ILVL) flags.level = Math.min(8, bytes[at] ?? 0);
    else if (sprm === SPRM_ILFO) { const lfo = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8); flags.lfo = lfo >= 0xf801 ? 0 : lfo; }
    at += operandSize(bytes, at, sprm);
  }
  return flags;
}

export function paragraphFlags(word: Uint8Array, table: Uint8Array, fc: number, lcb: number): ParagraphFlagsAt {
  if (lcb < 12 || fc + lcb > table.length) throw new RangeError('no paragraph properties');
  const tv = new DataView(table.buffer, table.byteOffset + fc, lcb);
  const n = (lcb - 4) / 8;
  const starts: number[] = [], ends: number[] = [], flags: ParagraphFlags[] = [];
  for (let i = 0; i < n; i++) {
    const pn = tv.getUint32(4 * (n + 1) + 4 * i, true) & 0x3fffff;
    const page = pn * 512;
    if (page + 512 > word.length) throw new RangeError('a paragraph property page lies past the end');
    const fkp = word.subarray(page, page + 512);
    const fv = new DataView(fkp.buffer, fkp.byteOffset, 512);
    const count = fkp[511]!;
    for (let k = 0; k < count; k++) {
      const from = fv.getUint32(4 * k, true), to = fv.getUint32(4 * (k + 1), true);
      const bOffset = fkp[4 * (count + 1) + 13 * k]!;
      let f: ParagraphFlags = { inTable: false, rowEnd: false, lfo: 0, level: 0, istd: 0 };
      if (bOffset) {
        const at = bOffset * 2;
        const cb = fkp[at]!;
        const [start, size] = cb ? [at + 1, 2 * cb - 1] : [at + 2, 2 * fkp[at + 1]!];
        f = flagsOf(fkp, start, Math.min(512, start + size));
      }
      starts.push(from); ends.push(to); flags.push(f);
    }
  }
  return rangeLookup(starts, ends, flags, { inTable: false, rowEnd: false, lfo: 0, level: 0, istd: 0 });
}

/** The value of the FKP range [start, end) a file offset falls in (binary search), else `none`. */
export function rangeLookup<T>(starts: number[], ends: number[], values: T[], none: T): (fc: number) => T {
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  const s = order.map((i) => starts[i]!), e = order.map((i) => ends[i]!), v = order.map((i) => values[i]!);
  return (at: number) => {
    let lo = 0, hi = s.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && at < e[found]! ? v[found]! : none;
  };
}
