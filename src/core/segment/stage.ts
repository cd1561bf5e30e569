/**
 * Pipeline stage: segments the restored text (falling back to the original) into the Decree-30
 * structure and writes it onto the document with 'segment/…' diagnostics. Never throws.
 */
import type { WorkingDocument } from '../document.js';
import { formFeedPlaceToPage, linesFromDocument, type Provenance } from './lines.js';
import type { Structure } from './schema.js';
import { segmentLines } from './segment.js';
import { flagRedOnly } from './red-lines.js';
import { letterRuns } from './fold.js';
import { walkSections, type Section } from './sections.js';
import type { NameModel } from '../restore/name-model.js';

export interface SegmentStageOptions {
  /** Skip figure extraction (large batches where figures are not wanted). */
  figures?: boolean;
  /** Recognise e-signature boxes drawn on the page (default true; off to measure the change). */
  eSignatures?: boolean;
  /** The personal-name model, to read a signer's name garbled under ink or a stamp (the pipeline passes the restore model's). */
  names?: NameModel;
}

export function segmentStage(doc: WorkingDocument, options: SegmentStageOptions = {}): WorkingDocument {
  try {
    const { lines, from } = linesFromDocument(doc);
    // OCR'd text: pages read here, or text the restorer read as OCR output.
    const fromOcr = doc.pages.some((p) => p.method === 'ocr') || doc.restoreMode === 'ocr' || doc.restoreMode === 'vie-ocr';
    const pen = doc.pages.flatMap((p) => (p.penFills ?? []).map((f) => ({ ...f, page: p.number })));
    const { structure, diagnostics } = segmentLines(lines, { fromOcr, eSignatures: options.eSignatures, pdfSignatures: doc.eSignatures, pen, names: options.names });
    if (options.figures === false) structure.figures = [];
    const red = new Set(doc.pages.flatMap((p, i) => (p.redLines ?? []).map((l) => `${i + 1}:${l}`)));
    diagnostics.push(...flagRedOnly(structure.signature, lines, red));
    rateParagraphs(doc, structure);
    doc.structure = structure;
    doc.structureFrom = from;
    doc.diagnostics.push(...diagnostics);
  } catch (e) {
    doc.diagnostics.push({
      ruleId: 'segment/failed',
      message: `structure parsing failed: ${e instanceof Error ? e.message : String(e)}`,
      severity: 'error',
    });
  }
  return doc;
}

/**
 * A paragraph's confidence is in its text: the share of its words the restorer did not send to
 * review, times the page's OCR confidence when the page was recognised.
 */
function rateParagraphs(doc: WorkingDocument, s: Structure): void {
  // Review places count pages by form feeds; the paragraphs are on the ingested pages.
  const toPage = formFeedPlaceToPage(doc);
  // Review places as sorted keys, so each paragraph counts its own by two binary searches (a
  // filter per paragraph is paragraphs × review items: hours on a 16 MB text).
  const review = (doc.review ?? []).map((r) => toPage(r.page, r.line)).filter((r) => r !== null).map((r) => placeKey(r.page, r.line)).sort((a, b) => a - b);
  const rate = (p: { text: string; provenance: Provenance; confidence?: number }) => {
    const words = letterRuns(p.text);
    const { page, lineStart, lineEnd, end } = p.provenance;
    // A span that runs on past its page takes the rest of that page and the pages up to its end.
    const last = end ? placeKey(end.page, end.line) : placeKey(page, lineEnd);
    const flagged = firstAbove(review, last) - firstAbove(review, placeKey(page, lineStart) - 1);
    const pg = doc.pages[page - 1];
    const ocr = pg?.method === 'ocr' && pg.confidence !== undefined ? pg.confidence / 100 : 1;
    p.confidence = +(ocr * (words ? 1 - Math.min(1, flagged / words) : 1)).toFixed(2);
  };
  const sections = (xs: readonly Section[]) => { for (const { section } of walkSections(xs)) section.paragraphs.forEach(rate); };
  s.preamble.forEach(rate);
  sections(s.sections as Section[]);
  for (const a of s.annexes) sections(a.sections as Section[]);
}

/** A (page, line) place as one number in reading order. */
const placeKey = (page: number, line: number) => page * 2 ** 26 + line;

/** Index of the first key above `key` in sorted `keys`. */
function firstAbove(keys: readonly number[], key: number): number {
  let a = 0, b = keys.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (keys[m]! <= key) a = m + 1;
    else b = m;
  }
  return a;
}
