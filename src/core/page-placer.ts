import type { WorkingDocument } from './document.js';

/**
 * Places counted over `original` (pages split on form feeds only) → places in doc.pages, which
 * differ when ingest inferred page breaks from blank-line runs. Made once per document: a page
 * walk per place is review items × pages on a long text.
 */
export function pagePlacer(doc: WorkingDocument): (page: number, line: number) => { page: number; line: number } {
  if (doc.original.includes('\f') || doc.pages.length <= 1) return (page, line) => ({ page, line });
  const firsts: number[] = []; // line number, counted over the whole text, before each page
  let at = 0;
  for (const p of doc.pages) { firsts.push(at); at += p.lines.length; }
  return (page, line) => {
    if (page !== 1 || line > at) return { page, line };
    let a = 0, b = firsts.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (firsts[m]! < line) a = m;
      else b = m - 1;
    }
    return { page: doc.pages[a]!.number, line: line - firsts[a]! };
  };
}
