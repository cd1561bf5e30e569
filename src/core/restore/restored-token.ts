import type { WordEvidence } from './calibration.js';

/** One restored word, as the restorer gives it and the later passes (acronyms, list markers, document) read it. */
export interface RestoredToken {
  original: string;
  restored: string;
  /** UTF-16 offsets of the original word in the input text. */
  start: number;
  end: number;
  /** P(the restored word is right): calibrated (calibration.ts) when the model has a calibration, else the decoder's posterior. */
  confidence: number;
  /** The decoder's own confidence before calibration (the value `confidence` had before 0.2 of the schema). */
  decoderConfidence?: number;
  /** Other spellings the decoder considered, best first (case applied). */
  alternatives: string[];
  /** What the confidence was computed from (restore(…, {evidence: true}) only). */
  evidence?: WordEvidence;
}
