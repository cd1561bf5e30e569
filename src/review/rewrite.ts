/**
 * A reviewed document's outputs written again with every logged correction: its JSON (machine
 * reading kept, corrections and the structure read again from the corrected text beside it), the per-document files the batch wrote (the same
 * DOCUMENT_WRITERS, given the corrected text), then its stored rows and manifest (new sizes and
 * hashes, so --resume keeps the corrected outputs) as one record of the batch log, then the batch
 * tables rebuilt from all rows.
 * The JSON is rebuilt from the whole log each time, so two tabs appending never undo each other.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR, writeAtomic } from '../batch/atomic.js';
import { writeBatchOutputs, WORKBOOK_NAME, type BatchEntry } from '../batch/batch-outputs.js';
import type { OutputFile } from '../batch/manifest.js';
import { rowsText } from '../batch/rows-store.js';
import { appendRecord } from '../batch/state-log.js';
import { applyCorrections, type Correction } from '../core/corrections.js';
import { hasStructure, SCHEMA_VERSION, type DocumentResult } from '../core/schema.js';
import { archiveFacts, type ArchiveSettings } from '../emit/archive.js';
import { documentTables } from '../emit/batch-tables.js';
import { DOCUMENT_WRITERS } from '../emit/document-writers.js';
import type { Format } from '../emit/formats.js';
import { documentJson } from '../emit/json.js';
import { dateSuggested, structureOf } from '../emit/sheets.js';
import { withCorrectedStructure } from '../pipeline/restructure.js';
import { documentColumns } from '../core/segment/csv-rows.js';
import { patchDocumentsCsv } from './documents-csv.js';
import { batchOutputNames, recordTables } from '../batch/tables-record.js';
import { findSource, inside, readDocument, type ReviewDocument } from './folder.js';
import { correctionsFor, fieldCorrectionsFor } from '../batch/corrections-log.js';
import type { FieldCorrection } from '../core/field-corrections.js';

export interface RewriteOutcome {
  result: DocumentResult;
  /** Outputs not written again, with why (a PDF whose input is gone). */
  kept: string[];
  stale: Correction[];
  staleFields: FieldCorrection[];
}

/** The settings a batch leaves for later rewrites (see run.ts); absent for folders of older versions. */
export interface BatchRecord {
  formats: Format[];
  archive?: ArchiveSettings;
}

export const BATCH_RECORD = 'batch.json';

export function readBatchRecord(outDir: string): BatchRecord | null {
  try {
    return JSON.parse(readFileSync(join(outDir, STATE_DIR, BATCH_RECORD), 'utf8')) as BatchRecord;
  } catch {
    return null;
  }
}

/** The per-document formats of a manifest (its settings fingerprint starts with them). */
function manifestFormats(doc: ReviewDocument): Format[] {
  try {
    const settings = JSON.parse(doc.manifest.settings) as unknown[];
    if (Array.isArray(settings[0])) return settings[0] as Format[];
  } catch {
    // fall through: guess from the files written
  }
  return ['json'];
}

export async function rewriteDocument(outDir: string, doc: ReviewDocument): Promise<RewriteOutcome> {
  const machine = readDocument(outDir, doc);
  // The structure (meta, signature, sections…) is read again from the corrected text by the pipeline's own segment stage.
  // Header fields a person set go over that re-read (a field decision beats the text).
  const sha = machine.source.sha256;
  const { json, view, stale, staleFields } = await withCorrectedStructure(applyCorrections(machine, correctionsFor(outDir, sha), fieldCorrectionsFor(outDir, sha)));
  // Written by this version, with this version's fields: a file saved by an earlier 1.x is carried up to it.
  const jsonOut = documentJson({ ...json, schemaVersion: SCHEMA_VERSION });
  const formats = manifestFormats(doc);
  const needsSource = formats.includes('pdf');
  const source = needsSource ? findSource(outDir, doc, machine) : new Uint8Array();
  const kept: string[] = [];
  const outputs: [string, string | Uint8Array][] = [];
  for (const format of formats) {
    const writer = DOCUMENT_WRITERS[format];
    if (!writer) continue;
    if (format === 'pdf' && !source) {
      kept.push(`${doc.name}.pdf: the input ${machine.source.path} is not where it was converted from, so the PDF keeps the machine text`);
      continue;
    }
    for (const f of await writer({ result: format === 'json' ? jsonOut.result : view, json: jsonOut.text, source: source ?? new Uint8Array() })) outputs.push([`${doc.name}${f.suffix}`, f.data]);
  }
  const structure = structureOf(view);
  const rows = rowsText({ tables: documentTables(view), archive: archiveFacts(view, structure) });
  // The row's header fields (documents.csv, the workbook's Documents sheet) follow the re-read structure.
  if (structure && doc.manifest.row) doc.manifest = { ...doc.manifest, row: { ...doc.manifest.row, structure: documentColumns(structure), dateSuggested: dateSuggested(structure) } };
  const files = new Map<string, OutputFile>((doc.manifest.files ?? []).map((f) => [f.path, f]));
  for (const [rel, data] of outputs) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    writeAtomic(outDir, inside(outDir, rel), bytes);
    files.set(rel, { path: rel, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  doc.manifest = { ...doc.manifest, files: [...files.values()] };
  // One record, newer than the batch's: the new manifest and rows together, fsync'd before the page hears "saved".
  appendRecord(outDir, { name: doc.name, manifest: doc.manifest, rowsText: rows }, { durable: true });
  return { result: jsonOut.result, kept, stale, staleFields };
}

/** The batch-level formats the batch wrote (from its record, else from the files there). */
export function batchTableFormats(outDir: string): Format[] {
  const record = readBatchRecord(outDir);
  return record?.formats.filter((f) => f === 'csv' || f === 'xlsx') ?? [
    ...(existsSync(join(outDir, 'sections.csv')) ? (['csv'] as const) : []),
    ...(existsSync(join(outDir, WORKBOOK_NAME)) ? (['xlsx'] as const) : []),
  ];
}

/**
 * Rebuilding the tables reads every document's rows (seconds for thousands of documents), so the
 * review page does it after answering, once decisions pause. This marker, written before the
 * answer and removed after a rebuild, says a rebuild is owed; `baocao review` pays it at start.
 */
const TABLES_PENDING = 'tables-pending';

export function markTablesPending(outDir: string): void {
  writeAtomic(outDir, join(outDir, STATE_DIR, TABLES_PENDING), new Date().toISOString() + '\n', { durable: true });
}

export const tablesPending = (outDir: string): boolean => existsSync(join(outDir, STATE_DIR, TABLES_PENDING));

/** Rebuilds the batch tables (CSV and workbook, as the batch wrote them) from every document's rows, and patches documents.csv's header fields. */
export async function rewriteBatchTables(outDir: string, docs: Iterable<ReviewDocument>): Promise<string[]> {
  const formats = batchTableFormats(outDir);
  const all = [...docs];
  await patchDocumentsCsv(outDir, all.map((d) => d.manifest.row));
  let problems: string[] = [];
  if (formats.length) {
    const record = readBatchRecord(outDir);
    const entries: BatchEntry[] = all.sort((a, b) => (a.manifest.row.path < b.manifest.row.path ? -1 : 1)).map((d) => ({ row: d.manifest.row, rel: d.name }));
    problems = await writeBatchOutputs(entries, { outDir, formats, archive: record?.archive, durable: true, documentsCsv: false });
  }
  // The tables as now written, for `baocao verify`.
  await recordTables(outDir, batchOutputNames(formats));
  if (problems.length) return problems;
  rmSync(join(outDir, STATE_DIR, TABLES_PENDING), { force: true });
  return [];
}

/**
 * Outputs brought in line with the log when `baocao review` starts: a folder converted again
 * (without --resume) has the machine outputs back, and the logged corrections go into them again.
 */
export async function applyLoggedCorrections(outDir: string, docs: Map<string, ReviewDocument>): Promise<{ rewritten: string[]; problems: string[] }> {
  const rewritten: string[] = [];
  const problems: string[] = [];
  for (const doc of docs.values()) {
    const mine = correctionsFor(outDir, doc.manifest.sha256);
    const fields = fieldCorrectionsFor(outDir, doc.manifest.sha256);
    if (!mine.length && !fields.length) continue;
    try {
      const machine = readDocument(outDir, doc);
      // Up to date: the same corrected text and field decisions, and the structure read again (files of 1.3 and earlier were not).
      const due = applyCorrections(machine, mine, fields).json;
      const decided = due.text.corrected !== undefined || due.fieldCorrections !== undefined;
      const upToDate = due.text.corrected === machine.text.corrected && JSON.stringify(due.fieldCorrections) === JSON.stringify(machine.fieldCorrections) && (!decided || !hasStructure(machine) || machine.correctedStructure !== undefined);
      if (upToDate) continue;
      const outcome = await rewriteDocument(outDir, doc);
      rewritten.push(doc.name);
      problems.push(...outcome.kept);
    } catch (e) {
      problems.push(`${doc.name}: ${(e as Error).message}`);
    }
  }
  if (rewritten.length || tablesPending(outDir)) problems.push(...(await rewriteBatchTables(outDir, docs.values())));
  return { rewritten, problems };
}
