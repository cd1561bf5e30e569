/**
 * What a batch output folder holds as done: every document's newest manifest and stored rows,
 * from the append-only logs (state-log.ts) and from the layout of earlier versions (a file per
 * document under .baocao/done and .baocao/rows), so older folders still resume and review.
 * A name in both takes the newer: a log record by its time, an old manifest by its mtime.
 * The index keeps where each record lies, not the records: a batch of any size is looked up in
 * little memory; records are read back one at a time (pread on logs kept open until close()).
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { manifestHolds, manifestPath, type Manifest } from './manifest.js';
import { parseStoredLines, readOldRowsText, type StoredLines } from './rows-store.js';
import { logDir, scanFile, type RecordHead, type RecordPlace } from './state-log.js';

export interface DoneRecord {
  manifest: Manifest;
  /** The stored rows' text (`key<TAB>json` lines); null when they are missing (old layout). */
  rowsText: string | null;
}

/** `seq`: the count of records read when this one was taken (what changed since a look is what has a larger one). */
interface Entry extends RecordPlace { at: number; drop: boolean; seq: number }

export class DoneIndex {
  private readonly entries = new Map<string, Entry>();
  /** Bytes read so far of each log (a log grows while writers append to it). */
  private readonly readUpTo = new Map<string, number>();
  private readonly fds = new Map<string, number>();
  /** Folders of earlier versions: their manifests are files, looked at anew on every call. */
  readonly oldLayout: boolean;
  private lastRefresh = 0;
  /** Records read so far, all logs together. */
  private seq = 0;

  constructor(readonly outDir: string) {
    this.oldLayout = existsSync(join(outDir, STATE_DIR, 'done'));
    this.refresh();
  }

  /** Reads what the logs gained since the last look (new logs, records appended). */
  refresh(): void {
    this.lastRefresh = Date.now();
    let names: string[];
    try {
      names = readdirSync(logDir(this.outDir)).filter((n) => n.endsWith('.log')).sort();
    } catch {
      return; // no log yet
    }
    for (const n of names) {
      const log = join(logDir(this.outDir), n);
      const from = this.readUpTo.get(log) ?? 0;
      // Only what the log gained since the last look; a log removed meanwhile (compacted) is skipped.
      const stop = scanFile(log, from, (head, offset, length) => this.add(head, { log, offset, length }));
      if (stop !== null) this.readUpTo.set(log, stop);
    }
  }

  /** Looks again when `name` is unknown and the last look is over a second old (a long-lived process). */
  private refreshedFor(name: string): void {
    if (!this.entries.has(name) && Date.now() - this.lastRefresh > 1000) this.refresh();
  }

  private add(head: RecordHead, place: RecordPlace): void {
    const had = this.entries.get(head.name);
    // Newest by time; among equal times the later read (a later place in the same log).
    if (!had || head.at >= had.at) this.entries.set(head.name, { ...place, at: head.at, drop: head.drop, seq: ++this.seq });
  }

  /** A mark for changedSince(): how many records have been read. */
  get version(): number {
    return this.seq;
  }

  /** The names whose newest record (a drop included) was read after `version` was taken; the log layout only. */
  changedSince(version: number): string[] {
    const out: string[] = [];
    if (version < this.seq) for (const [name, e] of this.entries) if (e.seq > version) out.push(name);
    return out;
  }

  /** The newest manifest and rows of `name`, or null when nothing (intact) says it was done. */
  get(name: string): DoneRecord | null {
    this.refreshedFor(name);
    const entry = this.entries.get(name);
    const old = this.oldLayout ? oldRecordTime(this.outDir, name) : null;
    if (old !== null && (!entry || old > entry.at)) return readOldRecord(this.outDir, name);
    if (!entry || entry.drop) return null;
    return this.read(entry);
  }

  /** The stored rows of `name` by key, or null when missing. */
  rows(name: string): StoredLines | null {
    const text = this.get(name)?.rowsText;
    return text == null ? null : parseStoredLines(text);
  }

  /** Every name with a record (dropped ones left out), the old layout's included. */
  names(): string[] {
    const out = new Set<string>();
    for (const [name, e] of this.entries) if (!e.drop) out.add(name);
    // An old-layout manifest counts unless a newer log record (a drop) supersedes it.
    if (this.oldLayout) for (const name of oldNames(this.outDir)) if (!this.entries.has(name) || this.get(name) !== null) out.add(name);
    return [...out].sort();
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }

  private read(e: Entry): DoneRecord | null {
    let fd = this.fds.get(e.log);
    try {
      if (fd === undefined) this.fds.set(e.log, (fd = openSync(e.log, 'r')));
      const buf = Buffer.allocUnsafe(e.length);
      for (let got = 0; got < e.length; ) {
        const n = readSync(fd, buf, got, e.length - got, e.offset + got);
        if (n === 0) return null;
        got += n;
      }
      return parseRecord(buf.toString('utf8'));
    } catch {
      return null;
    }
  }
}

/** A payload's manifest and rows (the lines after `manifest`). */
function parseRecord(payload: string): DoneRecord | null {
  const start = payload.indexOf('\nmanifest\t');
  if (start < 0) return null;
  const end = payload.indexOf('\n', start + 1);
  try {
    const manifest = JSON.parse(payload.slice(start + 10, end)) as Manifest;
    return { manifest, rowsText: payload.slice(end + 1) };
  } catch {
    return null;
  }
}

/** The old layout's manifest time (its mtime), or null when there is none. */
function oldRecordTime(outDir: string, name: string): number | null {
  try {
    return statSync(manifestPath(outDir, name)).mtimeMs;
  } catch {
    return null;
  }
}

function readOldRecord(outDir: string, name: string): DoneRecord | null {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(outDir, name), 'utf8')) as Manifest;
    return { manifest, rowsText: readOldRowsText(outDir, name) };
  } catch {
    return null; // a damaged manifest: that document is converted again
  }
}

function oldNames(outDir: string): string[] {
  const done = join(outDir, STATE_DIR, 'done');
  const out: string[] = [];
  for (const entry of readdirSync(done, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    // parentPath from Node 20.12; `path` before it.
    const file = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    out.push(relative(done, file).split(/[\\/]/).join('/').replace(/\.json$/, ''));
  }
  return out;
}

/** Whether the folder holds any resume state (a log or the old layout's manifests). */
export function hasDoneState(outDir: string): boolean {
  return existsSync(join(outDir, STATE_DIR, 'done')) || existsSync(logDir(outDir));
}

/** This thread's index per output folder: --resume (forgotten at each batch's start and end), the review page (refreshed per request). */
const cached = new Map<string, DoneIndex>();

export function doneIndex(outDir: string): DoneIndex {
  let index = cached.get(outDir);
  if (!index) cached.set(outDir, (index = new DoneIndex(outDir)));
  return index;
}

export function forgetDoneIndex(outDir?: string): void {
  for (const [dir, index] of cached) {
    if (outDir !== undefined && dir !== outDir) continue;
    index.close();
    cached.delete(dir);
  }
}

/** The done record of `name` if its manifest matches this content and settings, its outputs and rows all there. */
export function completedRecord(outDir: string, name: string, sha256: string, settings: string, index = doneIndex(outDir)): DoneRecord | null {
  const record = index.get(name);
  return record && record.rowsText !== null && manifestHolds(outDir, record.manifest, sha256, settings) ? record : null;
}
