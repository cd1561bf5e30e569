/**
 * The spreadsheet views: one `documents.csv` row per input of a batch, and one
 * `<name>.paragraphs.csv` per document. Columns are listed once here, in sheet order.
 */
import type { DocumentResult } from '../core/schema.js';
import { documentColumns, DOCUMENT_CSV_HEADERS } from '../core/segment/csv-rows.js';
import type { Structure } from '../core/segment/schema.js';
import { walkSections } from '../core/segment/sections.js';
import { toCsv, type CsvColumn } from './csv.js';
import type { Cell, SheetColumn } from './sheet-types.js';

/** The document's own fields (type, number, date, issuer, title, signer, position), '' when unknown. */
export type StructureCells = Record<(typeof DOCUMENT_CSV_HEADERS)[number], string>;

export type DocumentStatus = 'ok' | 'partial' | 'error';

/** One line of documents.csv; also stored in the batch manifest so --resume can rebuild it. */
export interface DocumentRow {
  path: string;
  status: DocumentStatus;
  error: string;
  kind: string;
  encoding: string;
  pages: number | null;
  paragraphs: number | null;
  characters: number | null;
  restored: 'yes' | 'no' | '';
  diagnostics: number | null;
  sha256: string;
  /** Output files written for this input, relative to the output directory. */
  outputs: string[];
  /** The name the outputs share before their suffixes (shortened when too long for the file system). */
  outputName?: string;
  /** Header fields found by the segment stage (absent in rows of manifests from older versions). */
  structure?: StructureCells;
  /** The document's JSON, relative to the output directory. */
  json?: string;
  restoreMode?: string;
  /** Restored words flagged for a person to check. */
  review?: number | null;
  /** Mean confidence (0–1) of the structure's paragraphs, weighted by their length. */
  meanConfidence?: number | null;
  /** Mean OCR confidence (0–100) of the pages read by OCR. */
  ocrConfidence?: number | null;
  /** The most severe diagnostic: "severity ruleId: message". */
  worstDiagnostic?: string;
  /**
   * The day offered where no date was read (meta.dateSuggestion: the first e-signing day), a
   * suggestion for a person to accept, never the document's date; '' or absent when none.
   */
  dateSuggested?: string;
}

export const DOCUMENT_COLUMNS: CsvColumn<DocumentRow>[] = [
  { header: 'path', type: 'text', value: (r) => r.path },
  { header: 'status', type: 'text', value: (r) => r.status },
  { header: 'error', type: 'text', value: (r) => r.error },
  // What a person sorts and filters on: the document's own identity, right after its status.
  ...DOCUMENT_CSV_HEADERS.map((header): CsvColumn<DocumentRow> => ({ header, type: 'text', value: (r) => r.structure?.[header] ?? '' })),
  { header: 'kind', type: 'text', value: (r) => r.kind },
  { header: 'encoding', type: 'text', value: (r) => r.encoding },
  { header: 'pages', type: 'number', value: (r) => r.pages },
  { header: 'paragraphs', type: 'number', value: (r) => r.paragraphs },
  { header: 'characters', type: 'number', value: (r) => r.characters },
  { header: 'restored', type: 'text', value: (r) => r.restored },
  { header: 'diagnostics', type: 'number', value: (r) => r.diagnostics },
  { header: 'sha256', type: 'text', value: (r) => r.sha256 },
  { header: 'json', type: 'text', value: (r) => r.json ?? '' },
  { header: 'restore_mode', type: 'text', value: (r) => r.restoreMode ?? '' },
  { header: 'review', type: 'number', value: (r) => r.review },
  { header: 'mean_confidence', type: 'number', value: (r) => r.meanConfidence },
  { header: 'ocr_confidence', type: 'number', value: (r) => r.ocrConfidence },
  { header: 'worst_diagnostic', type: 'text', value: (r) => r.worstDiagnostic ?? '' },
  { header: 'output_name', type: 'text', value: (r) => r.outputName ?? '' },
  // Added last (session 15) so the columns before keep their places for users' sheets.
  { header: 'date_suggested', type: 'text', value: (r) => r.dateSuggested ?? '' },
];

const WIDTHS: Record<string, number> = { date_suggested: 12, path: 40, error: 30, title: 50, issuer: 30, sha256: 20, json: 40, worst_diagnostic: 40, signer: 20, position: 20 };

/** The Documents sheet: documents.csv's columns, the header date typed as a date. */
export const DOCUMENT_SHEET_COLUMNS: SheetColumn[] = DOCUMENT_COLUMNS.map((c) => ({
  header: c.header,
  type: c.header === 'date' || c.header === 'date_suggested' ? 'date' : c.type,
  width: WIDTHS[c.header] ?? (c.type === 'number' ? 10 : 12),
}));

export function documentCells(row: DocumentRow): Cell[] {
  return DOCUMENT_COLUMNS.map((c) => c.value(row) ?? null);
}

/**
 * Status of a converted document: 'error' when nothing could be read (an ingest error), 'partial'
 * when it was read but a later stage reported an error (e.g. no restoration model), else 'ok'.
 */
export function statusOf(result: DocumentResult): { status: DocumentStatus; error: string } {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { status: 'ok', error: '' };
  const first = errors[0]!;
  const ingestFailed = result.pages.length === 0 || errors.some((d) => d.ruleId.startsWith('ingest/') || d.ruleId === 'internal/ingest');
  return { status: ingestFailed ? 'error' : 'partial', error: `${first.ruleId}: ${first.message}` };
}

export function documentRow(result: DocumentResult, outputs: string[]): DocumentRow {
  const { status, error } = statusOf(result);
  return {
    path: result.source.path,
    status,
    error,
    kind: result.source.kind,
    encoding: result.source.encoding ?? '',
    pages: result.source.pages,
    paragraphs: result.paragraphs.length,
    characters: result.text.original.length,
    restored: result.text.restored === null ? 'no' : 'yes',
    diagnostics: result.diagnostics.length,
    sha256: result.source.sha256,
    outputs,
    ...(result.meta ? { structure: documentColumns(structureOf(result)) } : {}),
    json: outputs.find((o) => o.endsWith('.json')) ?? '',
    restoreMode: result.restoreMode ?? '',
    review: result.review?.length ?? 0,
    meanConfidence: meanParagraphConfidence(structureOf(result)),
    ocrConfidence: meanOcrConfidence(result),
    worstDiagnostic: worstDiagnostic(result),
    dateSuggested: dateSuggested(structureOf(result)),
  };
}

/** meta.dateSuggestion's day, '' when the document has none (or its date was read). */
export function dateSuggested(s: Structure | undefined): string {
  return s && s.meta.date === null ? s.meta.dateSuggestion?.date ?? '' : '';
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

function meanParagraphConfidence(s: Structure | undefined): number | null {
  if (!s) return null;
  const paragraphs = [...s.preamble, ...[...walkSections(s.sections as never)].flatMap(({ section }) => section.paragraphs), ...(s.closing ? [s.closing] : [])];
  let sum = 0;
  let weight = 0;
  for (const p of paragraphs) {
    if (p.confidence === undefined || p.text.length === 0) continue;
    sum += p.confidence * p.text.length;
    weight += p.text.length;
  }
  return weight ? round(sum / weight, 3) : null;
}

function meanOcrConfidence(result: DocumentResult): number | null {
  const read = result.pages.filter((p) => p.method === 'ocr' && p.confidence !== undefined);
  return read.length ? round(read.reduce((sum, p) => sum + p.confidence!, 0) / read.length, 1) : null;
}

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 } as const;

function worstDiagnostic(result: DocumentResult): string {
  let worst: DocumentResult['diagnostics'][number] | undefined;
  for (const d of result.diagnostics) if (!worst || SEVERITY_RANK[d.severity] > SEVERITY_RANK[worst.severity]) worst = d;
  return worst ? `${worst.severity} ${worst.ruleId}: ${worst.message}` : '';
}

/** The structure fields of a result, when the segment stage ran. */
export function structureOf(result: DocumentResult): Structure | undefined {
  if (!result.meta) return undefined;
  return {
    meta: result.meta,
    preamble: result.preamble ?? [],
    sections: result.sections ?? [],
    closing: result.closing ?? null,
    signature: result.signature ?? null,
    recipients: result.recipients ?? [],
    recipientsInfo: result.recipientsInfo ?? null,
    annexes: result.annexes ?? [],
    figures: result.figures ?? [],
  };
}

/** A row for an input that could not even be read (missing, unreadable, empty directory). */
export function failedRow(path: string, error: string, kind = ''): DocumentRow {
  return { path, status: 'error', error, kind, encoding: '', pages: null, paragraphs: null, characters: null, restored: '', diagnostics: null, sha256: '', outputs: [] };
}

export function documentsCsv(rows: DocumentRow[]): Promise<string> {
  return toCsv(DOCUMENT_COLUMNS, rows);
}

type ParagraphRow = DocumentResult['paragraphs'][number];

const PARAGRAPH_COLUMNS: CsvColumn<ParagraphRow>[] = [
  { header: 'page', type: 'number', value: (p) => p.page },
  { header: 'line_start', type: 'number', value: (p) => p.lineStart },
  { header: 'line_end', type: 'number', value: (p) => p.lineEnd },
  { header: 'text', type: 'text', value: (p) => p.text },
  { header: 'restored', type: 'text', value: (p) => p.restored ?? '' },
];

export function paragraphsCsv(result: DocumentResult): Promise<string> {
  return toCsv(PARAGRAPH_COLUMNS, result.paragraphs);
}
