/**
 * Just enough of ZIP to read the parts of an Office Open XML file (.docx): the central directory,
 * stored and deflated entries. Every size is checked against the buffer and a limit, so a
 * truncated file, a hostile offset or a "zip bomb" part is an error for that file, not a crash
 * or an out-of-memory for the batch.
 */
import { inflateRawSync } from 'node:zlib';
import { ZipError, zipDirectoryEntries, zipEndRecord, type ZipDirectoryEntry } from '../../core/zip-directory.js';

export { ZipError };

/** What the readers need of an entry (core/zip-directory.ts has all its directory fields). */
export type ZipEntry = Pick<ZipDirectoryEntry, 'name' | 'method' | 'compressedSize' | 'size' | 'localOffset'>;

const LOCAL = 0x04034b50;

/** The entries listed in the central directory, by name. */
export function zipEntries(data: Uint8Array): Map<string, ZipEntry> {
  const end = zipEndRecord(data);
  if (!end) throw new ZipError('no ZIP directory at the end of the file (truncated?)');
  return new Map(zipDirectoryEntries(data.subarray(Math.min(end.start, data.length)), end.count).map((e) => [e.name, e]));
}

/** An entry's bytes, refused when it would unpack to more than `maxBytes`. */
export function readZipEntry(data: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = entry.localOffset;
  if (at + 30 > data.length || view.getUint32(at, true) !== LOCAL) throw new ZipError(`part ${entry.name} is not where the directory says`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const stop = start + entry.compressedSize;
  if (stop > data.length) throw new ZipError(`part ${entry.name} runs past the end of the file (truncated?)`);
  if (entry.size > maxBytes) throw new ZipError(`part ${entry.name} unpacks to ${entry.size} bytes, over the ${maxBytes} limit`);
  const packed = data.subarray(start, stop);
  if (entry.method === 0) return packed;
  if (entry.method !== 8) throw new ZipError(`part ${entry.name} uses ZIP method ${entry.method} (only stored and deflated parts are read)`);
  try {
    // The declared size may lie; the output limit is what protects memory.
    return inflateRawSync(packed, { maxOutputLength: maxBytes });
  } catch (e) {
    const why = e instanceof RangeError ? `unpacks to more than ${maxBytes} bytes` : 'is damaged';
    throw new ZipError(`part ${entry.name} ${why}`);
  }
}
