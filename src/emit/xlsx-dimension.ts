/**
 * Puts `<dimension ref="A1:V301"/>` into the sheets of a written .xlsx. exceljs's streaming writer
 * writes a sheet's head before its first row and leaves the dimension out; readers that trust it
 * (openpyxl in read-only mode, SheetJS with sheetRows) then see no rows or A1 only. The zip is
 * copied entry by entry into a new file: other entries' compressed bytes as they are, each sheet
 * named inflated and deflated again as a stream with the element put before its views, so a
 * sheet of a million rows never sits in memory. A ZIP64 file (over 4 GiB) is left as it is.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, crc32, createDeflateRaw, createInflateRaw } from 'node:zlib';
import { ZipError, zipDirectoryEntries, zipEndRecord, type ZipDirectoryEntry } from '../core/zip-directory.js';

/** A directory entry, its name as the bytes stored (written back as they are). */
type Entry = Omit<ZipDirectoryEntry, 'nameBytes' | 'name'> & { name: Buffer };

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

function centralDirectory(fd: number, fileSize: number): Entry[] | null {
  const end = zipEndRecord(readAt(fd, Math.max(0, fileSize - 65_557), Math.min(fileSize, 65_557)));
  if (!end || end.zip64) return null;
  try {
    return zipDirectoryEntries(readAt(fd, end.start, end.size), end.count).map(({ nameBytes, name: _decoded, ...e }) => ({ ...e, name: Buffer.from(nameBytes) }));
  } catch (e) {
    if (e instanceof ZipError) return null;
    throw e;
  }
}

/** Puts the element before the first of these, in the order the schema wants (sheetPr, dimension, sheetViews…). */
const AFTER_DIMENSION = ['<sheetViews', '<sheetFormatPr', '<cols', '<sheetData'].map((s) => Buffer.from(s));

/** Passes the sheet's XML through, with the dimension put in once the head has been seen. */
function insertDimension(ref: string): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      const at = Math.min(...AFTER_DIMENSION.map((m) => head!.indexOf(m)).filter((i) => i >= 0));
      if (!Number.isFinite(at)) {
        if (head.length <= 1 << 16) return done();
        const all = head; // no head in the first 64 KiB: not a sheet as written here, passed on as it is
        head = null;
        return done(null, all);
      }
      const had = head.subarray(0, at).includes('<dimension');
      const out = had ? head : Buffer.concat([head.subarray(0, at), Buffer.from(`<dimension ref="${ref}"/>`), head.subarray(at)]);
      head = null;
      done(null, out);
    },
    flush(done) {
      done(null, head && head.length ? head : undefined);
    },
  });
}

function localHeader(e: Entry, flags: number, crc: number, compressed: number, size: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(e.time, 10);
  h.writeUInt16LE(e.date, 12);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, e.name]);
}

/**
 * Rewrites the workbook at `path` with a dimension in each named sheet (`xl/worksheets/sheet1.xml`
 * → "A1:V301"). False, the file untouched, when it is not a zip this can rewrite.
 */
export async function addSheetDimensions(path: string, refs: ReadonlyMap<string, string>): Promise<boolean> {
  const fd = openSync(path, 'r');
  const tmp = `${path}.dimension`;
  let out = -1;
  try {
    const entries = centralDirectory(fd, fstatSync(fd).size);
    if (!entries) return false;
    out = openSync(tmp, 'w');
    let at = 0;
    const write = (b: Buffer) => { writeSync(out, b); at += b.length; };
    const written: Array<Entry & { newOffset: number }> = [];
    for (const e of entries) {
      const lh = readAt(fd, e.localOffset, 30);
      const dataStart = e.localOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
      const newOffset = at;
      const ref = refs.get(e.name.toString('utf8'));
      if (ref === undefined || e.method !== 8) {
        // As it was: the same compressed bytes, sizes and CRC in the header, no data descriptor.
        const flags = e.flags & ~0x08;
        write(localHeader(e, flags, e.crc, e.compressedSize, e.size));
        if (e.compressedSize > 0) {
          await pipeline(createReadStream('', { fd, start: dataStart, end: dataStart + e.compressedSize - 1, autoClose: false }), async function* (src) {
            for await (const chunk of src) write(chunk as Buffer);
          });
        }
        written.push({ ...e, flags, newOffset });
        continue;
      }
      const flags = (e.flags & ~0x08) | 0x08; // sizes and CRC follow the data
      write(localHeader(e, flags, 0, 0, 0));
      let crc = 0, size = 0, compressed = 0;
      await pipeline(
        createReadStream('', { fd, start: dataStart, end: dataStart + e.compressedSize - 1, autoClose: false }),
        createInflateRaw(),
        insertDimension(ref),
        async function* (src) {
          for await (const chunk of src) {
            crc = crc32(chunk as Buffer, crc);
            size += (chunk as Buffer).length;
            yield chunk;
          }
        },
        createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION }),
        async function* (src) {
          for await (const chunk of src) {
            compressed += (chunk as Buffer).length;
            write(chunk as Buffer);
          }
        },
      );
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc >>> 0, 4);
      dd.writeUInt32LE(compressed, 8);
      dd.writeUInt32LE(size, 12);
      write(dd);
      written.push({ ...e, flags, crc: crc >>> 0, compressedSize: compressed, size, newOffset });
    }
    const cdStart = at;
    for (const e of written) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(e.madeBy, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(e.flags, 8);
      c.writeUInt16LE(e.method, 10);
      c.writeUInt16LE(e.time, 12);
      c.writeUInt16LE(e.date, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.compressedSize, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt16LE(e.internal, 36);
      c.writeUInt32LE(e.external, 38);
      c.writeUInt32LE(e.newOffset, 42);
      write(Buffer.concat([c, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(at - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    write(end);
    closeSync(out);
    out = -1;
    renameSync(tmp, path);
    return true;
  } finally {
    closeSync(fd);
    if (out >= 0) {
      closeSync(out);
      rmSync(tmp, { force: true });
    }
  }
}
