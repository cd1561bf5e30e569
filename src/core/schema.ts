/**
 * The output contract: every JSON file baocao writes is a `DocumentResult`, validated right before
 * it is written. The zod schemas are in output-schema.ts, the values that need no zod in
 * document-result.ts and schema-constants.ts (a batch worker imports those and loads no zod);
 * this module gathers them with the check that falls back to zod.
 */
import { DocumentResultSchema } from './output-schema.js';
import { checkedWithoutZod, presenceVerdict, type Validation } from './document-result.js';
import { SCHEMA_VERSION } from './schema-constants.js';

export * from './output-schema.js';
export { hasStructure, isRestored, structureFields, toDocumentResult, type RestoredResult, type StructuredResult, type Validation } from './document-result.js';
export { HEADER_FIELDS, SCHEMA_VERSION } from './schema-constants.js';

/** Validate a result; the message names the first failing paths, for a diagnostic or stderr. */
export function validateDocumentResult(value: unknown): Validation {
  // The copy zod would make, made without zod (by the schema's plan) when the value is one schema-exact.ts mirrors.
  const quick = checkedWithoutZod(value);
  if (quick) return quick;
  const parsed = DocumentResultSchema.safeParse(value);
  if (parsed.success) return presenceVerdict(parsed.data);
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, message: `output does not match schema ${SCHEMA_VERSION}: ${issues.join('; ')}` };
}
