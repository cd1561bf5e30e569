/**
 * `<name>.txt`: the document's text as one UTF-8 file, no byte order mark — `text.restored` exactly
 * (pages joined by form feeds, as in the JSON), or `text.original` when restoration did not run, so
 * a document is never left without its text. A document with e-signatures (`meta.eSignatures`)
 * gets them as a note, "[Chữ ký số]" and one line each, after its signature block
 * (e-signature-text.ts), and notes a PDF carried on its pages at the end (annotation-text.ts):
 * the only text the txt adds to what was read.
 */
import type { DocumentResult } from '../core/schema.js';
import { notesText } from './annotation-text.js';
import { E_SIGNATURES_TITLE, eSignatureAnchor, eSignatureLines, type Place } from './e-signature-text.js';

/** The text a person reads: restored when there is a restoration, else what was read. */
export function documentText(result: DocumentResult): string {
  return result.text.restored ?? result.text.original;
}

export function documentTxt(result: DocumentResult): Uint8Array {
  return new TextEncoder().encode(shownText(result));
}

/**
 * The text with its e-signatures noted after the signature block and the PDF's notes
 * (pages[].annotations) at the end (what the txt and a typeset PDF show).
 */
export function shownText(result: DocumentResult): string {
  const notes = notesText(result);
  const text = withESignatures(result);
  return notes ? `${text.replace(/\s+$/u, '')}\n\n${notes}\n` : text;
}

function withESignatures(result: DocumentResult): string {
  const text = documentText(result);
  const signed = eSignatureLines(result);
  if (!signed.length) return text;
  const note = [`[${E_SIGNATURES_TITLE}]`, ...signed].join('\n');
  const at = lineEnd(result, text, eSignatureAnchor(result));
  if (at === null) return `${text.replace(/\s+$/u, '')}\n\n${note}\n`;
  return at < 0 ? `${note}\n\n${text}` : `${text.slice(0, at)}\n\n${note}\n${text.slice(at)}`;
}

/**
 * Offset of the end of the line at `place` (before its line break or form feed), lines counted over
 * the pages' line counts as every place of the JSON is; -1 for line 0 of the first page (before
 * everything), null for the end of the text.
 */
function lineEnd(result: DocumentResult, text: string, place: Place | null): number | null {
  if (!place) return null;
  let index = 0;
  for (const page of result.pages) {
    if (page.number === place.page) break;
    index += page.lines.length;
  }
  index += place.line - 1;
  if (index < 0) return -1;
  let line = 0;
  for (const m of text.matchAll(/\r\n|\r|\n|\f/g)) if (line++ === index) return m.index!;
  return null;
}
