/**
 * A document read in part (`--pages 2,5`) keeps its own page numbers in the output. The stages
 * count pages by position (the n-th page of `original`, split on form feeds), so the ingest stage
 * numbers the pages it got 1..k and remembers their real numbers; the last stage puts those back
 * on every place: pages, paragraphs, review items, diagnostics and the structure's provenance.
 */
import type { Diagnostic, Page, WorkingDocument } from './document.js';

/** Pages numbered 1..k and places moved with them; the real numbers, or null when already 1..k. */
export function toPositional(pages: Page[], diagnostics: Diagnostic[]): number[] | null {
  const numbers = pages.map((p) => p.number);
  if (numbers.every((n, i) => n === i + 1)) return null;
  const at = new Map(numbers.map((n, i) => [n, i + 1]));
  pages.forEach((p, i) => { p.number = i + 1; });
  for (const d of diagnostics) if (d.place && at.has(d.place.page)) d.place = { ...d.place, page: at.get(d.place.page)! };
  return numbers;
}

/** Every page place of the document from position back to the document's own number. */
export function renumberPages(doc: WorkingDocument, numbers: readonly number[]): void {
  const real = (page: number) => numbers[page - 1] ?? page;
  // An object reachable twice (a paragraph the structure also holds) is moved once.
  const seen = new WeakSet<object>();
  for (const p of doc.pages) p.number = real(p.number);
  renumberTree([doc.paragraphs, doc.review ?? [], doc.structure ?? {}], real, seen);
  for (const d of doc.diagnostics) if (d.place) d.place = { ...d.place, page: real(d.place.page) };
}

/** Paragraphs, review items and provenance are the only shapes with a `page`: { page, lineStart, lineEnd, end?: { page, line } }. */
function renumberTree(node: unknown, real: (page: number) => number, seen: WeakSet<object>): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) { for (const x of node) renumberTree(x, real, seen); return; }
  const o = node as Record<string, unknown>;
  if (typeof o.page === 'number') o.page = real(o.page);
  for (const v of Object.values(o)) renumberTree(v, real, seen);
}
