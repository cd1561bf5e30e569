/**
 * The formatted disk pages (FKPs) of a Word 97 .doc, shared by the character (doc-fonts.ts) and
 * paragraph (doc-papx.ts) property readers: a bin table (PlcBteChpx, PlcBtePapx) lists the 512-byte
 * pages, each page its runs of file offsets and their property entries, each entry a list of
 * sprms (a property's code and operand).
 */

/** Operand size of a sprm at `at` (its 2 bytes excluded); character sprms follow the same rule. */
function operandSize(bytes: Uint8Array, at: number, sprm: number): number {
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
const SPRM_TDEF_TABLE = 0xd608;
const SPRM_CHG_TABS = 0xc615;

/** Each sprm of the list in bytes [start, end): its code and where its operand starts. */
export function forEachSprm(bytes: Uint8Array, start: number, end: number, each: (sprm: number, operand: number) => void): void {
  for (let at = start; at + 2 <= end; ) {
    const sprm = bytes[at]! | (bytes[at + 1]! << 8);
    at += 2;
    each(sprm, at);
    at += operandSize(bytes, at, sprm);
  }
}

/**
 * What the run a file offset falls in carries, from the pages the bin table (`bte` in the table
 * stream) lists: `read` reads a run's entry at its byte offset in the page (entry offsets stand
 * `entrySize` bytes apart: 1 in CHPX pages, 13 in PAPX pages); a run with no entry, or an offset
 * in no run, gives `none`. A page past the end of the file is left out, or with `strict` throws.
 */
export function fkpLookup<T>(word: Uint8Array, table: Uint8Array, bte: { fc: number; lcb: number }, entrySize: number, read: (fkp: Uint8Array, at: number) => T, none: T, strict: boolean): (fc: number) => T {
  const tv = new DataView(table.buffer, table.byteOffset + bte.fc, bte.lcb);
  const n = (bte.lcb - 4) / 8;
  const starts: number[] = [], ends: number[] = [], values: T[] = [];
  for (let i = 0; i < n; i++) {
    const page = (tv.getUint32(4 * (n + 1) + 4 * i, true) & 0x3fffff) * 512;
    if (page + 512 > word.length) {
      if (strict) throw new RangeError('a property page lies past the end');
      continue;
    }
    const fkp = word.subarray(page, page + 512);
    const fv = new DataView(fkp.buffer, fkp.byteOffset, 512);
    const count = fkp[511]!;
    for (let k = 0; k < count; k++) {
      const at = fkp[4 * (count + 1) + entrySize * k]! * 2;
      starts.push(fv.getUint32(4 * k, true)); ends.push(fv.getUint32(4 * (k + 1), true)); values.push(at ? read(fkp, at) : none);
    }
  }
  return rangeLookup(starts, ends, values, none);
}

/** The value of the range [start, end) a file offset falls in (binary search), else `none`. */
function rangeLookup<T>(starts: number[], ends: number[], values: T[], none: T): (fc: number) => T {
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
