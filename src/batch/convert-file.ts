/**
 * One input of a batch, start to finish: read, (skip if already done for this content), convert,
 * validate, write the outputs atomically, then the manifest. Runs in the main thread or in a
 * worker; settings are plain data so they cross the worker boundary.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { join } from 'node:path';
import { convert, detectKind, type ConvertOptions } from '../core/pipeline.js';
import type { RestoreInput } from '../core/restore/index.js';
import { DEFAULT_MAX_TEXT_BYTES } from '../ingest/text.js';
import { documentJson } from '../emit/json.js';
import { DOCUMENT_WRITERS } from '../emit/document-writers.js';
import type { Format } from '../emit/formats.js';
import { documentRow, failedRow, type DocumentRow } from '../emit/sheets.js';
import { loadModel } from '../model/load.js';
import { writeAtomic } from './atomic.js';
import { completedManifest, writeManifest } from './manifest.js';
import type { InputFile } from './inputs.js';

export type { Format } from '../emit/formats.js';

export interface BatchSettings {
  outDir: string;
  formats: Format[];
  resume: boolean;
  encoding?: string;
  /** Run the restoration stage (loads the model once per thread). */
  restore: boolean;
  /** Run the structure stage (header, sections, signature, annexes); default on. */
  segment?: boolean;
  restoreInput?: RestoreInput;
  maxTextBytes?: number;
  /** Per-file time limit in seconds for text inputs (0: none); default by size (pool.ts, timeLimitMs). */
  timeoutSeconds?: number;
}

export interface FileOutcome {
  row: DocumentRow;
  skipped: boolean;
}

/** Per-thread things that cannot cross a worker boundary (the batch's OCR pool). */
export interface FileRuntime {
  ingest?: Record<string, unknown>;
}

export async function convertFile(file: InputFile, settings: BatchSettings, runtime: FileRuntime = {}): Promise<FileOutcome> {
  const maxBytes = settings.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  let data: Uint8Array;
  try {
    // Checked again here: a file may have been replaced by a FIFO since the inputs were listed.
    if (!statSync(file.abs).isFile()) return { row: failedRow(file.display, 'ingest/not-a-file: not a regular file (a pipe, socket or device); baocao reads regular files only'), skipped: false };
    const tooLarge = oversizedText(file.abs, maxBytes);
    if (tooLarge) return { row: failedRow(file.display, `ingest/too-large: ${tooLarge}`, 'text'), skipped: false };
    data = readFileSync(file.abs);
  } catch (e) {
    return { row: failedRow(file.display, `read: ${(e as Error).message}`), skipped: false };
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  const settingsKey = settingsFingerprint(settings);
  if (settings.resume) {
    const done = completedManifest(settings.outDir, file.rel, sha256, settingsKey);
    if (done) return { row: { ...done.row, path: file.display }, skipped: true };
  }

  let result = await convert({ path: file.display, data }, { ...convertOptions(settings), ingest: runtime.ingest });
  const draft = documentRow(result, []);
  if (draft.status === 'error') return { row: draft, skipped: false };

  // A result out of schema is still written, with an error diagnostic that makes its row partial.
  const json = documentJson(result);
  result = json.result;
  const outputs: [string, string | Uint8Array][] = [];
  for (const format of settings.formats) {
    const writer = DOCUMENT_WRITERS[format];
    if (!writer) continue;
    for (const f of await writer({ result, json: json.text, source: data })) outputs.push([`${file.rel}${f.suffix}`, f.data]);
  }
  for (const [rel, text] of outputs) writeAtomic(settings.outDir, join(settings.outDir, ...rel.split(posix.sep)), text);

  const row = documentRow(result, outputs.map(([rel]) => rel));
  writeManifest(settings.outDir, file.rel, { version: 2, sha256, settings: settingsKey, row });
  return { row, skipped: false };
}

/** Reads only the first bytes: a text file over the limit is refused without loading it. */
function oversizedText(path: string, maxBytes: number): string | null {
  const { size } = statSync(path);
  if (size <= maxBytes) return null;
  const head = new Uint8Array(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (detectKind(head, path) !== 'text') return null;
  return `text input is ${(size / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(1)} MiB limit for one text file`;
}

let modelProblem: string | null = null;

function convertOptions(settings: BatchSettings): ConvertOptions {
  const options: ConvertOptions = { encoding: settings.encoding, maxTextBytes: settings.maxTextBytes, restore: false, segment: settings.segment === false ? false : {} };
  if (settings.restore) {
    try {
      options.restore = { model: loadModel(), input: settings.restoreInput };
    } catch (e) {
      // The stage reports 'restore/no-model' per document; remember why for the batch summary.
      modelProblem ??= (e as Error).message;
      options.restore = { input: settings.restoreInput };
    }
  }
  return options;
}

export function restoreModelProblem(): string | null {
  return modelProblem;
}

function settingsFingerprint(s: BatchSettings): string {
  return JSON.stringify([[...s.formats].sort(), s.encoding ?? null, s.restore, s.restoreInput ?? 'auto', s.maxTextBytes ?? null, s.segment !== false]);
}
