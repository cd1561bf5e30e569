/**
 * An input's bytes as the batch reads them. A PDF's go into a SharedArrayBuffer: its reading runs in
 * a PDF thread (ingest/ocr/pdf-thread-source.ts), which then shares them instead of taking a copy
 * (a 100 MB scan was held twice for the whole of its reading), while this thread keeps them for
 * the hash and the searchable PDF. Other kinds are read as before.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { detectKind } from '../pipeline/index.js';

const HEAD_BYTES = 1024;

/** The whole file at `path`, of `size` bytes when it was looked at (`name` hints its kind). */
export function readInputBytes(path: string | Buffer, name: string, size: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    const got = readSync(fd, head, 0, head.length, 0);
    if (size === 0 || detectKind(head.subarray(0, got), name) !== 'pdf') return readFileSync(fd);
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    for (let n; at < size && (n = readSync(fd, bytes, at, size - at, at)) > 0;) at += n;
    // Grown since it was looked at: read whole, as any other file.
    if (at === size && readSync(fd, new Uint8Array(1), 0, 1, size) > 0) return readFileSync(path);
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
