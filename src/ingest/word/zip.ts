/**
 * Just enough of ZIP to read the parts of an Office Open XML file (.docx): the central directory,
 * stored and deflated entries. Every size is checked against the buffer and a limit, so a
 * truncated file, a hostile offset or a "zip bomb" part is an error for that file, not a crash
 * or an out-of-memory for the batch.
 */
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries listed in the central directory, by name. */
export function zipEntries(data: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) { end = i; break; }
  }
  if (end < 0) throw new ZipError('no ZIP directory at the end of the file (truncated?)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, ZipEntry>();
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== CENTRAL) throw new ZipError('the ZIP directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > data.length) throw new ZipError('the ZIP directory is damaged');
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    entries.set(name, {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
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
