/**
 * JSON output: a result is validated against the schema before it becomes text. A result that
 * fails the check is a bug of ours, not of the input: the document is still written (losing a
 * user's document to our own bug is worse than a field out of schema), with an error diagnostic
 * `internal/schema` that says what did not match, so the batch marks it `partial`.
 */
import { validateDocumentResult, type DocumentResult } from '../core/schema.js';

export type JsonOutput = { ok: true; text: string; result: DocumentResult } | { ok: false; message: string; text: string; result: DocumentResult };

export function documentJson(result: DocumentResult): JsonOutput {
  const checked = validateDocumentResult(result);
  if (checked.ok) return { ok: true, text: JSON.stringify(checked.value, null, 2) + '\n', result: checked.value };
  const reported: DocumentResult = {
    ...result,
    diagnostics: [...result.diagnostics, {
      ruleId: 'internal/schema',
      message: `${checked.message} (a bug in baocao: please report it with this file; the document is written as read)`,
      severity: 'error',
      place: { page: 1, line: 1 },
    }],
  };
  return { ok: false, message: checked.message, text: JSON.stringify(reported, null, 2) + '\n', result: reported };
}
