/**
 * One writer per per-document format, all taking the same finished document. A writer returns the
 * files it makes as suffixes of the document's output name (`.json`, `.table-1.csv`); the batch
 * writes them atomically and records them in the manifest.
 */
import type { DocumentResult } from '../core/schema.js';
import type { Format } from './formats.js';
import { documentMarkdown } from './md.js';
import { paragraphsCsv, structureOf } from './sheets.js';
import { figuresCsv, sectionsCsv, tableCsvs } from './structure-sheets.js';
import { documentTxt } from './txt.js';

export interface WriterInput {
  /** The validated document (the one its JSON says). */
  result: DocumentResult;
  /** Its JSON text, already serialised and checked. */
  json: string;
  /** The input's bytes as read (scans: the page images a searchable PDF keeps). */
  source: Uint8Array;
}

export interface WrittenFile {
  /** Appended to the output name of the input: `.json`, `.paragraphs.csv`. */
  suffix: string;
  data: string | Uint8Array;
}

export type DocumentWriter = (input: WriterInput) => Promise<WrittenFile[]>;

async function csvFiles({ result }: WriterInput): Promise<WrittenFile[]> {
  const files: WrittenFile[] = [{ suffix: '.paragraphs.csv', data: await paragraphsCsv(result) }];
  const structure = structureOf(result);
  if (structure) {
    files.push({ suffix: '.sections.csv', data: await sectionsCsv(structure) });
    for (const [i, table] of (await tableCsvs(structure)).entries()) files.push({ suffix: `.table-${i + 1}.csv`, data: table });
    files.push({ suffix: '.figures.csv', data: await figuresCsv(structure) });
  }
  return files;
}

/** The formats written per document (every format but the batch's workbook). */
export type DocumentFormat = Exclude<Format, 'xlsx'>;

/**
 * Writers per format, in the order their files are written. Batch-level formats (xlsx) are absent:
 * indexed by any `Format` a writer may be undefined, but `DOCUMENT_WRITERS.md` is always there (the
 * README's example calls it directly, which a strict TypeScript user must be able to compile).
 */
export const DOCUMENT_WRITERS: Record<DocumentFormat, DocumentWriter> & Partial<Record<Format, DocumentWriter>> = {
  json: async ({ json }) => [{ suffix: '.json', data: json }],
  csv: csvFiles,
  txt: async ({ result }) => [{ suffix: '.txt', data: documentTxt(result) }],
  md: async ({ result }) => [{ suffix: '.md', data: documentMarkdown(result) }],
  // docx and pdf load their libraries (docx, pdf-lib, fontkit, the font) on first use: a process
  // that never writes them (restore, a json/csv batch, each worker thread) does not pay for them.
  docx: async ({ result }) => [{ suffix: '.docx', data: await (await import('./docx.js')).documentDocx(result) }],
  pdf: async (input) => (await import('./pdf.js')).pdfFiles(input),
};
