/**
 * The batch's resume state as append-only logs, one per writer (a batch worker thread, the main
 * thread, a queue worker, the review page): `<out>/.baocao/log/<pid>-<thread>-<time>.log`.
 * A converted document adds one record (its manifest and its rows of the batch tables) to its
 * writer's open log instead of creating two files of its own: creating a small file costs ~0.65 ms
 * on ext4 and does not scale with threads, and it was two of a document's three file creations.
 *
 * A record: a header line `BAOCAO-LOG1 <payload bytes> <crc32 of the payload, 8 hex>`, the
 * payload, then a newline. The payload is lines `key<TAB>value`: `name` (JSON string), `at` (ms
 * since 1970: the newest record of a name wins, across logs), then `manifest` (JSON) and the
 * stored rows' lines (rows-store.ts), or `drop` (the name's earlier records no longer count).
 * A record is written by one write(2) on a file opened for appending, so writers never interleave.
 * A record cut short by a kill or a power loss fails its length or checksum and is ignored: its
 * document has no record, and --resume converts it again.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { STATE_DIR, ensureDirInside, syncDir } from './atomic.js';
import type { Manifest } from './manifest.js';

export const LOG_DIR = 'log';
export const LOG_MAGIC = 'BAOCAO-LOG1 ';

export function logDir(outDir: string): string {
  return join(outDir, STATE_DIR, LOG_DIR);
}

/** One record's parts as stored: the rows as the text of rows-store.ts (`key<TAB>json` lines). */
export interface LogRecord {
  name: string;
  manifest: Manifest;
  rowsText: string;
}

interface Writer { fd: number; path: string; fresh: boolean }
/** This thread's open log per output folder. */
const writers = new Map<string, Writer>();
let logCounter = 0;

/** The bytes of one record (header, payload, newline). */
export function encodeRecord(fields: string | Buffer): Buffer {
  const payload = typeof fields === 'string' ? Buffer.from(fields, 'utf8') : fields;
  const header = Buffer.from(`${LOG_MAGIC}${payload.byteLength} ${crc32(payload).toString(16).padStart(8, '0')}\n`, 'latin1');
  return Buffer.concat([header, payload, NEWLINE]);
}
const NEWLINE = Buffer.from('\n');

const head = (name: string) => `name\t${JSON.stringify(name)}\nat\t${Date.now()}\n`;

/**
 * Appends a document's record to this thread's log; with `durable`, fsyncs the log (and its folder
 * when the log is new) before returning. Returns the log's path (group-sync.ts fsyncs it later
 * when the caller defers). Throws on a file-system error: the caller makes it the document's error.
 */
export function appendRecord(outDir: string, record: LogRecord, options: { durable?: boolean } = {}): string {
  const rows = record.rowsText.endsWith('\n') || record.rowsText === '' ? record.rowsText : record.rowsText + '\n';
  return append(outDir, encodeRecord(`${head(record.name)}manifest\t${JSON.stringify(record.manifest)}\n${rows}`), options.durable === true);
}

/** Appends a record saying `name` is not done (its manifest could not be made durable). */
export function appendDrop(outDir: string, name: string, options: { durable?: boolean } = {}): string {
  return append(outDir, encodeRecord(`${head(name)}drop\t1\n`), options.durable === true);
}

function append(outDir: string, bytes: Buffer, durable: boolean): string {
  const w = writer(outDir);
  try {
    writeAll(w.fd, bytes);
  } catch (e) {
    // Part of a record may be there (a full disk): later records go to a new log, so this torn one
    // stays the last of its log, where readers drop it.
    closeSync(w.fd);
    writers.delete(outDir);
    throw e;
  }
  if (durable) {
    fsyncSync(w.fd);
    if (w.fresh) syncDir(logDir(outDir));
    w.fresh = false;
  }
  return w.path;
}

function writer(outDir: string): Writer {
  let w = writers.get(outDir);
  // A log removed under us (the output folder deleted and made again) is not written to any more.
  if (w && fstatSync(w.fd).nlink === 0) {
    closeSync(w.fd);
    w = undefined;
  }
  if (!w) {
    const dir = logDir(outDir);
    ensureDirInside(outDir, dir);
    const path = join(dir, `${process.pid}-${threadId}-${Date.now().toString(36)}-${logCounter++}.log`);
    // 'ax': a new file of this writer's own; 'a' makes every write land at the end.
    w = { fd: openSync(path, 'ax'), path, fresh: true };
    writers.set(outDir, w);
  }
  return w;
}

/** Closes this thread's logs under `outDir` (a batch's end, or before its folder may be removed). */
export function closeLogs(outDir?: string): void {
  for (const [dir, w] of writers) {
    if (outDir !== undefined && dir !== outDir) continue;
    closeSync(w.fd);
    writers.delete(dir);
  }
}

/** Where a record's payload lies in a log. */
export interface RecordPlace {
  log: string;
  offset: number;
  length: number;
}

export interface RecordHead { name: string; at: number; drop: boolean }

/**
 * Reads the records of one log's bytes from `from` on: `onRecord` for each whole, intact record.
 * Returns where reading stopped: the end, or the start of a last record not yet whole (a writer
 * may be appending it; after a kill it stays torn and is ignored). A damaged record followed by
 * more bytes is skipped to the next header.
 */
export function scanLog(buf: Buffer, from: number, onRecord: (head: RecordHead, offset: number, length: number) => void): number {
  let pos = from;
  while (pos < buf.byteLength) {
    const parsed = recordAt(buf, pos);
    if (parsed === 'incomplete') return pos;
    if (parsed === 'damaged') {
      const next = buf.indexOf(`\n${LOG_MAGIC}`, pos + 1, 'latin1');
      if (next < 0) return pos;
      pos = next + 1;
      continue;
    }
    const h = headOf(buf, parsed.offset, parsed.length);
    if (h) onRecord(h, parsed.offset, parsed.length);
    pos = parsed.offset + parsed.length + 1;
  }
  return pos;
}

function recordAt(buf: Buffer, pos: number): { offset: number; length: number } | 'incomplete' | 'damaged' {
  const eol = buf.indexOf(0x0a, pos);
  if (eol < 0) return buf.byteLength - pos < 64 ? 'incomplete' : 'damaged';
  const m = /^BAOCAO-LOG1 (\d{1,12}) ([0-9a-f]{8})$/.exec(buf.toString('latin1', pos, eol));
  if (!m) return 'damaged';
  const offset = eol + 1, length = Number(m[1]);
  const end = offset + length;
  // Cut short: the record was being written, or a kill or power loss tore it.
  if (end + 1 > buf.byteLength) return 'incomplete';
  if (buf[end] !== 0x0a || crc32(buf.subarray(offset, end)) !== parseInt(m[2]!, 16)) return end + 1 === buf.byteLength ? 'incomplete' : 'damaged';
  return { offset, length };
}

/** The name, time and kind from a payload's first lines. */
function headOf(buf: Buffer, offset: number, length: number): RecordHead | null {
  const end = offset + length;
  const l1 = buf.indexOf(0x0a, offset);
  const l2 = l1 < 0 || l1 >= end ? -1 : buf.indexOf(0x0a, l1 + 1);
  if (l2 < 0 || l2 >= end) return null;
  const first = buf.toString('utf8', offset, l1), second = buf.toString('latin1', l1 + 1, l2);
  if (!first.startsWith('name\t') || !second.startsWith('at\t')) return null;
  try {
    const name = JSON.parse(first.slice(5)) as unknown;
    const at = Number(second.slice(3));
    if (typeof name !== 'string' || !Number.isFinite(at)) return null;
    return { name, at, drop: buf.toString('latin1', l2 + 1, Math.min(end, l2 + 6)) === 'drop\t' };
  } catch {
    return null;
  }
}

/** Bytes read at a time when scanning a log: a log of a big batch is never held whole. */
const CHUNK = 8 << 20;

/**
 * scanLog over a log file from byte `from`, a chunk at a time (a record longer than a chunk gets
 * a chunk as long as it); offsets given to `onRecord` are in the file. Returns where reading
 * stopped, as scanLog; null when the file cannot be read (removed meanwhile).
 */
export function scanFile(path: string, from: number, onRecord: (head: RecordHead, offset: number, length: number) => void): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    let pos = from, chunk = CHUNK;
    while (pos < size) {
      const want = Math.min(chunk, size - pos);
      const buf = Buffer.allocUnsafe(want);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, buf, got, want - got, pos + got);
        if (n === 0) break;
        got += n;
      }
      const base = pos;
      const stop = scanLog(buf.subarray(0, got), 0, (h, offset, length) => onRecord(h, base + offset, length));
      const atEnd = pos + got >= size;
      pos += stop;
      if (atEnd || got < want) break;
      // Nothing whole in a full chunk: a record longer than it.
      if (stop === 0) chunk *= 2;
    }
    return pos;
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `bytes` at the file's position (writeSync may write part). */
export function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
}
