/** What the pipeline takes: one input and the settings of its stages. */
import type { WorkingDocument } from '../core/document.js';
import type { RestoreStageOptions } from '../core/restore/stage.js';
import type { SegmentStageOptions } from '../core/segment/stage.js';
import type { TextIngestOptions } from '../ingest/text.js';
import type { IngestOptions } from '../ingest/options.js';

export interface ConvertInput {
  /** Where the bytes came from; used for the kind (by extension) and reported in the output. */
  path: string;
  data: Uint8Array;
  /** The SHA-256 of `data` (hex) when the caller has it already (the batch hashed the file for --resume); computed otherwise. */
  sha256?: string;
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
  /** PDF/image ingest: the OCR pool or how to make one, page progress, OCR resolution and mode, pages to read. */
  ingest?: IngestOptions;
  /** Called after each stage with its name and wall time in milliseconds (the CLI's debug log). */
  onStage?: (name: string, ms: number) => void;
}

export type StageOptions = ConvertOptions & { input: ConvertInput };
export type Stage = (doc: WorkingDocument, options: StageOptions) => void | unknown | Promise<unknown>;

