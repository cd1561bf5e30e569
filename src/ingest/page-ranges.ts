/**
 * Page selections as `--pages 1-3,6,9-` gives them: pages counted from 1 in the document's own
 * order. A selection past the document's end is a diagnostic, never a crash: a warning when some
 * asked-for pages exist, an error when none does (nothing would be read).
 */
import type { Diagnostic } from '../core/document.js';

export interface PageRange { from: number; to: number }

/** "1-3,6,9-" → ranges (an open end reads to the last page); throws a sentence on bad syntax. */
export function parsePageRanges(text: string): PageRange[] {
  const ranges = text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?$/.exec(part);
    if (!m) throw new Error(`'${part.trim()}' is not a page or a range: write pages like 1-3,6 or 9- (to the end)`);
    const from = Number(m[1]);
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    if (from < 1) throw new Error('pages are counted from 1');
    if (to < from) throw new Error(`the range ${part.trim()} runs backwards: write ${to}-${from}`);
    return { from, to };
  });
  return ranges;
}

/** The page numbers to read, in document order and each once, of a document of `total` pages. */
export function selectPages(total: number, ranges: readonly PageRange[] | undefined): { numbers: number[]; diagnostics: Diagnostic[] } {
  if (!ranges?.length) return { numbers: Array.from({ length: total }, (_, i) => i + 1), diagnostics: [] };
  const chosen = new Set<number>();
  const past: string[] = [];
  for (const { from, to } of ranges) {
    for (let n = from; n <= Math.min(to, total); n++) chosen.add(n);
    if (from > total || (to !== Infinity && to > total)) past.push(from === to ? `${from}` : `${from}-${to === Infinity ? '' : to}`);
  }
  const numbers = [...chosen].sort((a, b) => a - b);
  const diagnostics: Diagnostic[] = [];
  if (past.length) {
    const pages = `${total} page${total === 1 ? '' : 's'}`;
    diagnostics.push(numbers.length
      ? { ruleId: 'ingest/pages-out-of-range', severity: 'warning', message: `pages ${past.join(', ')} asked for, but the document has ${pages}; the pages that exist were read` }
      : { ruleId: 'ingest/pages-out-of-range', severity: 'error', message: `none of the pages asked for (${past.join(', ')}) exists: the document has ${pages}` });
  }
  return { numbers, diagnostics };
}
