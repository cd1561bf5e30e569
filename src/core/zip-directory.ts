/**
 * A ZIP file's central directory read from its bytes: the end record (in the last 22 bytes plus a
 * comment of up to 64 KiB) and the entries it lists. Shared by the Word readers (ingest/word/zip.ts,
 * which hold the whole file) and the workbook's dimension pass (emit/xlsx-dimension.ts, which reads
 * the tail and the directory of a file too large to hold). Every offset is checked: a damaged
 * directory is a ZipError, never a read past the bytes.
 */

export class ZipError extends Error {}

export interface ZipDirectoryEntry {
  /** The name as stored (bytes), and decoded: UTF-8 when flag bit 11 says so, else Latin-1. */
  nameBytes: Uint8Array;
  name: string;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Fields a rewriter keeps as they are: version made by, internal and external attributes. */
  madeBy: number;
  internal: number;
  external: number;
}

export interface ZipEndRecord {
  /** Entries, the directory's size and its offset in the file. */
  count: number;
  size: number;
  start: number;
  /** A field at its ZIP64 placeholder: the real values are in a ZIP64 record, not read here. */
  zip64: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The end record in `tail` (the file's last bytes, at least 22), or null when it has none. */
export function zipEndRecord(tail: Uint8Array): ZipEndRecord | null {
  const v = view(tail);
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) !== EOCD) continue;
    const count = v.getUint16(i + 10, true), size = v.getUint32(i + 12, true), start = v.getUint32(i + 16, true);
    return { count, size, start, zip64: count === 0xffff || size === 0xffffffff || start === 0xffffffff };
  }
  return null;
}

/** The `count` entries of a central directory, `cd` being the file's bytes from the directory's start. */
export function zipDirectoryEntries(cd: Uint8Array, count: number): ZipDirectoryEntry[] {
  const v = view(cd);
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  const entries: ZipDirectoryEntry[] = [];
  for (let at = 0, k = 0; k < count; k++) {
    if (at + 46 > cd.length || v.getUint32(at, true) !== CENTRAL) throw new ZipError('the ZIP directory is damaged');
    const flags = v.getUint16(at + 8, true);
    const nameLength = v.getUint16(at + 28, true), extra = v.getUint16(at + 30, true), comment = v.getUint16(at + 32, true);
    if (at + 46 + nameLength > cd.length) throw new ZipError('the ZIP directory is damaged');
    const nameBytes = cd.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      nameBytes, name: (flags & 0x800 ? utf8 : latin1).decode(nameBytes),
      madeBy: v.getUint16(at + 4, true), flags, method: v.getUint16(at + 10, true),
      time: v.getUint16(at + 12, true), date: v.getUint16(at + 14, true), crc: v.getUint32(at + 16, true),
      compressedSize: v.getUint32(at + 20, true), size: v.getUint32(at + 24, true),
      internal: v.getUint16(at + 36, true), external: v.getUint32(at + 38, true), localOffset: v.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
