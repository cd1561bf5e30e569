/**
 * `<name>.txt`: the document's text as one UTF-8 file, no byte order mark — `text.restored` exactly
 * (pages joined by form feeds, as in the JSON), or `text.original` when restoration did not run, so
 * a document is never left without its text.
 */
import type { DocumentResult } from '../core/schema.js';

/** The text a person reads: restored when there is a restoration, else what was read. */
export function documentText(result: DocumentResult): string {
  return result.text.restored ?? result.text.original;
}

export function documentTxt(result: DocumentResult): Uint8Array {
  return new TextEncoder().encode(documentText(result));
}
