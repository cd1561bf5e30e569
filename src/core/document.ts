/**
 * The working document every stage reads and extends (cf. vfile): one input file, its pages,
 * paragraphs, restoration and structure, plus diagnostics. Stages add to it; they never throw
 * for a bad input — they push a diagnostic instead, so one bad file never stops a batch.
 */

export type Severity = 'error' | 'warning' | 'info';

/** 1-based page and line (visual line within the page). */
export interface Place {
  page: number;
  line: number;
}

export interface Diagnostic {
  ruleId: string;
  message: string;
  severity: Severity;
  place?: Place;
}

export type SourceKind = 'text' | 'pdf' | 'image' | 'word';

/** How a page's text was obtained. */
export type PageMethod = 'text' | 'pdf-text' | 'ocr';

/** One OCR word with provenance; bbox is [x0, y0, x1, y1] in page pixels. */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: [number, number, number, number];
  line: number;
}

export interface Page {
  /** 1-based page number. */
  number: number;
  /** Visual lines, without line terminators. */
  lines: string[];
  method: PageMethod;
  /** Mean OCR confidence 0..100 when method is 'ocr'. */
  confidence?: number;
  words?: OcrWord[];
  /** Clockwise quarter turn the page image was given to read it upright (absent: read as it lay);
   * `words` stay in the image's own pixels, so a turned page's text runs along this turn there. */
  turn?: 90 | 180 | 270;
  /** Which OCR engine read the page (method 'ocr'): tesseract.js ('wasm') or the system tesseract ('native'). */
  ocrEngine?: 'wasm' | 'native';
  /** Digits written by pen into the header's blanks, read from the page image (ingest/pen). */
  penFills?: PenFill[];
  /** Characters of the restored line written from a pen reading the structure took (segment/pen-values.ts). */
  penValues?: PenValue[];
  /** 1-based lines that hold notes written by hand in the margin (bút phê), not print: kept in the
   * text, left out of the structure (ingest/ocr/margin-notes.ts). */
  marginLines?: number[];
  /** 1-based lines read from red ink alone: print stamped in the seal's red beside it (the
   * position, the name), which the seal lift takes out of the grey image (ingest/ocr/red-print.ts). */
  redLines?: number[];
  /** Words OCR read from the seal or the handwritten signature over the signature block (not
   * print): kept in `lines`, `words` and the text as read, left out of the restored text
   * (segment/signature-ink.ts). */
  inkWords?: { line: number; text: string }[];
  /** Notes a PDF carries on the page (ingest/pdf-annotations.ts): beside its text, never in it. */
  annotations?: PageAnnotation[];
}

/**
 * A PDF markup annotation with a note: a typed note drawn over the page (FreeText), a sticky note
 * (Text), a stamp, a highlight, underline or drawing with a comment. A note on the document,
 * not the document's text.
 */
export interface PageAnnotation {
  /** The PDF's /Subtype: FreeText, Text, Stamp, Highlight, Underline, StrikeOut, Ink, … */
  subtype: string;
  /** The note (/Contents, else its rich text /RC as plain text); its own line breaks kept. */
  text: string;
  /** Who wrote it (/T), when the file says. */
  author: string | null;
  /** When it was last changed (/M): ISO 8601 when readable, else as written. */
  modified: string | null;
  /** Where it lies: [x0, y0, x1, y1] in points, in the page's PDF coordinates (origin bottom left, y up). */
  rect?: [number, number, number, number];
}

/**
 * A handwritten blank of a header ("Số: 2116/…", "ngày 29 tháng 8 …") as read from the image by
 * the digit classifier: a reading to be confirmed by a person, never a fact (segment keeps the
 * field in meta.uncertain).
 */
export interface PenFill {
  field: 'number' | 'day' | 'month';
  /** 1-based OCR line of the page holding the blank. */
  line: number;
  digits: string;
  /** Classifier probability of each digit, 0..1. */
  confidence: number[];
  /** How the pen was told from the print: by its blue colour, or as the dark ink between printed words. */
  ink: 'blue' | 'dark';
  /**
   * Median height of the read glyphs over the height of the line's printed capitals (the tallest
   * fifth of the print's letters in the crop): handwriting runs taller than print. Absent when no
   * print was measured.
   */
  scale?: number;
  /**
   * Each read glyph's probabilities of the digits 0–9 (the model's raw output, rounded; what the
   * "not a digit" class took is left out): other readings than `digits`, for other evidence to
   * weigh (segment/signing-date.ts). Absent in readings saved before schema 1.6.
   */
  digitProbs?: number[][];
}

/**
 * A pen reading written into the restored text at its blank: `[start, end)` of the restored line
 * `line` of the page holds the digits of the value the structure took (meta.number, meta.date);
 * `replaced` is what the restored line held there (OCR's junk for the ink), the text as read keeps it.
 */
export interface PenValue {
  field: PenFill['field'];
  line: number;
  start: number;
  end: number;
  replaced: string;
}

export interface Paragraph {
  text: string;
  /** Restored text, filled by the restore stage. */
  restored?: string;
  page: number;
  lineStart: number;
  lineEnd: number;
}

export interface SourceInfo {
  path: string;
  kind: SourceKind;
  sha256: string;
  bytes: number;
  pages: number;
  /** The decoding used for text input (utf-8, utf-16le, tcvn3, vni, viqr …); null for images/PDFs. */
  encoding: string | null;
}

export interface WorkingDocument {
  source: SourceInfo;
  /** Exactly what was read, decoded; pages joined with '\f'. Never modified after ingest. */
  original: string;
  pages: Page[];
  paragraphs: Paragraph[];
  diagnostics: Diagnostic[];
  // Later stages add their own optional fields below (restored text, restoration detail, structure).
  /** Whole restored text, same lines and pages as `original` (restore stage). */
  restored?: string;
  /** How the restore stage read the input: 'stripped', 'ocr' or 'clean' (restore stage). */
  restoreMode?: string;
  /** Low-confidence restorations for a human to check (restore stage). */
  review?: ReviewItem[];
  /** Every restored word of the whole-document reading, with confidence and alternatives (restore stage; not in the JSON). */
  restoreTokens?: import('./restore/restored-token.js').RestoredToken[];
  /** Decree-30 structure: meta, sections, signature, recipients, annexes, figures (segment stage). */
  structure?: import('./segment/schema.js').Structure;
  /** Which text the segment stage read: 'restored-lines', 'paragraphs' or 'original-lines' (segment stage). */
  structureFrom?: string;
  /** The PDF's digital signature fields (ingest); the segment stage records them in meta.eSignatures. */
  eSignatures?: import('./segment/schema.js').ESignatureNode[];
  /** The document's own numbers of the pages read, when only some were (--pages); stages count 1..k (page-numbers.ts). */
  pageNumbers?: number[];
}

/** One restored word the decoder was unsure about (restore stage). */
export interface ReviewItem {
  page: number;
  line: number;
  original: string;
  restored: string;
  confidence: number;
  alternatives: string[];
}
