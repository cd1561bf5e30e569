/**
 * Queue workers writing into an output folder, made visible to `convert`. Workers take no lock
 * (many write one folder by design), but a `convert` run sweeps the folder's temporaries and
 * rewrites documents.csv and the batch tables from its own inputs: run beside workers it deleted
 * their temporaries in flight and wrote tables without their documents, and nothing said so.
 *
 * A worker with a job of a folder keeps a file of its own in `<out>/.baocao/writers/` (pid, host,
 * start) and touches it every HEARTBEAT_MS; `convert` refuses a folder with a live one. The order
 * makes the two see each other: the worker writes its file, then looks for a convert's lock; a
 * convert takes its lock, then looks for writers' files. At worst both step back, never both write.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { STATE_DIR } from './atomic.js';

export const WRITERS_DIR = 'writers';
export const HEARTBEAT_MS = 30_000;
/** A writer of another host whose file is older than this is gone (its pid means nothing here). */
const LAPSE_MS = 4 * HEARTBEAT_MS;

export interface QueueWriter {
  pid: number;
  host: string;
  started: string;
}

/** Per output folder, the worker's jobs in it and its file while there are any. */
const present = new Map<string, { jobs: number; file: string; beat: ReturnType<typeof setInterval> }>();

/** Announces a job of this process in `outDir`; the returned function ends it (the file goes with the last). */
export function enterFolder(outDir: string): () => void {
  let entry = present.get(outDir);
  if (!entry) {
    const dir = join(outDir, STATE_DIR, WRITERS_DIR);
    mkdirSync(dir, { recursive: true });
    const me: QueueWriter = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    const file = join(dir, `${me.host}-${me.pid}.json`);
    writeFileSync(file, JSON.stringify(me) + '\n');
    const beat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // Removed by hand or the folder is gone: the job's own writes will say so.
      }
    }, HEARTBEAT_MS);
    beat.unref();
    entry = { jobs: 0, file, beat };
    present.set(outDir, entry);
  }
  entry.jobs++;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    if (--entry.jobs > 0) return;
    clearInterval(entry.beat);
    rmSync(entry.file, { force: true });
    present.delete(outDir);
  };
}

/** Live queue writers of `outDir` (this process's never): a file of this host whose pid is gone is removed. */
export function liveWriters(outDir: string): QueueWriter[] {
  const dir = join(outDir, STATE_DIR, WRITERS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: QueueWriter[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let w: QueueWriter;
    let age: number;
    try {
      w = JSON.parse(readFileSync(file, 'utf8')) as QueueWriter;
      age = Date.now() - statSync(file).mtimeMs;
    } catch {
      continue; // half-written or just removed
    }
    if (!Number.isInteger(w.pid) || typeof w.host !== 'string') continue;
    if (w.host !== hostname()) {
      if (age < LAPSE_MS) live.push(w);
    } else if (w.pid !== process.pid) {
      if (alive(w.pid)) live.push(w);
      else rmSync(file, { force: true });
    }
  }
  return live;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function describeWriters(writers: QueueWriter[]): string {
  const shown = writers.slice(0, 3).map((w) => `pid ${w.pid} on ${w.host}`).join(', ');
  return `${writers.length} queue worker${writers.length === 1 ? '' : 's'} (baocao worker, ${shown}${writers.length > 3 ? ', …' : ''})`;
}
