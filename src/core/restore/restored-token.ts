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

/**
 * A token as the restorer makes it, every field in one order (the calibration fills
 * decoderConfidence at the end), so that all tokens share one shape.
 */
export function restoredToken(original: string, restored: string, start: number, end: number, confidence: number, alternatives: string[]): RestoredToken {
  return { original, restored, start, end, confidence, alternatives, decoderConfidence: undefined };
}

// V8 compiles a field stored only once as a constant, and a number field first given an integer
// (confidence 1 of an acronym) as a small-integer field: the later passes, which store the
// confidence (calibration), the word and its alternatives (acronyms, list letters) again, would
// then throw away the restorer's code compiled during the first document. One token stored to
// at load settles the shape before anything is compiled.
const settled = restoredToken('', '', 0, 0, 0.5, []);
settled.restored = '-';
settled.alternatives = [''];
settled.confidence = 0.25;
settled.decoderConfidence = 0.5;
