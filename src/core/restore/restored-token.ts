/** One restored word, as the restorer gives it and the later passes (acronyms, list markers, document) read it. */
export interface RestoredToken {
  original: string;
  restored: string;
  /** UTF-16 offsets of the original word in the input text. */
  start: number;
  end: number;
  confidence: number;
  /** Other spellings the decoder considered, best first (case applied). */
  alternatives: string[];
}
