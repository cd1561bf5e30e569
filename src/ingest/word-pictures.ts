/**
 * A Word file with no text but pictures (scanned pages pasted into Word, one a page, as offices
 * keep signed letters): each picture is read as a scan is (straightened, OCR'd through the same
 * pool and engine), as a page of its own, in the order the pictures stand in the body. `--pages`
 * picks pictures by that number.
 */
import type { Diagnostic, Page } from '../core/document.js';
import { ingestImage, withPool, type IngestResult } from './image.js';
import type { IngestOptions } from './options.js';
import { selectPages } from './page-ranges.js';

export async function ingestWordPictures(pictures: readonly Uint8Array[], ctx: IngestOptions): Promise<IngestResult> {
  const selected = selectPages(pictures.length, ctx.pages);
  const pages: Page[] = [];
  const diagnostics: Diagnostic[] = [...selected.diagnostics];
  if (!selected.numbers.length) return { pages, diagnostics };
  await withPool(ctx, async (pool) => {
    for (const n of selected.numbers) {
      if (ctx.signal?.aborted) break;
      // Each picture a scan of one page: its own page selection would be the picture's, not the document's.
      const read = await ingestImage(pictures[n - 1]!, { ...ctx, ocr: pool, pages: undefined });
      for (const page of read.pages) pages.push({ ...page, number: n });
      for (const d of read.diagnostics) diagnostics.push(d.place ? { ...d, place: { ...d.place, page: n } } : { ...d, message: `picture ${n}: ${d.message}` });
    }
  });
  return { pages, diagnostics };
}
