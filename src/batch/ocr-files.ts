/**
 * The scanned inputs of a batch (images and PDFs), several files in flight on one shared OCR pool.
 *
 * Most scanners write one file per page: read one file at a time, a batch of single-page scans
 * kept one OCR worker of two idle and the restoration, structure and writing of a file waited for
 * OCR. Here up to `filesInFlight` files are converted at once in this thread, and every page they
 * read first takes one of `pageSlots` batch-wide slots (held from making its page image until its
 * page is read): the OCR workers always have the next pages queued while earlier files are
 * restored, segmented and written, and memory holds a fixed number of page images whatever the
 * files. Slots go to the earliest file first, so files finish about in input order; outcomes are
 * reported strictly in input order (each file's outputs and manifest are written by convertFile
 * as before, so documents.csv and resume are those of a one-at-a-time batch).
 */
import { crashOutcome } from './text-lane.js';
import { convertFile, tablesAsTheyCome, type BatchSettings, type FileOutcome } from './convert-file.js';
import type { InputFile } from './inputs.js';
import type { OcrPool } from '../ingest/ocr/pool.js';

export interface OcrFilesOptions {
  /** OCR workers (the batch's --jobs). */
  jobs: number;
  /** Files converted at once (default: jobs + 2, so single-page files keep every worker fed). */
  filesInFlight?: number;
  /** Page images in flight over all files (default: jobs + 2: one queued per worker, one being prepared). */
  pageSlots?: number;
  /** Each page's time on an OCR worker, in ms (bench:batch-ocr sums them into the workers' occupancy). */
  onRecognized?: (ms: number) => void;
}

/** How many files and page images are in flight for `jobs` OCR workers (docs/batch-speed.md gives the measurement). */
export function ocrConcurrency(o: OcrFilesOptions): { files: number; pages: number } {
  const jobs = Math.max(1, Math.floor(o.jobs));
  return { files: Math.max(1, Math.floor(o.filesInFlight ?? jobs + 2)), pages: Math.max(1, Math.floor(o.pageSlots ?? jobs + 2)) };
}

/**
 * Converts `files[i]` for every i of `indices` (in that order) with the shared `ocr` pool;
 * `record(i, outcome)` is called in the order of `indices`, and `onPage(i, done, total)` as pages are read.
 */
export async function convertOcrFiles(
  files: InputFile[],
  indices: number[],
  settings: BatchSettings,
  ocr: OcrPool,
  options: OcrFilesOptions,
  record: (i: number, outcome: FileOutcome) => void,
  onPage?: (i: number, done: number, total: number) => void,
): Promise<void> {
  const { files: lanes, pages } = ocrConcurrency(options);
  const slots = prioritySlots(pages);
  const inOrder = orderedReporter<FileOutcome>(indices.length, (k, o) => record(indices[k]!, o));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < indices.length) {
      const k = next++;
      const i = indices[k]!;
      const onFilePage = onPage ? (done: number, total: number) => onPage(i, done, total) : undefined;
      const outcome = await safeConvert(files[i]!, settings, ocr, () => slots.acquire(k), onFilePage);
      inOrder(k, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, indices.length) }, lane));
}

async function safeConvert(file: InputFile, settings: BatchSettings, ocr: OcrPool, pageSlot: () => Promise<() => void>, onPage?: (done: number, total: number) => void): Promise<FileOutcome> {
  try {
    return await convertFile(file, settings, { ingest: { ocr, pageSlot, onPage }, carryRows: tablesAsTheyCome(settings) });
  } catch (e) {
    return crashOutcome(file.display, e instanceof Error ? e.message : String(e));
  }
}

/** Calls `report(k, value)` for k = 0, 1, 2 … in order, holding values that arrive early. */
export function orderedReporter<T>(count: number, report: (k: number, value: T) => void): (k: number, value: T) => void {
  const held = new Map<number, T>();
  let due = 0;
  return (k, value) => {
    held.set(k, value);
    while (due < count && held.has(due)) {
      const v = held.get(due)!;
      held.delete(due);
      report(due++, v);
    }
  };
}

/**
 * At most `n` holders at once; a free slot goes to the waiter with the lowest priority number
 * (the earliest file), first come first served among equals. acquire() resolves to the release.
 */
export function prioritySlots(n: number): { acquire: (priority: number) => Promise<() => void> } {
  let free = n;
  let arrival = 0;
  const waiting: { priority: number; order: number; wake: () => void }[] = [];
  const release = () => {
    if (!waiting.length) { free++; return; }
    let best = 0;
    for (let j = 1; j < waiting.length; j++) {
      const w = waiting[j]!, b = waiting[best]!;
      if (w.priority < b.priority || (w.priority === b.priority && w.order < b.order)) best = j;
    }
    waiting.splice(best, 1)[0]!.wake();
  };
  return {
    acquire: (priority) => new Promise((resolve) => {
      const once = () => { let done = false; return () => { if (!done) { done = true; release(); } }; };
      if (free > 0) { free--; resolve(once()); } else waiting.push({ priority, order: arrival++, wake: () => resolve(once()) });
    }),
  };
}
