/**
 * The header fields as the review page shows them: per field the machine's value, the value in
 * force (the structure read again from the corrected text, with the person's field decisions over
 * it), whether the machine flagged it, where the machine's value came from (a text line, a pen
 * reading of a handwritten blank, an e-signature, an annex, an inference) and the decision in force.
 */
import { restoredLines } from '../core/corrections.js';
import { fieldDecisions, fieldUncertain, fieldValue, HEADER_FIELDS, type FieldCorrection, type HeaderField, type HeaderParts } from '../core/field-corrections.js';
import { hasStructure, type DocumentResult } from '../core/schema.js';

export type FieldSource = 'text' | 'pen' | 'pen+e-signature' | 'e-signature' | 'annex' | 'inferred';

export interface FieldView {
  field: HeaderField;
  /** The machine's reading (the JSON's top level). */
  machine: string | null;
  /** The value every output carries now. */
  value: string | null;
  uncertain: boolean;
  source: FieldSource | null;
  /** The line the machine's value stands on (or the pen reading's blank), when found. */
  line: { page: number; line: number } | null;
  /** The signer's line as OCR read it, when the name was read back against the names model. */
  asRead: string | null;
  decision: { after: string | null; action: FieldCorrection['action']; time: string } | null;
}

export function fieldViews(result: DocumentResult, logged: readonly FieldCorrection[]): { fields: FieldView[]; stale: number } {
  if (!hasStructure(result)) return { fields: [], stale: 0 };
  const machine: HeaderParts = { meta: result.meta, signature: result.signature };
  const now: HeaderParts = result.correctedStructure ?? machine;
  const { kept, stale } = fieldDecisions(result, logged);
  const decided = new Map(kept.map((c) => [c.field, c]));
  const fields = HEADER_FIELDS.map((field): FieldView => {
    const value = fieldValue(machine, field);
    const source = value === null ? null : sourceOf(result, field);
    const c = decided.get(field);
    return {
      field,
      machine: value,
      value: fieldValue(now, field),
      uncertain: fieldUncertain(machine, field),
      source,
      line: source === null ? null : lineOf(result, field, source, value!),
      asRead: field === 'signer' ? result.signature?.nameAsRead ?? null : null,
      decision: c ? { after: c.after, action: c.action, time: c.time } : null,
    };
  });
  return { fields, stale: stale.length };
}

function sourceOf(result: DocumentResult, field: HeaderField): FieldSource {
  const meta = result.meta!;
  if ((meta.completedFrom as string[]).includes(field)) return 'annex';
  const pen = (kinds: string[]) => result.pages.some((p) => p.penFills?.some((f) => kinds.includes(f.field)));
  if (field === 'number') return pen(['number']) ? 'pen' : 'text';
  if (field === 'date') return meta.dateSource ?? (pen(['day', 'month']) ? 'pen' : 'text');
  if (field === 'signer') return result.signature?.signerSource === 'e-signature' ? 'e-signature' : 'text';
  if (field === 'position') return result.signature?.uncertain?.includes('position') ? 'inferred' : 'text';
  return 'text';
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The line holding the value within the block it was read from (the header, or the signature), or the pen reading's blank. */
function lineOf(result: DocumentResult, field: HeaderField, source: FieldSource, value: string): { page: number; line: number } | null {
  if (source === 'pen' || source === 'pen+e-signature') {
    const kinds = field === 'number' ? ['number'] : ['day', 'month'];
    for (const p of result.pages) for (const f of p.penFills ?? []) if (kinds.includes(f.field)) return { page: p.number, line: f.line };
    return null;
  }
  if (source !== 'text') return null;
  const block = field === 'signer' || field === 'position' ? result.signature?.provenance : result.meta?.provenance;
  if (!block) return null;
  const needle = fold(field === 'date' ? result.meta?.dateText ?? value : value);
  if (!needle) return null;
  const lines = restoredLines(result);
  const last = block.end ?? { page: block.page, line: block.lineEnd };
  for (const p of result.pages) {
    if (p.number < block.page || p.number > last.page) continue;
    for (let l = p.number === block.page ? block.lineStart : 1; l <= (p.number === last.page ? last.line : p.lines.length); l++) {
      const text = lines.get(`${p.number}:${l}`)?.text ?? '';
      if (fold(text).includes(needle)) return { page: p.number, line: l };
    }
  }
  return null;
}
