/**
 * baocao as a library. `convert` runs the same pipeline as the CLI; unless told otherwise it
 * loads the bundled restoration model once and reuses it.
 */
import { convert as convertWith, type ConvertInput, type ConvertOptions } from './pipeline/index.js';
import type { DocumentResult } from './core/schema.js';
import { loadModel } from './model/load.js';
import { loadAdaptation } from './model/adaptation-file.js';
import type { Adaptation } from './core/restore/adaptation.js';

export type { ConvertInput, ConvertOptions, Stage } from './pipeline/index.js';
export { STAGES, runPipeline, detectKind } from './pipeline/index.js';
export type { Diagnostic, Page, Paragraph, Place, Severity, SourceKind, WorkingDocument, ReviewItem } from './core/document.js';
export {
  SCHEMA_VERSION,
  DocumentResultSchema,
  DiagnosticSchema,
  SourceSchema,
  PageSchema,
  ParagraphSchema,
  ReviewItemSchema,
  documentJsonSchema,
  validateDocumentResult,
  isRestored,
  hasStructure,
  type DocumentResult,
  type RestoredResult,
  type StructuredResult,
} from './core/schema.js';
export { restore, type RestoreOptions, type RestoreResult, type RestoredToken, type RestoreInput, type RestoreModel } from './core/restore/index.js';
export { loadModel } from './model/load.js';
export { loadAdaptation, parseAdaptation, bundledModelFingerprint, AdaptationFileError, AdaptationSchema } from './model/adaptation-file.js';
export { prepareAdaptation, type Adaptation, type AdaptationData, type AdaptationTuning } from './core/restore/adaptation.js';
export { learnAdaptation, type LearnText } from './core/restore/learn-archive.js';
export { segmentStage, type SegmentStageOptions } from './core/segment/stage.js';
export { structureSchema, type Structure, type Meta, type SectionNode, type AnnexNode, type FigureNode } from './core/segment/schema.js';
export { ingestText, type TextIngestOptions, type TextIngestResult } from './ingest/text.js';
export type { IngestOptions } from './ingest/options.js';
export { parsePageRanges, type PageRange } from './ingest/page-ranges.js';
export { paragraphsFromPages } from './core/paragraphs.js';
export { toCsv, guardCell, type CsvColumn } from './emit/csv.js';
export { documentsCsv, paragraphsCsv, documentRow, structureOf, type DocumentRow } from './emit/sheets.js';
export { sectionsCsv, tableCsvs, figuresCsv } from './emit/structure-sheets.js';
export { DOCUMENT_WRITERS, type DocumentFormat, type DocumentWriter, type WriterInput, type WrittenFile } from './emit/document-writers.js';
export { FORMATS, DEFAULT_FORMATS, parseFormatList, type Format } from './emit/formats.js';
export { documentJson } from './emit/json.js';
export { buildServer, type ServeOptions } from './serve/server.js';

/**
 * Convert one input. `options.restore`: omitted → the bundled model is loaded (once) and used;
 * `false` → no restoration; an object → used as given, with the bundled model when it names none. A missing model is a diagnostic, not a throw.
 * `options.adapt`: an archive's adaptation (archive.json from `baocao learn`, by path, or one
 * prepared with loadAdaptation) used beside the model; a bad file throws AdaptationFileError.
 */
export async function convert(input: ConvertInput, options: ConvertOptions & { adapt?: string | Adaptation } = {}): Promise<DocumentResult> {
  const { adapt, ...rest } = options;
  options = rest;
  if (adapt !== undefined && options.restore !== false) {
    const model = options.restore?.model ?? loadModel();
    const adaptation = typeof adapt === 'string' ? loadAdaptation(adapt, model) : adapt;
    options = { ...options, restore: { ...options.restore, model, adaptation } };
  }
  // Omitted, or given without a model ({input: 'stripped'}): the bundled model.
  if (options.restore !== false && options.restore?.model === undefined) {
    let model;
    try {
      model = loadModel();
    } catch {
      model = undefined; // the restore stage reports 'restore/no-model'
    }
    options = { ...options, restore: { ...options.restore, model } };
  }
  return convertWith(input, options);
}
