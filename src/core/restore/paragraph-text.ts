/**
 * Paragraphs' restored text taken from the restoration of the whole document, not decoded again
 * paragraph by paragraph: the whole text carries the document's own evidence (the document
 * cache, name evidence), so "Ngoc Ky" reads the same in the annex as in the body, and nothing is
 * decoded twice. A paragraph is rebuilt from its restored lines as ingest built it from the
 * lines as read; a paragraph that is not exactly its lines as read (joined and normalised), or
 * whose lines cannot be found again, is left to the caller to decode on its own.
 */
import type { WorkingDocument } from '../document.js';
import { joinParts, normaliseParagraphText } from '../paragraphs.js';

/** Each paragraph's restored text, or undefined where it is not its lines of `original`. */
export function paragraphsFromWhole(doc: WorkingDocument, restoredWhole: string): (string | undefined)[] {
  const asRead = linesByPage(doc, doc.original);
  const restored = linesByPage(doc, restoredWhole);
  return doc.paragraphs.map((p) => {
    const read = asRead.get(p.page)?.slice(p.lineStart - 1, p.lineEnd);
    const lines = restored.get(p.page)?.slice(p.lineStart - 1, p.lineEnd);
    // Only a paragraph that is exactly its lines as read, joined, takes their restored text.
    const same = read !== undefined && read.length === p.lineEnd - p.lineStart + 1 && paragraphText(read) === p.text;
    if (!same || !lines || lines.length !== read.length) return undefined;
    return paragraphText(lines);
  });
}

const paragraphText = (lines: string[]) => normaliseParagraphText(joinParts(lines.map((l) => l.trim())));

/** A text's lines per page number (see byPage). */
function linesByPage(doc: WorkingDocument, text: string): Map<number, string[]> {
  return byPage(doc, text.split('\f').map((c) => c.split(/\r\n|\r|\n/)));
}

/**
 * Per-line items of a text, given per form-feed chunk, per page number: a chunk per page, or,
 * when ingest found the pages some other way (page breaks inferred in a text without form
 * feeds), as many lines per page as the document's pages have.
 */
export function byPage<T>(doc: WorkingDocument, chunks: T[][]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  if (chunks.length > 1 || doc.pages.length <= 1) {
    chunks.forEach((lines, i) => out.set(doc.pages[i]?.number ?? i + 1, lines));
    return out;
  }
  let at = 0;
  for (const page of doc.pages) {
    out.set(page.number, chunks[0]!.slice(at, at + page.lines.length));
    at += page.lines.length;
  }
  return out;
}
