/**
 * The output's values that need no zod: a working document made into its JSON shape, the
 * all-or-none rules, and the check of a result by the schema's plan (schema-plans.ts, made from
 * the zod schemas of output-schema.ts). schema.ts re-exports all of it beside the zod schemas;
 * the batch worker and the pipeline import it from here, so a worker thread starts without
 * loading zod (391 KB of code to compile per thread) and loads it only for a result the plan's
 * copier does not take (zod then says what is wrong).
 */
import type { WorkingDocument } from './document.js';
import type { DocumentResult } from './output-schema.js';
import { FAIL, planCopier, type ExactCopy } from './schema-exact.js';
import { DOCUMENT_RESULT_PLAN, STRUCTURE_KEYS } from './schema-plans.js';
import { SCHEMA_VERSION } from './schema-constants.js';

/*
 * `review` and the structure fields are optional in the JSON because they are absent when their
 * stage did not run (--no-restore, no model, --no-segment, nothing read). They are never absent
 * otherwise: the restore stage sets text.restored, restoreMode and review together, the segment
 * stage every structure field and structureFrom together. These types and guards say so, and
 * validateDocumentResult refuses a result that breaks it.
 */
type StructureKey = (typeof STRUCTURE_KEYS)[number];

/** A result whose text was restored: `text.restored` is a string, `review` and `restoreMode` are there. */
export type RestoredResult = DocumentResult & { text: DocumentResult['text'] & { restored: string }; review: NonNullable<DocumentResult['review']>; restoreMode: string };
/** A result whose structure was read: meta, preamble, sections, closing, signature, recipients, annexes, figures and structureFrom are there (closing, signature and recipientsInfo may be null). */
export type StructuredResult = DocumentResult & Required<Pick<DocumentResult, StructureKey | 'structureFrom'>>;

export function isRestored(r: DocumentResult): r is RestoredResult {
  return r.text.restored !== null && r.review !== undefined && r.restoreMode !== undefined;
}

export function hasStructure(r: DocumentResult): r is StructuredResult {
  return r.meta !== undefined;
}

/** What breaks the all-or-none rules above, or null. */
function presenceProblem(r: DocumentResult): string | null {
  const restoredParts = [r.text.restored !== null, r.review !== undefined, r.restoreMode !== undefined];
  if (restoredParts.some(Boolean) && !restoredParts.every(Boolean)) return 'text.restored, review and restoreMode: all three or none';
  const present = [...STRUCTURE_KEYS, 'structureFrom' as const].filter((k) => r[k] !== undefined);
  if (present.length && present.length !== STRUCTURE_KEYS.length + 1) return `the structure fields and structureFrom: all or none (only ${present.join(', ')})`;
  return null;
}

/** The JSON shape of a working document (before validation). */
export function toDocumentResult(doc: WorkingDocument): DocumentResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { ...doc.source },
    text: { original: doc.original, restored: doc.restored ?? null },
    ...(doc.restoreMode !== undefined ? { restoreMode: doc.restoreMode } : {}),
    pages: doc.pages.map((p) => ({
      number: p.number,
      method: p.method,
      lines: p.lines,
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
      ...(p.words !== undefined ? { words: p.words } : {}),
      ...(p.ocrEngine !== undefined ? { ocrEngine: p.ocrEngine } : {}),
      ...(p.turn !== undefined ? { turn: p.turn } : {}),
      ...(p.penFills?.length ? { penFills: p.penFills } : {}),
      ...(p.penValues?.length ? { penValues: p.penValues } : {}),
      ...(p.annotations?.length ? { annotations: p.annotations } : {}),
      ...(p.marginLines?.length ? { marginLines: p.marginLines } : {}),
      ...(p.redLines?.length ? { redLines: p.redLines } : {}),
      ...(p.inkWords?.length ? { inkWords: p.inkWords } : {}),
    })),
    paragraphs: doc.paragraphs.map((p) => ({
      text: p.text,
      ...(p.restored !== undefined ? { restored: p.restored } : {}),
      page: p.page,
      lineStart: p.lineStart,
      lineEnd: p.lineEnd,
    })),
    ...(doc.review !== undefined ? { review: doc.review } : {}),
    ...structureFields(doc),
    diagnostics: doc.diagnostics,
  } as DocumentResult;
}

/** The structure fields and structureFrom of a working document as the JSON holds them; none when the segment stage did not run. */
export function structureFields(doc: WorkingDocument): Record<string, unknown> {
  if (!doc.structure) return {};
  const out: Record<string, unknown> = {};
  if (doc.structureFrom !== undefined) out.structureFrom = doc.structureFrom;
  const fields = doc.structure as unknown as Record<string, unknown>;
  for (const key of STRUCTURE_KEYS) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

export type Validation = { ok: true; value: DocumentResult } | { ok: false; message: string };

let copyDocument: ExactCopy | undefined;

/**
 * The check of a result without zod: the copy zod's parse would make and the all-or-none rules,
 * or null when the plan's copier does not take the value (then only zod can say what is wrong:
 * validateDocumentResult in schema.ts).
 */
export function checkedWithoutZod(value: unknown): Validation | null {
  copyDocument ??= planCopier(DOCUMENT_RESULT_PLAN);
  const copy = copyDocument(value);
  return copy === FAIL ? null : presenceVerdict(copy as DocumentResult);
}

/** The verdict on a result zod's parse (or its copier) took. */
export function presenceVerdict(parsed: DocumentResult): Validation {
  const problem = presenceProblem(parsed);
  return problem ? { ok: false, message: `output does not match schema ${SCHEMA_VERSION}: ${problem}` } : { ok: true, value: parsed };
}
