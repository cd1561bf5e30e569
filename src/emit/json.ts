/**
 * JSON output: a result is validated against the schema before it becomes text (json-checked.ts
 * says what happens to one that fails). This synchronous form loads zod with schema.ts; the batch
 * uses `checkedDocumentJson`, which loads it only when needed.
 */
import { validateDocumentResult, type DocumentResult } from '../core/schema.js';
import { jsonOfVerdict, type JsonOutput } from './json-checked.js';

export type { JsonOutput } from './json-checked.js';

export function documentJson(result: DocumentResult): JsonOutput {
  return jsonOfVerdict(result, validateDocumentResult(result));
}
