/**
 * Batch logs compacted: a folder converted again and again without --resume gains a log per
 * worker each run, and the records of documents converted again stay behind them. At the end of
 * a batch (no writer left), when superseded records are most of the logs' bytes, the newest record
 * of every name is copied, with its own time, into one new log (written under .baocao/tmp,
 * fsync'd, renamed into .baocao/log, the folder fsync'd), and only then are the old logs removed.
 * A kill in between leaves the same records twice, which read as once. A log another running
 * process writes (a review page, a queue worker or a second batch on the same folder) is neither
 * copied nor removed: newest-wins still reads across it and the compacted log.
 */
import { closeSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { ensureDirInside, syncDir, tmpDir } from './atomic.js';
import { encodeRecord, logDir, scanFile, writeAll, type RecordPlace } from './state-log.js';

/** Compact when the logs hold more than this many times the bytes of their newest records. */
const WASTE_FACTOR = 2;
/** Below this, a folder's logs are left as they are, however many. */
const MIN_BYTES = 1 << 20;
/** Or when there are this many logs (one per worker per run), whatever their waste. */
const MAX_LOGS = 64;

/**
 * Compacts the logs of `outDir` when they are mostly superseded records; returns whether it did.
 * `fresh`: the folder held no record before this batch, so its logs hold one record per document
 * but for the few converted again after a worker died: they are not read to weigh the waste
 * (only their number counts), and a later batch compacts them if ever needed.
 */
export function compactLogs(outDir: string, options: { force?: boolean; fresh?: boolean } = {}): boolean {
  const dir = logDir(outDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log') && !ofAnotherLiveProcess(n)).sort();
  } catch {
    return false;
  }
  if ((names.length < 2 || (options.fresh && names.length < MAX_LOGS)) && !options.force) return false;
  const newest = new Map<string, RecordPlace & { at: number }>();
  let total = 0;
  for (const n of names) {
    const log = join(dir, n);
    total += statSync(log).size;
    scanFile(log, 0, (head, offset, length) => {
      const had = newest.get(head.name);
      if (!had || head.at >= had.at) newest.set(head.name, { log, offset, length, at: head.at });
    });
  }
  let live = 0;
  for (const e of newest.values()) live += e.length + 32;
  if (!options.force && (total < MIN_BYTES || total < WASTE_FACTOR * live) && names.length < MAX_LOGS) return false;

  ensureDirInside(outDir, tmpDir(outDir));
  const tmp = join(tmpDir(outDir), `${process.pid}-${threadId}-compact.tmp`);
  const fd = openSync(tmp, 'w');
  const fds = new Map<string, number>();
  try {
    // In the order of the logs they came from, so the new log reads as the old ones did.
    for (const e of [...newest.values()].sort((a, b) => (a.log < b.log ? -1 : a.log > b.log ? 1 : a.offset - b.offset))) {
      let src = fds.get(e.log);
      if (src === undefined) fds.set(e.log, (src = openSync(e.log, 'r')));
      const payload = Buffer.allocUnsafe(e.length);
      for (let got = 0; got < e.length; ) {
        const n = readSync(src, payload, got, e.length - got, e.offset + got);
        if (n === 0) throw new Error(`${e.log} ended inside a record it held when scanned`);
        got += n;
      }
      writeAll(fd, encodeRecord(payload));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    for (const f of fds.values()) closeSync(f);
  }
  // Named to sort before the logs of later runs (theirs start with a pid), and never one of those it replaces.
  let name = `0-compact-${Date.now().toString(36)}-${process.pid}.log`;
  while (names.includes(name)) name = `0-${name}`;
  renameSync(tmp, join(dir, name));
  syncDir(dir);
  for (const n of names) rmSync(join(dir, n), { force: true });
  syncDir(dir);
  return true;
}

/** A log named by the pid of another process that is still running (its name starts `<pid>-`). */
function ofAnotherLiveProcess(name: string): boolean {
  const pid = Number(name.split('-')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false; // compacted logs start with 0-
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}
