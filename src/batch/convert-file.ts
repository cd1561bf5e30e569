/**
 * One input of a batch, start to finish: read, (skip if already done for this content), convert,
 * validate, write the outputs atomically, then the manifest. Runs in the main thread or in a
 * worker; settings are plain data so they cross the worker boundary.
 */
import { hash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { convert, detectKind, type ConvertOptions } from '../pipeline/index.js';
import type { RestoreInput } from '../core/restore/index.js';
import type { DocumentResult } from '../core/schema.js';
import { DEFAULT_MAX_TEXT_BYTES } from '../ingest/text.js';
import { parsePageRanges } from '../ingest/page-ranges.js';
import type { IngestOptions } from '../ingest/options.js';
import { ocrTimeLimit, timeLimitMs, wordOcrTimeLimit } from './time-limit.js';
import { checkedDocumentJson } from '../emit/json-checked.js';
import { archiveFacts, type ArchiveSettings } from '../emit/archive.js';
import { documentTables, oversizedCells } from '../emit/batch-tables.js';
import { CELL_LIMIT } from '../emit/cell-limit.js';
import { DOCUMENT_WRITERS } from '../emit/document-writers.js';
import type { Format } from '../emit/formats.js';
import { documentRow, failedRow, statusOf, structureOf, type DocumentRow } from '../emit/sheets.js';
import { nameBytes, outputName, SUFFIX_ROOM } from './output-names.js';
import { completedRecord } from './done-index.js';
import { writeDocumentOutputs } from './write-outputs.js';
import { rowsText } from './rows-store.js';
import { appendRecord } from './state-log.js';
import type { OcrEngineChoice } from '../ingest/ocr/engine-choice.js';
import { readErrorMessage, writeErrorMessage } from './fs-errors.js';
import { openPath, type InputFile } from './input-file.js';
import { readInputBytes } from './input-bytes.js';
import type { AdaptSetting } from './adapt-setting.js';
import { decisionsFor, staleFieldsWarning } from './corrections-log.js';
import { applyCorrections, type Correction } from '../core/corrections.js';
import type { Diagnostic } from '../core/document.js';
import { withCorrectedStructure } from '../pipeline/restructure.js';

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
  /** fsync manifests and documents.csv with their folders (default on): safe against a power loss. */
  fsync?: boolean;
  /** Also write the per-document CSVs (<name>.paragraphs.csv, .sections.csv, .table-N.csv, .figures.csv). */
  perDocumentCsv?: boolean;
  /** The archivist's fields of archive.csv (used when the batch tables are written, not per file). */
  archive?: ArchiveSettings;
  /** Rows per workbook sheet, header included (default: the format's 1,048,576). */
  sheetRowLimit?: number;
  /** PDF text layers: auto (default), force (OCR every page), never (ingest/text-layer-trust.ts). */
  ocrMode?: 'auto' | 'force' | 'never';
  /** Per-file time limit in seconds (0: none) for a text file, and for a PDF's reading; default by size (time-limit.ts). */
  timeoutSeconds?: number;
  /** OCR engine for scans: 'wasm' (tesseract.js), 'native' (the system tesseract) or 'auto'. */
  ocrEngine?: OcrEngineChoice;
  /** Only these pages of PDFs and multi-page TIFFs, as `--pages` gives them ("1-3,6"); text inputs are read whole. */
  pages?: string;
  /** An archive's adaptation (`--adapt archive.json`), loaded once per thread. */
  adapt?: AdaptSetting;
  /** false: read every page of a scan, even when its first pages read no text (`--no-noise-stop`; ingest/noise-stop.ts). */
  noiseStop?: boolean;
  /** After the batch, remove the outputs and records of documents whose input is gone ('remove'), or list them ('list'): prune-orphans.ts. */
  prune?: 'remove' | 'list';
}

export interface FileOutcome {
  row: DocumentRow;
  skipped: boolean;
  /** The document's warnings (at most MAX_WARNINGS), for the CLI's warn log level. */
  warnings?: FileWarning[];
  /** Wall time per pipeline stage and for writing the outputs, in ms (the debug log level). */
  timings?: Record<string, number>;
  /** The log its record went to, not fsync'd (FileRuntime.deferSync): not done until it is synced. */
  unsynced?: string;
  /** The stored rows its record holds (FileRuntime.carryRows): the batch writes its tables from them as it goes (tables-feed.ts). */
  storedRows?: string;
}

export interface FileWarning { ruleId: string; message: string; page?: number; line?: number }

/** Warnings carried back per file: enough to act on, bounded so a wrecked scan cannot flood the log. */
export const MAX_WARNINGS = 100;

/** Per-thread things that cannot cross a worker boundary (the batch's OCR pool). */
export interface FileRuntime {
  ingest?: IngestOptions;
  /**
   * Append the record without an fsync and name its log in the outcome (`unsynced`): the caller
   * fsyncs logs in groups and reports a file done only after (batch/group-sync.ts).
   */
  deferSync?: boolean;
  /** Carry the record's stored rows back in the outcome (`storedRows`). */
  carryRows?: boolean;
}

/**
 * One file, in three steps (read, emit, write): each step is a function of its own, so V8
 * compiles small hot parts instead of one large function per worker (docs/batch-speed.md, seventh pass).
 */
export async function convertFile(file: InputFile, settings: BatchSettings, runtime: FileRuntime = {}): Promise<FileOutcome> {
  const input = readInput(file, settings);
  if (!('data' in input)) return input;
  const { data } = input;
  // One-shot: createHash's object costs more than hashing a small file (docs/batch-speed-s19.md).
  const sha256 = hash('sha256', data, 'hex');
  const settingsKey = settingsFingerprint(settings);
  const name = outputName(file.rel, settings.outDir);
  if (settings.resume) {
    const done = completedRecord(settings.outDir, name, sha256, settingsKey);
    if (done) return { row: { ...done.manifest.row, path: file.display }, skipped: true };
  }

  const timings: Record<string, number> = {};
  // A PDF's reading (pdf.js, off this thread) and a scan's OCR get the file's time limit, as a text file does.
  const ocrLimit = (detectKind(data, file.abs) === 'word' ? wordOcrTimeLimit : ocrTimeLimit)(data.length, settings.timeoutSeconds);
  const limits = { pdfTimeoutMs: timeLimitMs(data.length, settings.timeoutSeconds), ...ocrLimit };
  const options = { ...withIngest(await convertOptions(settings), { ...limits, ...runtime.ingest }), onStage: (stage: string, ms: number) => { timings[stage] = Math.round(ms); } };
  const result = await convert({ path: file.display, data, sha256 }, options);
  // The row is made once, after the outputs; a document nothing could be read of gets it now.
  if (statusOf(result).status === 'error') return { row: documentRow(result, []), skipped: false, warnings: warningsOf(result), timings };

  const emitBegan = performance.now();
  const doc = await emitDocument(result, data, sha256, name, settings);
  timings.emit = Math.round(performance.now() - emitBegan);
  return writeDocument(doc, file, settings, runtime, settingsKey, timings);
}

/** The input's bytes, or the error row of a file that cannot be read (not a regular file, too large, unreadable). */
function readInput(file: InputFile, settings: BatchSettings): { data: Uint8Array } | FileOutcome {
  const maxBytes = settings.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  try {
    // Checked again here: a file may have been replaced by a FIFO since the inputs were listed.
    const path = openPath(file);
    const info = statSync(path);
    if (!info.isFile()) return { row: failedRow(file.display, 'ingest/not-a-file: not a regular file (a pipe, socket or device); baocao reads regular files only'), skipped: false };
    const tooLarge = oversizedText(path, file.abs, info.size, maxBytes);
    if (tooLarge) return { row: failedRow(file.display, `ingest/too-large: ${tooLarge}`, 'text'), skipped: false };
    return { data: readInputBytes(path, file.abs, info.size) };
  } catch (e) {
    return { row: failedRow(file.display, readErrorMessage(e)), skipped: false };
  }
}

/** A converted document ready to write: its outputs, row, stored rows and the result the JSON holds. */
interface EmittedDocument { result: DocumentResult; outputs: [string, string | Uint8Array][]; row: DocumentRow; storedRows: string; sha256: string; name: string }

async function emitDocument(converted: DocumentResult, data: Uint8Array, sha256: string, name: string, settings: BatchSettings): Promise<EmittedDocument> {
  let result = converted;
  // A person's decisions logged for this content (baocao review) go into the new outputs as the
  // review page writes them: converting a reviewed folder again (or with --adapt) never drops them.
  // The JSON keeps the machine reading beside them; decisions that no longer match stay in the log.
  const { words: logged, fields: loggedFields } = decisionsFor(settings.outDir, sha256);
  const reviewed = logged.length > 0 || loggedFields.length > 0;
  let view = result;
  if (reviewed) {
    const corrected = await withCorrectedStructure(applyCorrections(result, logged, loggedFields), settings.segment === false ? false : {});
    ({ json: result, view } = corrected);
    // Decisions that no longer match (converted with other settings since) are said, not dropped silently.
    if (corrected.stale.length) {
      const warning = staleDecisionsWarning(corrected.stale);
      result = { ...result, diagnostics: [...result.diagnostics, warning] };
    }
    if (corrected.staleFields.length) result = { ...result, diagnostics: [...result.diagnostics, staleFieldsWarning(corrected.staleFields)] };
  }
  // Its rows of the batch tables, made first: a cell too long for a spreadsheet is reported in the JSON.
  const stored = { tables: documentTables(view), archive: archiveFacts(view, structureOf(view)) };
  const oversized = oversizedCells(stored.tables);
  if (oversized.count) result = { ...result, diagnostics: [...result.diagnostics, cellCutWarning(result, oversized)] };

  // A result out of schema is still written, with an error diagnostic that makes its row partial.
  const json = await checkedDocumentJson(result);
  result = json.result;
  // The view (corrected text) shows the JSON's diagnostics: the stale-decisions and cell-cut warnings, the schema check.
  view = reviewed ? { ...view, diagnostics: result.diagnostics } : result;
  const outputs: [string, string | Uint8Array][] = [];
  for (const format of settings.formats) {
    const writer = DOCUMENT_WRITERS[format];
    if (!writer || (format === 'csv' && !settings.perDocumentCsv)) continue;
    for (const f of await writer({ result: format === 'json' ? result : view, json: json.text, source: data })) {
      // The name left room for SUFFIX_ROOM bytes: a longer suffix is a writer bug, caught before writing.
      if (nameBytes(f.suffix) > SUFFIX_ROOM) throw new Error(`output suffix '${f.suffix}' is longer than the ${SUFFIX_ROOM} bytes kept for it`);
      outputs.push([`${name}${f.suffix}`, f.data]);
    }
  }
  const row = { ...documentRow(view, outputs.map(([rel]) => rel)), outputName: name };
  return { result, outputs, row, storedRows: rowsText(stored), sha256, name };
}

function writeDocument(doc: EmittedDocument, file: InputFile, settings: BatchSettings, runtime: FileRuntime, settingsKey: string, timings: Record<string, number>): FileOutcome {
  const { row, sha256, name, storedRows } = doc;
  const writeBegan = performance.now();
  const durable = settings.fsync !== false;
  const deferred = durable && runtime.deferSync === true;
  let log = '';
  // The outputs first, then one record (manifest and the batch tables' rows) appended to this
  // thread's log: the record vouches for both, and a document is one new file, not three.
  const problem = writeDocumentOutputs(settings.outDir, doc.outputs, (files) => {
    const manifest = { version: 2 as const, sha256, settings: settingsKey, input: file.rel, ...(file.transient || file.raw ? {} : { source: file.abs }), files, row };
    log = appendRecord(settings.outDir, { name, manifest, rowsText: storedRows }, { durable: durable && !deferred });
  });
  timings.write = Math.round(performance.now() - writeBegan);
  if (problem) return { row: { ...failedRow(file.display, problem, row.kind), sha256, outputName: name }, skipped: false, timings };
  return { row, skipped: false, warnings: warningsOf(doc.result), timings, ...(deferred ? { unsynced: log } : {}), ...(runtime.carryRows ? { storedRows } : {}) };
}

/** CSV batch tables without a workbook are written while the batch converts, from rows its outcomes carry (tables-feed.ts). */
export function tablesAsTheyCome(settings: Pick<BatchSettings, 'formats'>): boolean {
  return settings.formats.includes('csv') && !settings.formats.includes('xlsx');
}

function warningsOf(result: DocumentResult): FileWarning[] {
  return result.diagnostics.filter((d) => d.severity === 'warning').slice(0, MAX_WARNINGS)
    .map((d) => ({ ruleId: d.ruleId, message: d.message, ...(d.place ? { page: d.place.page, line: d.place.line } : {}) }));
}

function cellCutWarning(result: DocumentResult, oversized: { count: number; tables: string[] }): DocumentResult['diagnostics'][number] {
  const long = result.paragraphs.find((p) => Math.max(p.text.length, p.restored?.length ?? 0) >= CELL_LIMIT);
  return {
    ruleId: 'emit/cell-cut',
    message: `${oversized.count} spreadsheet cell(s) over ${CELL_LIMIT} characters (in ${oversized.tables.join(', ')}) are cut with a visible marker in the CSV and workbook; the JSON keeps the whole text`,
    severity: 'warning',
    ...(long ? { place: { page: long.page, line: long.lineStart } } : {}),
  };
}

/** Reads only the first bytes: a text file over the limit is refused without loading it. */
function oversizedText(path: string | Buffer, name: string, size: number, maxBytes: number): string | null {
  if (size <= maxBytes) return null;
  const head = new Uint8Array(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (detectKind(head, name) !== 'text') return null;
  return `text input is ${(size / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(1)} MiB limit for one text file`;
}

let modelProblem: string | null = null;

/**
 * The library options a batch's settings stand for (the model loaded once per thread). The model's
 * code is imported only when restoration is on: a worker with --no-restore loads none of it.
 */
export async function convertOptions(settings: BatchSettings): Promise<ConvertOptions> {
  const options: ConvertOptions = { encoding: settings.encoding, maxTextBytes: settings.maxTextBytes, restore: false, segment: settings.segment === false ? false : {} };
  if (settings.ocrMode || settings.ocrEngine || settings.pages || settings.noiseStop === false) {
    options.ingest = { ...(settings.ocrMode ? { ocrMode: settings.ocrMode } : {}), ...(settings.ocrEngine ? { ocrEngine: settings.ocrEngine } : {}), ...(settings.pages ? { pages: parsePageRanges(settings.pages) } : {}), ...(settings.noiseStop === false ? { noiseStopPages: 0 } : {}) };
  }
  if (settings.restore) {
    const { loadModel } = await import('../model/load.js');
    try {
      const model = loadModel();
      options.restore = { model, input: settings.restoreInput };
    } catch (e) {
      // The stage reports 'restore/no-model' per document; remember why for the batch summary.
      modelProblem ??= (e as Error).message;
      options.restore = { input: settings.restoreInput };
    }
    // Checked when the batch was set up; a file changed or gone since fails its documents loudly.
    if (settings.adapt && options.restore.model) options.restore.adaptation = (await import('../model/adaptation-file.js')).loadAdaptation(settings.adapt.path, options.restore.model);
  }
  return options;
}

/** The options with per-thread ingest things (the OCR pool, page progress) added to the settings' own. */
export function withIngest(options: ConvertOptions, ingest: ConvertOptions['ingest']): ConvertOptions {
  return ingest ? { ...options, ingest: { ...options.ingest, ...ingest } } : options;
}

export function restoreModelProblem(): string | null {
  return modelProblem;
}

export function settingsFingerprint(s: BatchSettings): string {
  // Only formats with per-document files count: the batch tables and the workbook are rebuilt
  // from stored rows, and the archive settings are applied when they are written.
  const perDocument = s.formats.filter((f) => DOCUMENT_WRITERS[f] && (f !== 'csv' || s.perDocumentCsv));
  // The OCR mode and engine count only when they are not the defaults, so earlier manifests still match.
  const ocr = [...(s.ocrMode && s.ocrMode !== 'auto' ? [s.ocrMode] : []), ...(s.ocrEngine && s.ocrEngine !== 'wasm' ? [s.ocrEngine] : [])];
  return JSON.stringify([[...perDocument].sort(), s.encoding ?? null, s.restore, s.restoreInput ?? 'auto', s.maxTextBytes ?? null, s.segment !== false, ...ocr, ...(s.pages ? [`pages ${s.pages}`] : []), ...(s.noiseStop === false ? ['every page'] : []), ...(s.adapt ? [`adapt ${s.adapt.sha256}`] : [])]);
}

/** A warning for logged review decisions whose words are no longer in the restored text. */
function staleDecisionsWarning(stale: readonly Correction[]): Diagnostic {
  const first = stale[0]!;
  const n = stale.length;
  return {
    ruleId: 'review/stale-corrections',
    message: `${n} review decision${n === 1 ? '' : 's'} logged for this document no longer match${n === 1 ? 'es' : ''} its restored text (converted with other settings since?), first "${first.before}" → "${first.after}": kept in .baocao/corrections.jsonl, not applied; open baocao review to see them`,
    severity: 'warning',
    place: { page: first.page, line: first.line },
  };
}
