/**
 * A Word file with no text but pictures (scanned pages pasted into Word, one a page, as offices
 * keep signed letters): the pictures are read as the pages of one scan, in the order they stand in
 * the body. One file as a TIFF's pages are: read concurrently on the pool, under one OCR time limit
 * for the file (its own plus the per-page allowance) and one noise watch, so 300 pictures of noise
 * stop after the first ten as a 300-page TIFF of noise does. `--pages` picks pictures by number.
 */
import type { Diagnostic } from '../core/document.js';
import { asPng, detectImageFormat, engineProblem, headerSize, MAX_PAGE_PIXELS, ocrLimitMs, ocrPagesInOrder, ocrTargetDpi, tooLarge, withPool, type IngestResult } from './image.js';
import { ocrPage } from './ocr/page.js';
import { ocrClock } from './ocr/ocr-clock.js';
import { withSignal } from './ocr/with-signal.js';
import { isTiff, tiffPageOffsets, tiffSinglePage } from './ocr/tiff.js';
import type { IngestOptions } from './options.js';
import { selectPages } from './page-ranges.js';

export async function ingestWordPictures(pictures: readonly Uint8Array[], ctx: IngestOptions): Promise<IngestResult> {
  const selected = selectPages(pictures.length, ctx.pages);
  if (!selected.numbers.length) return { pages: [], diagnostics: selected.diagnostics };
  const targetDpi = ocrTargetDpi(ctx);
  const clock = ocrClock(ocrLimitMs(ctx, selected.numbers.length), ctx.signal);
  const read = engineProblem(await withPool(ctx, (pool) => {
    const timed = clock.signal && clock.signal !== ctx.signal ? withSignal(pool, clock.signal) : pool;
    return ocrPagesInOrder(selected.numbers, async (n) => {
      const picture = await pageImage(pictures[n - 1]!, n);
      if ('problem' in picture) return { page: { number: n, lines: [], method: 'ocr' as const }, diagnostics: [picture.problem] };
      return ocrPage(timed, picture.image, n, { targetDpi, narrow: ctx.ocrNarrow, straighten: ctx.straighten });
    }, pool.size, ctx, clock);
  }));
  return { pages: read.pages, diagnostics: [...selected.diagnostics, ...read.diagnostics] };
}

/**
 * The picture as one page image for OCR: WebP and GIF as PNG, a TIFF's first page (the one Word
 * shows), too large a picture refused from its header. A picture that cannot be read is a warning
 * for its page: the document's other pictures are still read.
 */
async function pageImage(data: Uint8Array, n: number): Promise<{ image: Uint8Array } | { problem: Diagnostic }> {
  const problem = (message: string): { problem: Diagnostic } => ({ problem: { ruleId: 'ingest/word-picture-unreadable', message: `picture ${n}: ${message}`, severity: 'warning', place: { page: n, line: 1 } } });
  const format = detectImageFormat(data);
  if (!format) return problem('not a picture OCR can read (a metafile or an unknown format): left unread');
  let image = data;
  if (format === 'webp' || format === 'gif') {
    const png = await asPng(data);
    if (!png) return problem(`the ${format === 'webp' ? 'WebP' : 'GIF'} picture cannot be decoded: left unread`);
    image = png;
  }
  const size = await headerSize(image);
  if (size && size.width * size.height > MAX_PAGE_PIXELS) return problem(`${tooLarge(size).message}: left unread`);
  if (isTiff(image)) {
    try {
      const pages = tiffPageOffsets(image);
      if (!pages.length) return problem('a TIFF of no page: left unread');
      if (pages.length > 1) image = tiffSinglePage(image, pages[0]!);
    } catch (err) {
      return problem(`unreadable TIFF (${(err as Error).message}): left unread`);
    }
  }
  return { image };
}
