/**
 * The one pipeline behind the library and the CLI: a visible list of stages run in order over a
 * working document. A stage never throws on bad input (it adds diagnostics); if a stage throws
 * anyway, that becomes an 'internal/<stage>' error and the remaining stages still run.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic, Page, SourceKind, WorkingDocument } from './document.js';
import { restoreStage, type RestoreStageOptions } from './restore/stage.js';
import { segmentStage, type SegmentStageOptions } from './segment/stage.js';
import { restoreTableCells, writeCellsIntoText } from './restore/cells.js';
import { toDocumentResult, type DocumentResult } from './schema.js';
import { ingestText, paragraphsFromPages, type TextIngestOptions } from '../ingest/text.js';
import { normaliseParagraphText } from '../ingest/paragraphs.js';

export interface ConvertInput {
  /** Where the bytes came from; used for the kind (by extension) and reported in the output. */
  path: string;
  data: Uint8Array;
}

export interface ConvertOptions {
  /** Text encoding override ('utf-8', 'tcvn3', 'vni', 'viqr' …). */
  encoding?: string;
  pageBreaks?: TextIngestOptions['pageBreaks'];
  maxTextBytes?: number;
  /** Restoration: the loaded model and input kind; `false` skips the stage. */
  restore?: RestoreStageOptions | false;
  /** Structure (Decree 30 layout); `false` skips the stage. */
  segment?: SegmentStageOptions | false;
  /** Passed through to PDF/image ingest: the OCR pool, worker count, page progress. */
  ingest?: Record<string, unknown>;
}

export type StageOptions = ConvertOptions & { input: ConvertInput };
export type Stage = (doc: WorkingDocument, options: StageOptions) => void | unknown | Promise<unknown>;

/** The pipeline, in order. Each entry: a name (for 'internal/<name>' diagnostics) and the stage. */
export const STAGES: ReadonlyArray<{ name: string; run: Stage; needsText: boolean }> = [
  { name: 'ingest', run: ingestStage, needsText: false },
  { name: 'normalise', run: normaliseStage, needsText: true },
  { name: 'restore', run: restore, needsText: true },
  { name: 'segment', run: segment, needsText: true },
  { name: 'cells', run: cells, needsText: true },
];

export async function convert(input: ConvertInput, options: ConvertOptions = {}): Promise<DocumentResult> {
  return toDocumentResult(await runPipeline(input, options));
}

/** Run every stage; the working document (for callers that need more than the JSON). */
export async function runPipeline(input: ConvertInput, options: ConvertOptions = {}): Promise<WorkingDocument> {
  const doc = emptyDocument(input);
  const stageOptions: StageOptions = { ...options, input };
  for (const stage of STAGES) {
    // Nothing was read: later stages would only add noise to the one clear ingest error.
    if (stage.needsText && doc.pages.length === 0) break;
    try {
      await stage.run(doc, stageOptions);
    } catch (e) {
      doc.diagnostics.push({ ruleId: `internal/${stage.name}`, severity: 'error', message: `${stage.name} stage failed: ${errorText(e)}` });
    }
  }
  return doc;
}

function emptyDocument(input: ConvertInput): WorkingDocument {
  return {
    source: {
      path: input.path,
      kind: detectKind(input.data, input.path),
      sha256: createHash('sha256').update(input.data).digest('hex'),
      bytes: input.data.length,
      pages: 0,
      encoding: null,
    },
    original: '',
    pages: [],
    paragraphs: [],
    diagnostics: [],
  };
}

/** Kind by magic bytes first (a mis-named scan is still a scan), then by extension, else text. */
export function detectKind(data: Uint8Array, path = ''): SourceKind {
  const starts = (...sig: number[]) => sig.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image';
  if (starts(0x42, 0x4d) && data.length > 26 && /\.bmp$/i.test(path)) return 'image';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...data.subarray(8, 12)) === 'WEBP') return 'image';
  if (/\.pdf$/i.test(path)) return 'pdf';
  if (/\.(png|jpe?g|tiff?|bmp|webp|gif)$/i.test(path)) return 'image';
  return 'text';
}

/**
 * Contract for the PDF/image ingest modules (H5): `ingestPdf` in '../ingest/pdf.js' and
 * `ingestImage` in '../ingest/image.js', each (data, options) → pages (+ diagnostics, original).
 */
export interface BinaryIngestResult {
  pages: Page[];
  diagnostics?: Diagnostic[];
  /** Text as read, pages joined with '\f'; built from the pages' lines when absent. */
  original?: string;
}
type BinaryIngest = (data: Uint8Array, options: Record<string, unknown>) => Promise<BinaryIngestResult> | BinaryIngestResult;

async function ingestStage(doc: WorkingDocument, options: StageOptions): Promise<void> {
  const { data } = options.input;
  if (doc.source.kind === 'text') {
    const r = ingestText(data, { encoding: options.encoding, pageBreaks: options.pageBreaks, maxBytes: options.maxTextBytes });
    Object.assign(doc, { original: r.original, pages: r.pages, paragraphs: r.paragraphs });
    doc.source.encoding = r.encoding;
    doc.diagnostics.push(...r.diagnostics);
  } else {
    const [file, name] = doc.source.kind === 'pdf' ? ['pdf', 'ingestPdf'] : ['image', 'ingestImage'];
    const ingest = await loadBinaryIngest(file, name);
    if (!ingest) {
      doc.diagnostics.push({ ruleId: 'ingest/unsupported', severity: 'error', message: `${doc.source.kind} input is not supported by this build (no ${file} ingest module)` });
      return;
    }
    const r = await ingest(data, options.ingest ?? {});
    doc.pages = r.pages;
    doc.original = r.original ?? r.pages.map((p) => p.lines.join('\n')).join('\f');
    doc.paragraphs = paragraphsFromPages(r.pages);
    doc.diagnostics.push(...(r.diagnostics ?? []));
    const failed = doc.diagnostics.some((d) => d.severity === 'error');
    if (!failed && r.pages.every((p) => p.lines.every((l) => l.trim() === ''))) {
      doc.diagnostics.push({ ruleId: 'ingest/no-text', severity: 'error', message: `no text found in the ${doc.source.kind}` });
    }
  }
  doc.source.pages = doc.pages.length;
}

/** Optional modules are imported by a computed name so this builds before they exist. */
async function loadBinaryIngest(file: string, name: string): Promise<BinaryIngest | undefined> {
  const here = import.meta.url;
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  try {
    const mod = (await import(new URL(`../ingest/${file}${ext}`, here).href)) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? (mod[name] as BinaryIngest) : undefined;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

/**
 * Unicode NFC for paragraph text (decoders and OCR may emit decomposed marks), and tabs/odd
 * spaces as single spaces. Lines and `original` stay exactly as read.
 */
function normaliseStage(doc: WorkingDocument): void {
  for (const p of doc.paragraphs) {
    p.text = normaliseParagraphText(p.text);
  }
}

function restore(doc: WorkingDocument, options: StageOptions): void {
  if (options.restore === false) return;
  restoreStage(doc, options.restore ?? {});
  if (!doc.review) return;
  const place = pagePlacer(doc);
  doc.review = doc.review.map((r) => ({ ...r, ...place(r.page, r.line) }));
}

function segment(doc: WorkingDocument, options: StageOptions): void {
  if (options.segment === false) return;
  segmentStage(doc, options.segment ?? {});
}

/** Table cells restored again as wholes, now that the segmenter has found them, and written back into the restored text (restore/cells.ts). */
function cells(doc: WorkingDocument, options: StageOptions): void {
  const model = options.restore === false ? undefined : options.restore?.model;
  if (!model || !doc.structure) return;
  writeCellsIntoText(doc, restoreTableCells(doc.structure, model, doc.restoreMode));
}

/**
 * Places counted over `original` (pages split on form feeds only) → places in doc.pages, which
 * differ when ingest inferred page breaks from blank-line runs. Made once per document: a page
 * walk per place is review items × pages on a long text.
 */
export function pagePlacer(doc: WorkingDocument): (page: number, line: number) => { page: number; line: number } {
  if (doc.original.includes('\f') || doc.pages.length <= 1) return (page, line) => ({ page, line });
  const firsts: number[] = []; // line number, counted over the whole text, before each page
  let at = 0;
  for (const p of doc.pages) { firsts.push(at); at += p.lines.length; }
  return (page, line) => {
    if (page !== 1 || line > at) return { page, line };
    let a = 0, b = firsts.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (firsts[m]! < line) a = m;
      else b = m - 1;
    }
    return { page: doc.pages[a]!.number, line: line - firsts[a]! };
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
