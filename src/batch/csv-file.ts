/**
 * A batch table's CSV written to a temporary file (BOM, header, CRLF rows) and renamed into place
 * when closed. The batch's main thread adds each document's rows as its outcome comes: the rows'
 * text is encoded into one reused buffer and written with a synchronous write(2) when the buffer
 * fills. Through a WriteStream every document cost an await per table (a microtask chain of three
 * async calls each), a join of the gathered chunks into a new two-byte string of 128 KB or more
 * (V8's large-object pages: mapped, faulted in and unmapped again) and the stream's own encoding
 * of that string: 12 % of a text batch's main thread (docs/batch-speed-s23.md). Synchronous on
 * purpose, as atomic.ts: a write of 64 KiB to the page cache is shorter than the round trip
 * through libuv's pool it replaces.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { csvRows } from '../emit/csv.js';
import type { Cell, SheetColumn } from '../emit/sheet-types.js';
import { tmpDir } from './atomic.js';

/** Bytes gathered before a write. */
const BUFFER_BYTES = 1 << 16;

export class CsvFile {
  private failure: Error | null = null;
  private fd: number | null;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  private constructor(fd: number, private readonly tmp: string, private readonly target: string) {
    this.fd = fd;
  }

  /** Throws the open's error (naming the file) when the temporary cannot be made. */
  static open(outDir: string, name: string, columns: SheetColumn[]): CsvFile {
    const tmp = join(tmpDir(outDir), `${process.pid}-${name}.tmp`);
    const target = join(outDir, name);
    let fd: number;
    try {
      fd = openSync(tmp, 'w');
    } catch (e) {
      throw named(target, e);
    }
    const file = new CsvFile(fd, tmp, target);
    file.put('\uFEFF' + csvRows([columns.map((c) => c.header)]));
    return file;
  }

  write(rows: Cell[][]): void {
    // Dates stay ISO: Excel and LibreOffice read yyyy-mm-dd as the same day in every locale, where
    // an en-US one reads 05/01/2024 as 1 May (docs/tryout-s16.md); the workbook shows dd/mm/yyyy.
    if (rows.length) this.put(csvRows(rows));
  }

  /** Writes what is gathered, closes and renames the temporary into place. */
  close(): void {
    if (!this.failure) this.flush();
    if (this.failure) throw this.failure;
    this.closeFd();
    renameSync(this.tmp, this.target);
  }

  /** Stops writing and removes the temporary. */
  abort(): void {
    try {
      this.closeFd();
    } catch {
      // Closing a file whose writes failed may fail again; the temporary goes all the same.
    }
    rmSync(this.tmp, { force: true });
  }

  private closeFd(): void {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) closeSync(fd);
  }

  /** A chunk of rows as UTF-8 (a chunk ends a row, so no character is split between two writes). */
  private put(chunk: string): void {
    if (this.failure) throw this.failure;
    if (!chunk) return;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + 3 * chunk.length > BUFFER_BYTES) {
      this.flush();
      if (3 * chunk.length > BUFFER_BYTES) {
        this.writeAll(Buffer.from(chunk, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(chunk, this.used, 'utf8');
  }

  private flush(): void {
    if (!this.used) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.writeAll(bytes);
  }

  private writeAll(bytes: Uint8Array): void {
    try {
      for (let at = 0; at < bytes.byteLength;) at += writeSync(this.fd!, bytes, at, bytes.byteLength - at);
    } catch (e) {
      // Kept: every later write and the close say the same failure (a full drive stays full).
      this.failure = named(this.target, e);
      throw this.failure;
    }
  }
}

/** The error naming the file, with its code kept (ENOSPC is said with what to do). */
function named(target: string, e: unknown): Error {
  const cause = e as NodeJS.ErrnoException;
  return Object.assign(new Error(`${target}: ${cause.message}`), { code: cause.code });
}
