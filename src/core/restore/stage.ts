/**
 * Pipeline stage: fills doc.restored (whole text, same lines and pages), each paragraph's
 * restored text and doc.review (low-confidence words with page/line). Never throws: a missing
 * model or a decoding failure becomes a 'restore/…' diagnostic and the text stays unrestored.
 */
import type { ReviewItem, WorkingDocument } from '../document.js';
import { detectInput, type RestoredToken, type RestoreInput, type RestoreModel, type RestoreOptions } from './index.js';
import { restoreInWindows } from './windows.js';
import { documentConfidences, locateWords, type WordConfidence } from './vie-confidence.js';
import { paragraphsFromWhole } from './paragraph-text.js';
import { DocumentReview, documentReviewBelow } from './calibration.js';
import { notVietnamese } from './language.js';

export interface RestoreStageOptions {
  /** The loaded model (src/model/load.ts); absent → diagnostic, text left as is. */
  model?: RestoreModel;
  input?: RestoreInput;
  /** Words restored with confidence below this go to doc.review; default: the calibration's threshold for the input kind (dictionaries/vi-confidence.json), else 0.6. */
  reviewBelow?: number;
  /** Name evidence switch and tuning, passed on to restore(). */
  names?: RestoreOptions['names'];
  nameTuning?: RestoreOptions['nameTuning'];
  /** Keep every restored word with its confidence and alternatives on the document (restoreTokens). */
  keepTokens?: boolean;
  /** An archive's adaptation prepared for `model` (`--adapt archive.json`). */
  adaptation?: RestoreOptions['adaptation'];
}

export function restoreStage(doc: WorkingDocument, options: RestoreStageOptions): WorkingDocument {
  const { model } = options;
  if (!model) {
    doc.diagnostics.push({ ruleId: 'restore/no-model', message: 'no restoration model loaded; text left unrestored', severity: 'error' });
    return doc;
  }
  try {
    // Text the Vietnamese model OCR'd is re-read with its learned channel and word confidences.
    // baocao OCRs with the Vietnamese model only, so noisy OCR pages are still its output; text
    // layers of other pages may be English-model OCR, which the detection then decides on.
    const withText = doc.pages.filter((p) => p.lines.some((l) => l.trim() !== ''));
    const fromOcr = withText.some((p) => p.method === 'ocr');
    const asked = options.input ?? 'auto';
    // A text in another language keeps its words: restoration would give them Vietnamese marks.
    const foreign = asked === 'auto' ? notVietnamese(doc.original) : null;
    if (foreign) {
      doc.diagnostics.push({ ruleId: 'restore/not-vietnamese', message: foreign, severity: 'warning' });
      doc.restored = doc.original;
      doc.restoreMode = 'not-vietnamese';
      doc.review = [];
      for (const p of doc.paragraphs) p.restored = p.text;
      return doc;
    }
    const detected = asked === 'auto' && fromOcr ? detectInput(doc.original) : undefined;
    const vieOcr = asked === 'vie-ocr' || detected === 'clean' || (detected === 'ocr' && withText.every((p) => p.method === 'ocr'));
    const confidences = vieOcr && fromOcr ? documentConfidences(doc.pages) : undefined;
    const nameOptions = { names: options.names, nameTuning: options.nameTuning, adaptation: options.adaptation };
    const kind = vieOcr ? 'vie-ocr' : asked === 'auto' ? detected ?? detectInput(doc.original) : asked;
    // The calibration's per-document cut needs every word's confidence first: the words that could
    // be flagged (below the rule's ceiling) are kept until the document is read.
    const rule = options.reviewBelow === undefined ? model.confidence?.reviewRule(kind) : undefined;
    const below = options.reviewBelow ?? reviewThreshold(model, kind);
    const perDocument = rule ? new DocumentReview<ReviewItem>(rule) : undefined;
    const lineStarts = lineIndex(doc.original);
    const review: ReviewItem[] = [];
    // Every token is kept only when asked (baocao restore --json): a 16 MB text has millions.
    const tokens: RestoredToken[] | undefined = options.keepTokens ? [] : undefined;
    const item = (t: RestoredToken): ReviewItem => ({ ...placeOf(lineStarts, t.start), original: t.original, restored: t.restored, confidence: +t.confidence.toFixed(3), alternatives: t.alternatives });
    const whole = restoreInWindows(doc.original, { model, input: vieOcr ? 'vie-ocr' : asked, confidences, ...nameOptions }, (t) => {
      tokens?.push(t);
      if (perDocument) perDocument.push(t.confidence, () => item(t));
      else if (t.confidence < below) review.push(item(t));
    });
    doc.restored = whole.text;
    doc.restoreMode = vieOcr ? 'vie-ocr' : whole.mode;
    doc.review = perDocument ? perDocument.finish() : review;
    if (tokens) doc.restoreTokens = tokens;
    // Paragraphs take their lines' restored text; one whose lines cannot be found again is
    // decoded on its own, in the mode chosen for the whole document.
    const input: RestoreInput = vieOcr ? 'vie-ocr' : whole.mode;
    const fromWhole = paragraphsFromWhole(doc, whole.text);
    doc.paragraphs.forEach((p, i) => {
      if (fromWhole[i] !== undefined) { p.restored = fromWhole[i]; return; }
      const spans = confidences ? paragraphConfidences(doc, p) : undefined;
      p.restored = restoreInWindows(p.text, { model, input, confidences: spans, ...nameOptions }).text;
    });
  } catch (e) {
    doc.diagnostics.push({
      ruleId: 'restore/failed',
      message: `restoration failed: ${e instanceof Error ? e.message : String(e)}`,
      severity: 'error',
    });
  }
  return doc;
}

/** The calibration's threshold for the input kind ('clean' is never calibrated on its own: words there are rarely changed). */
export function reviewThreshold(model: RestoreModel, kind: string): number {
  return model.confidence?.reviewBelow(kind) ?? DEFAULT_REVIEW_BELOW;
}
const DEFAULT_REVIEW_BELOW = 0.6;

/**
 * The review threshold of one document whose words have these confidences: the calibration's
 * per-document cut for the input kind when it has one, else its fixed threshold (what the stage does).
 */
export function documentReviewThreshold(model: RestoreModel, kind: string, confidences: ArrayLike<number>): number {
  const rule = model.confidence?.reviewRule(kind);
  return rule ? documentReviewBelow(confidences, rule) : reviewThreshold(model, kind);
}

/** The OCR words of a paragraph's lines, found in its (re-flowed) text. */
function paragraphConfidences(doc: WorkingDocument, p: WorkingDocument['paragraphs'][number]): WordConfidence[] {
  const page = doc.pages.find((x) => x.number === p.page);
  if (!page || page.method !== 'ocr' || !page.words) return [];
  return locateWords(p.text, page.words.filter((w) => w.line >= p.lineStart && w.line <= p.lineEnd));
}

/** Start offset of every visual line with its 1-based page and line numbers, as typed arrays (an object a line is 300 MB on a text of one-character lines). */
interface LineStarts { offset: Int32Array; page: Int32Array; line: Int32Array }

function lineIndex(text: string): LineStarts {
  // Two passes over the characters: count the breaks, then fill (CRLF is one break).
  const each = (visit: (end: number, formFeed: boolean) => void) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) visit(++i + 1, false);
      else if (c === 10 || c === 13 || c === 12) visit(i + 1, c === 12);
    }
  };
  let n = 1;
  each(() => n++);
  const out: LineStarts = { offset: new Int32Array(n), page: new Int32Array(n), line: new Int32Array(n) };
  out.page[0] = 1;
  out.line[0] = 1;
  let page = 1, line = 1, k = 1;
  each((end, formFeed) => {
    if (formFeed) { page++; line = 1; } else line++;
    out.offset[k] = end;
    out.page[k] = page;
    out.line[k++] = line;
  });
  return out;
}

function placeOf(starts: LineStarts, offset: number): { page: number; line: number } {
  let a = 0, b = starts.offset.length - 1;
  while (a < b) {
    const m = (a + b + 1) >> 1;
    if (starts.offset[m]! <= offset) a = m;
    else b = m - 1;
  }
  return { page: starts.page[a]!, line: starts.line[a]! };
}
