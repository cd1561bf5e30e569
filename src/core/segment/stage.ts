/**
 * Pipeline stage: segments the restored text (falling back to the original) into the Decree-30
 * structure and writes it onto the document with 'segment/…' diagnostics. Never throws.
 */
import type { WorkingDocument } from '../document.js';
import { linesFromDocument } from './lines.js';
import { segmentLines } from './segment.js';

export interface SegmentStageOptions {
  /** Skip figure extraction (large batches where figures are not wanted). */
  figures?: boolean;
}

export function segmentStage(doc: WorkingDocument, options: SegmentStageOptions = {}): WorkingDocument {
  try {
    const { lines, from } = linesFromDocument(doc);
    const { structure, diagnostics } = segmentLines(lines);
    if (options.figures === false) structure.figures = [];
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
