/**
 * One writer of a whole output folder at a time. `convert` (and `--resume`) sweeps the folder's
 * temporaries at its start and writes documents.csv, the batch tables, the workbook and its log at
 * its end; `queue collect` writes the same tables. Two of them at once would sweep each other's
 * temporaries in flight and interleave those tables, so each holds `<out>/.baocao/lock` for its run.
 *
 * The lock file is made whole in one step (written under another name, then hard-linked to
 * `lock`, which fails if it exists), so a second run never reads it half-written; it holds the
 * holder's pid, host, start time and command, which the refusal names. A lock whose pid is gone on
 * this host is stale (a run killed with SIGKILL, a power loss): it is taken over with a notice. A
 * lock of another host is never judged (its pid means nothing here): the refusal says how to remove it.
 * Released on exit, on SIGINT/SIGTERM/SIGHUP and by `release()` (runBatch's finally: errors too).
 *
 * Not locked, on purpose: queue workers (many processes on many machines write one folder by design:
 * per-document atomic writes, each process its own log, no sweep; `convert` sees them by their files
 * in .baocao/writers, queue-writers.ts), `serve` (writes no folder) and
 * `review` (open for hours; it writes one document and the tables per decision, and applies the
 * logged corrections again to documents converted since when it starts), so a lock there would
 * keep `convert --resume` out of the folder for as long as the page is open.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { fsProblem } from './fs-errors.js';
import { describeWriters, liveWriters } from './queue-writers.js';
import { BatchSetupError } from './output-dir.js';

export const LOCK_NAME = 'lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  started: string;
  /** What holds it: `baocao convert`, `baocao queue collect`. */
  command: string;
  /** Tells this holder's lock from a later one of the same pid (pids are reused). */
  token: string;
}

export interface OutputLock {
  readonly path: string;
  release(): void;
}

export interface LockOptions {
  command: string;
  /** Told when a stale lock is taken over. */
  notice?: (message: string) => void;
  /**
   * Refuse the folder while queue workers write into it (queue-writers.ts): `convert` sweeps
   * temporaries and rewrites the tables from its own inputs. `queue collect` is made for that time.
   */
  refuseQueueWriters?: boolean;
}

export function lockPath(outDir: string): string {
  return join(outDir, STATE_DIR, LOCK_NAME);
}

/** Takes the output folder's lock or throws a BatchSetupError (exit 2) naming the holder. */
export function lockOutputDir(outDir: string, options: LockOptions): OutputLock {
  const path = lockPath(outDir);
  const me: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: options.command, token: `${process.pid}-${process.hrtime.bigint()}-${Math.random().toString(36).slice(2)}` };
  try {
    mkdirSync(join(outDir, STATE_DIR), { recursive: true });
    // A few rounds at most: each lost race re-reads the holder.
    for (let round = 0; ; round++) {
      if (create(path, me)) return withoutQueueWriters(outDir, held(path, me), options);
      const holder = readHolder(path);
      if (holder === 'gone') continue; // released between our try and our look: try again
      if (round >= 3 || !isStale(holder, path)) throw new BatchSetupError(refusal(outDir, path, holder));
      if (takeOver(path, holder)) options.notice?.(`the output folder's lock was left by a run that is gone (${describeHolder(holder)}): taken over`);
    }
  } catch (e) {
    if (e instanceof BatchSetupError) throw e;
    const { what, todo } = fsProblem(e);
    throw new BatchSetupError(`cannot use the output folder '${outDir}': ${what}: ${todo}`);
  }
}

function withoutQueueWriters(outDir: string, lock: OutputLock, options: LockOptions): OutputLock {
  if (!options.refuseQueueWriters) return lock;
  const writers = liveWriters(outDir);
  if (writers.length === 0) return lock;
  lock.release();
  throw new BatchSetupError(`output folder '${outDir}' is being written by ${describeWriters(writers)}: wait for their jobs to end ('baocao queue status'), or give another -o`);
}

/**
 * The live holder of `outDir`'s lock that keeps queue workers out (a `convert`; not a `queue
 * collect`, made to run beside them), or null. A worker's job waits while there is one.
 */
export function exclusiveHolder(outDir: string): LockHolder | null {
  const path = lockPath(outDir);
  const holder = readHolder(path);
  if (holder === 'gone' || isStale(holder, path)) return null;
  if (holder && holder.command === COLLECT_COMMAND) return null;
  return holder ?? { pid: 0, host: '?', started: '?', command: 'baocao', token: '' };
}

export const COLLECT_COMMAND = 'baocao queue collect';

/** Makes the lock file whole, or returns false when one exists. */
function create(path: string, me: LockHolder): boolean {
  const text = JSON.stringify(me) + '\n';
  const tmp = `${path}.${me.token}.tmp`;
  try {
    writeWhole(tmp, text, 'w');
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network mounts): an exclusive create, then the text.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    try {
      writeWhole(path, text, 'wx');
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

function writeWhole(path: string, text: string, flags: 'w' | 'wx'): void {
  const fd = openSync(path, flags);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** The holder, 'gone' when there is no lock any more, or null when its text cannot be read as one. */
function readHolder(path: string): LockHolder | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : null;
  } catch {
    return null;
  }
}

/**
 * Only a lock of this host whose pid is gone. A lock that cannot be read as one (the fallback's
 * exclusive create then a crash before its text) is stale once a minute old.
 */
function isStale(holder: LockHolder | null, path: string): boolean {
  if (!holder) return ageMs(path) > 60_000;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the pid lives (another user's process).
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Removes the stale lock, never a live one. Removing is done by one run at a time, under
 * `lock.takeover` (an exclusive create): it re-reads the lock there and unlinks it only when it is
 * still the stale holder it judged. Nothing else can change `lock` meanwhile: its holder is gone,
 * a new run's create fails while it exists, another remover waits for the takeover file. (Moving
 * the lock aside and putting back a live one, as before, let a third run create its lock in that
 * moment: the put-back failed, and two runs held the folder.) True when a stale lock was removed.
 */
function takeOver(path: string, stale: LockHolder | null): boolean {
  const guard = `${path}.takeover`;
  if (!takeGuard(guard)) return false; // another run is removing it: look again next round
  try {
    const now = readHolder(path);
    if (now === 'gone') return false;
    const same = now === null ? stale === null : stale !== null && now.token === stale.token && now.pid === stale.pid;
    if (same) rmSync(path, { force: true });
    return same;
  } finally {
    rmSync(guard, { force: true });
  }
}

/** The takeover file, made exclusively; one left by a crash in its few milliseconds is stale after 10 s. */
function takeGuard(guard: string): boolean {
  for (let tries = 0; tries < 50; tries++) {
    try {
      writeWhole(guard, `${process.pid}\n`, 'wx');
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (ageMs(guard) > 10_000) rmSync(guard, { force: true });
    else Atomics.wait(PAUSE, 0, 0, 20); // a synchronous pause: the lock is taken before any await
  }
  return false;
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function held(path: string, me: LockHolder): OutputLock {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    for (const s of signals) process.removeListener(s, onSignal);
    // Only our own lock: after a hand removal another run may hold the folder now.
    const holder = (() => {
      try {
        return readHolder(path);
      } catch {
        return null;
      }
    })();
    if (holder && holder !== 'gone' && holder.token === me.token) rmSync(path, { force: true });
  };
  function onSignal(signal: NodeJS.Signals) {
    // Another handler decides (a library user's graceful shutdown that waits for the batch): the
    // batch still writes, so the lock stays until it ends ('exit' or the run's own release).
    if (process.listenerCount(signal) > 1) return;
    release();
    // Nobody else handles it: the signal's own ending (exit 130 for SIGINT), now without the lock.
    process.kill(process.pid, signal);
  }
  process.on('exit', release);
  for (const s of signals) process.on(s, onSignal);
  return { path, release };
}

export function describeHolder(h: LockHolder | null): string {
  return h ? `${h.command || 'baocao'}, pid ${h.pid} on ${h.host}, since ${h.started}` : 'its lock file cannot be read';
}

function refusal(outDir: string, path: string, holder: LockHolder | null): string {
  const elsewhere = holder && holder.host !== hostname();
  const why = elsewhere ? `if that run has ended (baocao on ${holder.host} cannot be checked from here), remove '${path}'` : `if that process is not baocao, remove '${path}'`;
  return `output folder '${outDir}' is in use by another baocao run (${describeHolder(holder)}): wait for it to end or give another -o; ${why}`;
}
