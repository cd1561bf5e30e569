/**
 * The CSV batch tables written while a batch converts (runBatch, CSV without a workbook). The
 * main thread is idle most of a text batch and used to read every document's record back from
 * the log and write the tables alone after the last document; now each outcome carries its
 * stored rows (`FileOutcome.storedRows`, the text its record holds) and they go to the tables as
 * soon as every input before them is reported, in input order, so the tables' bytes are those
 * writeBatchOutputs writes. A document without carried rows (skipped by --resume, or its rows
 * dropped to bound memory) is read from the log as before. Nothing is renamed into place before
 * `finish`, after documents.csv, as before: a kill leaves the old tables and swept temporaries.
 */
import type { ArchiveSettings } from '../emit/archive.js';
import { TablesStream, isConverted } from './batch-outputs.js';
import type { FileOutcome } from './convert-file.js';
import { DoneIndex } from './done-index.js';
import { parseStoredLines } from './rows-store.js';

/** Outcomes held for an earlier input (a scan waits for the text lane) keep their rows up to this many; later ones are read back. */
const HELD_WITH_ROWS = 4096;

export interface TablesFeed {
  /** Input `i` (of the files, in order) is reported with this outcome; its rows are taken off it. */
  add(i: number, outcome: FileOutcome): void;
  /**
   * Waits for every row written, renames the tables into place; the problems met. Null when the
   * outcomes did not match the paths given (nothing renamed: the caller writes the tables from the
   * log). Throws the write error (a full disk) after removing the temporaries.
   */
  finish(): Promise<string[] | null>;
  /** Removes the temporaries (the batch failed before its tables). */
  abort(): void;
}

/**
 * `paths`: every entry of documents.csv in order (refused inputs, then the files); `first`: the
 * entry of file 0; `fallbackRel(i)`: file i's output name when its row names none (runBatch's entries).
 */
export async function tablesFeed(outDir: string, archive: ArchiveSettings | undefined, paths: string[], first: number, fallbackRel: (i: number) => string): Promise<TablesFeed> {
  const stream = TablesStream.open(outDir, archive, paths);
  const held = new Map<number, FileOutcome>();
  let next = 0;
  let failure: unknown;
  let index: DoneIndex | undefined;
  let mismatch = false;

  const write = (i: number, o: FileOutcome, text: string | undefined) => {
    const entry = { row: o.row, rel: o.row.outputName ?? fallbackRel(i) };
    if (!isConverted(entry)) return;
    // The ordinals were counted over the paths given: an outcome named otherwise leaves the tables to the log.
    if (entry.row.path !== paths[first + i]) { mismatch = true; return; }
    const lines = text !== undefined ? parseStoredLines(text) : (index ??= new DoneIndex(outDir)).rows(entry.rel);
    // Written at once (csv-file.ts writes synchronously); a failure is kept and said by finish.
    if (failure === undefined) stream.add(entry, lines);
  };

  return {
    add(i, outcome) {
      const text = outcome.storedRows;
      delete outcome.storedRows;
      if (failure !== undefined || mismatch) return;
      if (i !== next) {
        held.set(i, held.size < HELD_WITH_ROWS && text !== undefined ? { ...outcome, storedRows: text } : outcome);
        return;
      }
      try {
        write(i, outcome, text);
        for (let o = held.get(++next); o; o = held.get(++next)) {
          held.delete(next);
          write(next, o, o.storedRows);
        }
      } catch (e) {
        failure ??= e;
      }
    },
    async finish() {
      index?.close();
      if (failure !== undefined || mismatch || held.size) stream.abort();
      if (failure !== undefined) throw failure;
      if (mismatch || held.size) return null;
      return stream.finish();
    },
    abort() {
      index?.close();
      stream.abort();
    },
  };
}
