/**
 * JSON output: a result is validated against the schema before it becomes text, so no invalid
 * JSON file is ever written (the caller writes the returned text atomically).
 */
import { validateDocumentResult, type DocumentResult } from '../core/schema.js';

export type JsonOutput = { ok: true; text: string } | { ok: false; message: string };

export function documentJson(result: DocumentResult): JsonOutput {
  const checked = validateDocumentResult(result);
  if (!checked.ok) return checked;
  return { ok: true, text: JSON.stringify(checked.value, null, 2) + '\n' };
}
