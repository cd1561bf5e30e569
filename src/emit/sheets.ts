/**
 * The spreadsheet views: one `documents.csv` row per input of a batch, and one
 * `<name>.paragraphs.csv` per document. Columns are listed once here, in sheet order.
 */
import type { DocumentResult } from '../core/schema.js';
import { documentColumns, DOCUMENT_CSV_HEADERS } from '../core/segment/csv-rows.js';
import type { Structure } from '../core/segment/schema.js';
import { toCsv, type CsvColumn } from './csv.js';

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
  { header: 'output_name', type: 'text', value: (r) => r.outputName ?? '' },
];

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
  };
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
