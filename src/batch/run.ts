/**
 * A batch: resolve inputs, convert them (resuming if asked), then write documents.csv with one
 * row per input — rebuilt from this run's outcomes and the manifests of skipped inputs, so it is
 * complete even after a killed run was resumed — and the batch tables and workbook from the
 * documents' stored rows (batch-outputs.ts).
 */
import { join, resolve } from 'node:path';
import { failedRow, type DocumentRow } from '../emit/sheets.js';
import { prepareTmp, STATE_DIR, writeAtomic } from './atomic.js';
import { earlierOutputs, removeStaleOutputs, type EarlierOutputs } from './stale-outputs.js';
import { WORKBOOK_NAME, writeBatchOutputs } from './batch-outputs.js';
import { fsProblem } from './fs-errors.js';
import { BatchSetupError, prepareOutputDir } from './output-dir.js';
import { restoreModelProblem, tablesAsTheyCome, type BatchSettings, type FileOutcome } from './convert-file.js';
import { resolveInputs, type InputFile, type InputProblem, type PassedOver } from './inputs.js';
import { lockOutputDir } from './output-lock.js';
import { inputsOverlapOutput } from './input-overlap.js';
import { refuseNamesTheDriveCannotHold } from './folded-names.js';
import { defaultJobs, runPool } from './pool.js';
import { forgetDoneIndex } from './done-index.js';
import { findOrphans, holdsRecords, type Orphan } from './orphans.js';
import { pruneOrphans, type PrunedOrphan } from './prune-orphans.js';
import { closeLogs } from './state-log.js';
import { compactLogs } from './compact-log.js';
import { tablesFeed, type TablesFeed } from './tables-feed.js';
import { batchOutputNames, recordTables } from './tables-record.js';
import type { OcrFilesOptions } from './ocr-files.js';

export type OcrSchedule = Omit<OcrFilesOptions, 'jobs'>;

export interface BatchEvents {
  /** Called once the inputs are known: `total` files to convert, `refused` inputs refused while listing (each has its error row). */
  start?: (total: number, refused: number) => void;
  file?: (file: InputFile, outcome: FileOutcome, done: number, total: number) => void;
  /** A page of a scanned input was read; `fileNumber` (1-based) of `files` is the file being read. */
  page?: (file: InputFile, fileNumber: number, files: number, pageDone: number, pageTotal: number) => void;
  problem?: (arg: string, message: string) => void;
  /** Something the user should know that is no error (a stale lock of the output folder taken over). */
  notice?: (message: string) => void;
}

export interface BatchSummary {
  rows: DocumentRow[];
  converted: number;
  skipped: number;
  /** Error rows (counted in `failed` too) of inputs refused while listing: missing, special files, broken links, unreadable folders. */
  refused: number;
  failed: number;
  documentsCsv: string;
  /** The batch workbook, when xlsx was asked for. */
  workbook: string | null;
  /** Why restoration did not run, when the model could not be loaded. */
  modelProblem: string | null;
  /** Files in the folders given that were not converted, not being a kind baocao reads (notes.md, data.csv). */
  passedOver?: PassedOver;
  /** Documents of the output folder, from earlier runs, whose input is gone; their outputs are kept unless `prune`. */
  orphans: Orphan[];
  /** With `settings.prune`: what was removed (or, listing, would be) of each orphan, and what was kept. */
  pruned?: { dryRun: boolean; documents: PrunedOrphan[] };
  /** Outputs an earlier run wrote in a format this run did not, removed (stale-outputs.ts); relative to the output folder. */
  staleRemoved?: string[];
}

/** An input path, or a file named otherwise in the outputs (standard input's temporary copy, by --stdin-name). */
export type BatchInput = string | { path: string; display: string };

/** `schedule`: how many scanned files and page images are in flight (default ocr-files.ts ocrConcurrency; benches compare). */
export async function runBatch(inputs: BatchInput[], settings: BatchSettings, jobs?: number, events: BatchEvents = {}, schedule: OcrSchedule = {}): Promise<BatchSummary> {
  prepareOutputDir(settings.outDir);
  const args = inputs.map((a) => (typeof a === 'string' ? a : a.path));
  const shown = new Map(inputs.flatMap((a) => (typeof a === 'string' ? [] : [[resolve(a.path), a.display] as const])));
  const resolved = await resolveInputs(args);
  const listed = resolved.files.map((f) => (shown.has(f.abs) ? { ...f, display: shown.get(f.abs)!, transient: true } : f));
  const overlap = inputsOverlapOutput(args, listed, settings.outDir);
  if (overlap) throw new BatchSetupError(overlap);
  // On a drive that ignores case or accent encoding two inputs (or an input and a document of an earlier run) may get outputs of one name.
  const { files, refused } = refuseNamesTheDriveCannotHold(listed, settings.outDir);
  const problems = refused.length ? [...resolved.problems, ...refused] : resolved.problems;
  // One run writes a folder at a time: the sweep below and the batch tables at the end are the whole folder's.
  const lock = lockOutputDir(settings.outDir, { command: 'baocao convert', notice: events.notice, refuseQueueWriters: true });
  try {
    const summary = await convertInputs(files, problems, settings, jobs, events, schedule);
    return resolved.passedOver.count ? { ...summary, passedOver: resolved.passedOver } : summary;
  } finally {
    lock.release();
  }
}

async function convertInputs(files: InputFile[], problems: InputProblem[], settings: BatchSettings, jobs: number | undefined, events: BatchEvents, schedule: OcrSchedule): Promise<BatchSummary> {
  for (const p of problems) events.problem?.(p.arg, p.message);
  try {
    await prepareTmp(settings.outDir);
  } catch (e) {
    const { what, todo } = fsProblem(e);
    throw new BatchSetupError(`cannot use the output folder '${settings.outDir}': ${what}: ${todo}`);
  }
  // What an earlier batch of this process knew of this folder may be stale (it may have been removed since).
  forgetDoneIndex(settings.outDir);
  closeLogs(settings.outDir);
  // Documents of earlier runs, which may have lost their inputs since (orphans, below).
  const heldRecords = holdsRecords(settings.outDir);
  events.start?.(files.length, problems.length);
  // Read before this run's records and batch.json replace the earlier run's.
  let earlierRun: EarlierOutputs | null = null;
  try { earlierRun = earlierOutputs(settings.outDir, settings.formats); } catch { /* nothing said to be stale */ }

  // CSV tables without a workbook are written as the documents come (tables-feed.ts); the workbook, sheet after sheet, at the end.
  let feed: TablesFeed | undefined;
  if (tablesAsTheyCome(settings)) {
    try {
      feed = await tablesFeed(settings.outDir, settings.archive, [...problems.map((p) => p.arg), ...files.map((f) => f.display)], problems.length, (i) => files[i]!.rel);
    } catch {
      // Written from the log at the end instead, where a lasting problem is said.
    }
  }
  let done = 0;
  let outcomes;
  try {
    outcomes = await runPool(files, settings, jobs ?? defaultJobs(), (file, outcome, i) => {
      if (feed) feed.add(i, outcome);
      else delete outcome.storedRows; // the tables are written from the log at the end
      done += 1; // outside the optional call, which would skip evaluating its arguments
      events.file?.(file, outcome, done, files.length);
    }, events.page && ((file, pageDone, pageTotal) => events.page!(file, done + 1, files.length, pageDone, pageTotal)), schedule, jobs !== undefined);
  } catch (e) {
    feed?.abort();
    throw e;
  }

  const entries = [...problems.map((p) => ({ row: failedRow(p.arg, p.message) })), ...outcomes.map((o, i) => ({ row: o.row, rel: o.row.outputName ?? files[i]!.rel }))];
  const rows = entries.map((e) => e.row);
  const documentsPath = join(settings.outDir, 'documents.csv');
  let tableProblems: string[];
  try {
    // What `baocao review` needs to write the batch tables again as this batch did.
    writeAtomic(settings.outDir, join(settings.outDir, STATE_DIR, 'batch.json'), JSON.stringify({ formats: settings.formats, archive: settings.archive }) + '\n');
    const output = { outDir: settings.outDir, formats: settings.formats, archive: settings.archive, sheetRowLimit: settings.sheetRowLimit, durable: settings.fsync !== false };
    if (feed) {
      await writeBatchOutputs(entries, { ...output, formats: [] }); // documents.csv only
      const written = await feed.finish();
      feed = undefined;
      // Null: the outcomes did not match the listed paths; the tables are written from the log.
      tableProblems = written ?? await writeBatchOutputs(entries, { ...output, documentsCsv: false });
    } else {
      tableProblems = await writeBatchOutputs(entries, output);
    }
  } catch (e) {
    feed?.abort();
    const { what, todo } = fsProblem(e);
    throw new BatchSetupError(`documents.csv or the batch tables not written: ${what}: ${todo} (the converted files are kept; --resume rebuilds them)`, 1);
  } finally {
    // This thread's log (scans, dropped records) is done with; a later batch opens a new one.
    closeLogs(settings.outDir);
    forgetDoneIndex(settings.outDir);
  }
  try {
    // This batch's writers are done: superseded records can go; logs of other live processes stay (compact-log.ts).
    compactLogs(settings.outDir, { fresh: !heldRecords });
  } catch {
    // The logs stay as they were, every record still readable: nothing lost, only room.
  }
  for (const message of tableProblems) events.problem?.('batch tables', message);
  const written = new Map(outcomes.flatMap((o) => (!o.skipped && o.row.status !== 'error' && o.row.outputName ? [[o.row.outputName, o.row.outputs] as const] : [])));
  const staleRemoved = earlierRun ? removeStaleOutputs(settings.outDir, earlierRun, settings.formats, written) : [];
  try {
    // The tables as written, for `baocao verify` (the documents' outputs are in their manifests).
    await recordTables(settings.outDir, batchOutputNames(settings.formats), settings.fsync !== false);
  } catch (e) {
    events.problem?.('batch tables', `their hashes were not recorded (baocao verify will say "tables not recorded"): ${fsProblem(e).what}`);
  }
  let orphans: Orphan[] = [];
  try {
    if (heldRecords) orphans = findOrphans(settings.outDir, new Set(outcomes.map((o, i) => o.row.outputName ?? files[i]!.rel)));
  } catch {
    // Naming them is a courtesy: a log that cannot be read here was said while writing the tables.
  }
  // Still under the folder's lock: no other run adds a document while its outputs are judged.
  let pruned: BatchSummary['pruned'];
  if (settings.prune && orphans.length) {
    const dryRun = settings.prune === 'list';
    try {
      pruned = { dryRun, documents: pruneOrphans(settings.outDir, orphans, { dryRun, durable: settings.fsync !== false }) };
    } catch (e) {
      events.problem?.('--prune', `the outputs of documents whose input is gone were not all removed: ${(e as Error).message}`);
    }
  }
  return {
    rows,
    converted: outcomes.filter((o) => !o.skipped && o.row.status !== 'error').length,
    skipped: outcomes.filter((o) => o.skipped).length,
    refused: problems.length,
    failed: rows.filter((r) => r.status === 'error').length,
    documentsCsv: documentsPath,
    workbook: settings.formats.includes('xlsx') ? join(settings.outDir, WORKBOOK_NAME) : null,
    modelProblem: restoreModelProblem(),
    orphans,
    ...(pruned ? { pruned } : {}),
    ...(staleRemoved.length ? { staleRemoved } : {}),
  };
}
