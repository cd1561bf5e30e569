/**
 * A result's JSON text once checked against the schema. A result that fails the check is a bug
 * of ours, not of the input: the document is still written (losing a user's document to our own
 * bug is worse than a field out of schema), with an error diagnostic `internal/schema` that says
 * what did not match, so the batch marks it `partial`.
 *
 * `checkedDocumentJson` checks by the schema's plan and loads zod (schema.ts) only for a result
 * the plan's copier does not take, for zod's verdict and message: a batch worker starts without
 * zod. json.ts's `documentJson` is the same, synchronous, with zod loaded.
 */
import { checkedWithoutZod, type Validation } from '../core/document-result.js';
import type { DocumentResult } from '../core/schema.js';

export type JsonOutput = { ok: true; text: string; result: DocumentResult } | { ok: false; message: string; text: string; result: DocumentResult };

/** The JSON of a result and the verdict of its check (validateDocumentResult's answer). */
export function jsonOfVerdict(result: DocumentResult, checked: Validation): JsonOutput {
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

/** documentJson's answer, with zod loaded only when the plan's copier does not take the result. */
export async function checkedDocumentJson(result: DocumentResult): Promise<JsonOutput> {
  const checked = checkedWithoutZod(result) ?? (await import('../core/schema.js')).validateDocumentResult(result);
  return jsonOfVerdict(result, checked);
}
