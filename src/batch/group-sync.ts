/**
 * Records fsync'd in groups. A worker appends a document's record (manifest and rows) to its log
 * without fsync and names the log in the outcome; here the logs of up to MAX_GROUP documents, or
 * of all finished within MAX_WAIT_MS, are fsync'd (each log once, however many of the group's
 * records it holds; in parallel) with their folder, and only then are those documents reported
 * done. The guarantee is the one of a record fsync'd at once: a document reported done survives a
 * power loss; one that was not yet reported may be converted again by --resume. A kill loses
 * nothing written (the page cache outlives the process), so resume after a kill is unchanged.
 * An fsync that fails turns the document into an error row, and `drop` appends a record saying
 * it is not done.
 */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failedRow } from '../emit/sheets.js';
import type { FileOutcome } from './convert-file.js';
import { writeErrorMessage } from './fs-errors.js';

export const MAX_GROUP = 256;
export const MAX_WAIT_MS = 500;
/** fsyncs in flight at once (libuv runs four at a time by default). */
const PARALLEL = 8;

export interface GroupSync {
  /** A finished document; reported (in the order given) once its manifest, if any, is synced. */
  add(i: number, outcome: FileOutcome): void;
  /** Syncs and reports everything added. */
  close(): Promise<void>;
}

export interface GroupSyncOptions {
  maxGroup?: number;
  maxWaitMs?: number;
  /** A document whose log could not be synced: record that it is not done (its earlier record no longer counts). */
  drop?: (outcome: FileOutcome) => void;
}

export function groupSync(report: (i: number, outcome: FileOutcome) => void, limits: GroupSyncOptions = {}): GroupSync {
  const maxGroup = limits.maxGroup ?? MAX_GROUP, maxWaitMs = limits.maxWaitMs ?? MAX_WAIT_MS;
  let pending: { i: number; outcome: FileOutcome }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const group = pending;
    pending = [];
    // Groups are synced and reported one after another, so reports keep the order of add().
    chain = chain.then(async () => {
      const failures = await syncAll([...new Set(group.flatMap((g) => (g.outcome.unsynced ? [g.outcome.unsynced] : [])))]);
      for (const { i, outcome } of group) {
        const { unsynced, ...done } = outcome;
        const failed = unsynced ? failures.get(unsynced) : undefined;
        if (failed === undefined) { report(i, done); continue; }
        try {
          limits.drop?.(done);
        } catch {
          // The disk refuses writes: the record was not synced either, and the row below says so.
        }
        report(i, { ...done, row: { ...failedRow(done.row.path, writeErrorMessage(failed, 'its record under .baocao/log'), done.row.kind), sha256: done.row.sha256, outputName: done.row.outputName } });
      }
    });
  };

  return {
    add(i, outcome) {
      // Nothing to sync and nothing waiting before it: reported at once.
      if (!outcome.unsynced && pending.length === 0) { chain = chain.then(() => report(i, outcome)); return; }
      pending.push({ i, outcome });
      if (pending.length >= maxGroup) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
    },
    async close() {
      flush();
      await chain;
    },
  };
}

/** fsyncs the files, then each of their folders once; the error of each file that failed. */
async function syncAll(paths: string[]): Promise<Map<string, unknown>> {
  const failures = new Map<string, unknown>();
  const run = async (items: string[], onError: (path: string, e: unknown) => void) => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      while (next < items.length) {
        const path = items[next++]!;
        try {
          await fsyncPath(path);
        } catch (e) {
          onError(path, e);
        }
      }
    }));
  };
  await run(paths, (path, e) => failures.set(path, e));
  const dirs = [...new Set(paths.filter((p) => !failures.has(p)).map((p) => dirname(p)))];
  await run(dirs, (dir, e) => {
    // Some file systems cannot fsync a folder (see atomic.ts syncDir): nothing more to do there.
    if (['EINVAL', 'EISDIR', 'EBADF'].includes((e as NodeJS.ErrnoException).code ?? '')) return;
    for (const p of paths) if (dirname(p) === dir) failures.set(p, e);
  });
  return failures;
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
