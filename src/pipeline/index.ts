/**
 * The one pipeline behind the library and the CLI, above core (pure stages), ingest and emit: a visible list of stages run in order over a
 * working document. A stage never throws on bad input (it adds diagnostics); if a stage throws
 * anyway, that becomes an 'internal/<stage>' error and the remaining stages still run.
 */
import { hash } from 'node:crypto';
import type { WorkingDocument } from '../core/document.js';
import { segmentStage } from '../core/segment/stage.js';
import { leaveOutSignatureInk } from '../core/segment/signature-ink.js';
import { writePenValues } from '../core/segment/pen-values.js';
import type { DocumentResult } from '../core/schema.js';
import { normaliseParagraphText } from '../core/paragraphs.js';
import { detectKind } from '../core/source-kind.js';
import { pagePlacer } from '../core/page-placer.js';
import { renumberPages } from '../core/page-numbers.js';
import { ingestStage } from './ingest-stage.js';
import { OCR_MODES } from '../ingest/text-layer-trust.js';
import { RESTORE_INPUTS } from '../core/restore/inputs.js';
import type { ConvertInput, ConvertOptions, Stage, StageOptions } from './options.js';

export type { ConvertInput, ConvertOptions, Stage, StageOptions } from './options.js';
export { detectKind } from '../core/source-kind.js';
export { pagePlacer } from '../core/page-placer.js';

/** The pipeline, in order. Each entry: a name (for 'internal/<name>' diagnostics) and the stage. */
export const STAGES: ReadonlyArray<{ name: string; run: Stage; needsText: boolean }> = [
  { name: 'ingest', run: ingestStage, needsText: false },
  { name: 'normalise', run: normaliseStage, needsText: true },
  { name: 'restore', run: restore, needsText: true },
  { name: 'segment', run: segment, needsText: true },
  { name: 'cells', run: cells, needsText: true },
  { name: 'signature-ink', run: signatureInk, needsText: true },
  { name: 'pen-values', run: penValues, needsText: true },
  { name: 'page-numbers', run: pageNumbers, needsText: true },
];

export async function convert(input: ConvertInput, options: ConvertOptions = {}): Promise<DocumentResult> {
  const doc = await runPipeline(input, options);
  // The result's shape (and the schema's plans) is loaded by the first conversion, not by every
  // importer: `baocao restore` needs none. It needs no zod (document-result.ts).
  // The import is kept: a dynamic import per document costs a module-map look-up (and a message to the
  // loader thread under a loader such as tsx): +40 % of a text document's conversion in bench:convert.
  const { toDocumentResult } = await (resultModule ??= import('../core/document-result.js'));
  return toDocumentResult(doc);
}
let resultModule: Promise<typeof import('../core/document-result.js')> | undefined;

/** Run every stage; the working document (for callers that need more than the JSON). */
export async function runPipeline(input: ConvertInput, options: ConvertOptions = {}): Promise<WorkingDocument> {
  checkInput(input);
  checkOptions(options);
  const doc = emptyDocument(input);
  const stageOptions: StageOptions = { ...options, input };
  // The caller's cancel (ingest.signal): no stage starts after it, and an OCR reading it stopped
  // rejects with its reason rather than becoming an internal/ingest diagnostic.
  const signal = options.ingest?.signal;
  for (const stage of STAGES) {
    signal?.throwIfAborted();
    // Nothing was read: later stages would only add noise to the one clear ingest error.
    if (stage.needsText && doc.pages.length === 0) break;
    const began = performance.now();
    try {
      await stage.run(doc, stageOptions);
    } catch (e) {
      signal?.throwIfAborted();
      doc.diagnostics.push({ ruleId: `internal/${stage.name}`, severity: 'error', message: `${stage.name} stage failed: ${errorText(e)}` });
    }
    options.onStage?.(stage.name, performance.now() - began);
  }
  return doc;
}

/**
 * A JavaScript caller has no types to stop `convert(path)` or a forgotten `data`: said plainly
 * (a programmer's mistake, so thrown), instead of "Cannot read properties of undefined" from a stage.
 */
function checkInput(input: unknown): asserts input is ConvertInput {
  const usage = 'convert() takes { path, data }';
  if (typeof input === 'string') throw new TypeError(`${usage}, not a path: convert({ path, data: await readFile(path) })`);
  if (input === null || typeof input !== 'object') throw new TypeError(`${usage}: the file's name and its bytes`);
  const { path, data, sha256 } = input as { path?: unknown; data?: unknown; sha256?: unknown };
  if (typeof path !== 'string') throw new TypeError(`${usage}: path must be a string (the file's name), not ${typeof path}`);
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) throw new TypeError(`${path}: sha256, when given, must be the data's SHA-256 as 64 lower-case hex digits`);
  if (data instanceof Uint8Array) return;
  const what = data instanceof ArrayBuffer ? 'an ArrayBuffer: pass new Uint8Array(buffer)' : typeof data === 'string' ? 'a string: pass the bytes as read (readFile without an encoding)' : String(data === null ? null : typeof data);
  throw new TypeError(`${path}: data must be the file's bytes (a Buffer or Uint8Array), not ${what}`);
}

const CHOICES = [
  ['restore.input', (o: ConvertOptions) => (o.restore ? o.restore.input : undefined), RESTORE_INPUTS],
  ['pageBreaks', (o: ConvertOptions) => o.pageBreaks, ['auto', 'form-feed']],
  ['ingest.ocrMode', (o: ConvertOptions) => o.ingest?.ocrMode, OCR_MODES],
] as const;

/** An option out of its values is a programmer's mistake, said (a wrong input kind was written to the JSON as restoreMode; the others were ignored). */
function checkOptions(options: ConvertOptions): void {
  for (const [name, get, values] of CHOICES) {
    const v: unknown = get(options);
    if (v !== undefined && !(values as readonly unknown[]).includes(v)) throw new TypeError(`${name}: ${typeof v === 'string' ? `'${v}'` : String(v)} is not one of ${values.join(', ')}`);
  }
}

function emptyDocument(input: ConvertInput): WorkingDocument {
  return {
    source: {
      path: input.path,
      kind: detectKind(input.data, input.path),
      sha256: input.sha256 ?? hash('sha256', input.data, 'hex'),
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

/**
 * Unicode NFC for paragraph text (decoders and OCR may emit decomposed marks), and tabs/odd
 * spaces as single spaces. Lines and `original` stay exactly as read.
 */
function normaliseStage(doc: WorkingDocument): void {
  for (const p of doc.paragraphs) {
    p.text = normaliseParagraphText(p.text);
  }
}

// Restoration's code is imported when a document is restored: a batch with --no-restore (its
// workers' start) loads none of it.
let restoreModule: Promise<typeof import('../core/restore/stage.js')> | undefined;
async function restore(doc: WorkingDocument, options: StageOptions): Promise<void> {
  if (options.restore === false) return;
  const { restoreStage } = await (restoreModule ??= import('../core/restore/stage.js'));
  restoreStage(doc, options.restore ?? {});
  if (!doc.review) return;
  const place = pagePlacer(doc);
  doc.review = doc.review.map((r) => ({ ...r, ...place(r.page, r.line) }));
}

function segment(doc: WorkingDocument, options: StageOptions): void {
  if (options.segment === false) return;
  // The restore model's names read a signer garbled under ink or a stamp back (segment/signer-name.ts).
  const names = options.restore === false ? undefined : options.restore?.model?.names;
  segmentStage(doc, { ...(names ? { names } : {}), ...options.segment });
}

/** Table cells restored again as wholes, now that the segmenter has found them, and written back into the restored text (restore/cells.ts). */
async function cells(doc: WorkingDocument, options: StageOptions): Promise<void> {
  const model = options.restore === false ? undefined : options.restore?.model;
  if (!model || !doc.structure) return;
  const { restoreTableCells, writeCellsIntoText } = await import('../core/restore/cells.js');
  const adaptation = options.restore === false ? undefined : options.restore?.adaptation;
  writeCellsIntoText(doc, restoreTableCells(doc.structure, model, doc.restoreMode, adaptation));
}

/** The seal's and the signature's ink over the signature block left out of the restored text (segment/signature-ink.ts). */
function signatureInk(doc: WorkingDocument, options: StageOptions): void {
  if (options.segment === false || !doc.structure) return;
  leaveOutSignatureInk(doc);
}

/** The pen's readings the header took written into the restored text at their blanks (segment/pen-values.ts). */
function penValues(doc: WorkingDocument, options: StageOptions): void {
  if (options.segment === false || !doc.structure) return;
  writePenValues(doc);
}

/** A document read in part gets its own page numbers back on every place (core/page-numbers.ts). */
function pageNumbers(doc: WorkingDocument): void {
  if (doc.pageNumbers) renumberPages(doc, doc.pageNumbers);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
