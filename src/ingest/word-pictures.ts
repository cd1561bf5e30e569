/**
 * A Word file with no text but pictures (scanned pages pasted into Word, one a page, as offices
 * keep signed letters): the pictures are read as the pages of one scan, in the order they stand in
 * the body. One file as a TIFF's pages are: read concurrently on the pool, under one OCR time limit
 * for the file (its own plus the per-page allowance) and one noise watch, so 300 pictures of noise
 * stop after the first ten as a 300-page TIFF of noise does. `--pages` picks pictures by number.
 */
import type { Diagnostic } from '../core/document.js';
import { detectImageFormat, undecodedPicture, engineProblem, MAX_PAGE_PIXELS, ocrLimitMs, ocrPagesInOrder, ocrTargetDpi, pageImagesOf, withPool, type IngestResult } from './image.js';
import { ocrPage } from './ocr/page.js';
import { ocrClock } from './ocr/ocr-clock.js';
import { withSignal } from './ocr/with-signal.js';
import type { IngestOptions } from './options.js';
import { selectPages } from './page-ranges.js';
import { readsText } from './noise-stop.js';

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
 * The picture as one page image for OCR (image.ts pageImagesOf: a TIFF's first page, the one Word
 * shows). A picture that cannot be read is a warning for its page: the document's other pictures
 * are still read.
 */
async function pageImage(data: Uint8Array, n: number): Promise<{ image: Uint8Array } | { problem: Diagnostic }> {
  const problem = (said: string) => ({ problem: { ruleId: 'ingest/word-picture-unreadable', message: `picture ${n}: ${said}: left unread`, severity: 'warning' as const, place: { page: n, line: 1 } } });
  const prepared = await pageImagesOf(data, true);
  if ('problem' in prepared) return problem(detectImageFormat(data) ? prepared.problem.message : 'not a picture OCR can read (a metafile or an unknown format)');
  try {
    return { image: await prepared.images[0]!() };
  } catch (err) {
    return problem((err as Error).message);
  }
}

/**
 * A picture smaller than this (pixels a side, pixels in all) cannot be a page scanned to be read: a
 * web copy of a letter is ~576 × 960, A4 at 100 dpi 827 × 1169. A page is at most this much longer
 * than it is wide (A4 1.41, a long receipt-like strip 2): a signature line or a banner is longer.
 */
const PAGE_MIN_SIDE = 500;
const PAGE_MIN_PIXELS = 400_000;
const PAGE_MAX_ASPECT = 2.2;
/** Brightness (0–255) of the paper at least, and the share of the picture it covers at least. */
const PAPER_MIN_LEVEL = 150;
const PAPER_MIN_SHARE = 0.55;
/** Ink darker than the paper by this much covers a share of the picture between these. */
const INK_BELOW_PAPER = 60;
const INK_SHARES = [0.002, 0.35] as const;

/**
 * Whether a picture of a Word file that has text looks like a scanned page (an annex, a signed
 * letter pasted into a report) rather than a logo, a signature or a photo: large, and mostly paper
 * of one light level with some dark ink on it. A photo spreads over every level; a logo or a
 * signature is small. Judged on a 256-pixel greyscale copy, so it costs a decode, not an OCR.
 */
export async function looksLikeScannedPage(data: Uint8Array): Promise<boolean> {
  try {
    const sharp = (await import('sharp')).default;
    const { width, height } = await sharp(data, { limitInputPixels: false }).metadata();
    if (!width || !height || Math.min(width, height) < PAGE_MIN_SIDE || width * height < PAGE_MIN_PIXELS || width * height > MAX_PAGE_PIXELS) return false;
    if (Math.max(width, height) / Math.min(width, height) > PAGE_MAX_ASPECT) return false;
    const grey = await sharp(data, { limitInputPixels: false }).flatten({ background: '#ffffff' }).greyscale().resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    const levels = new Uint32Array(256);
    for (const v of grey) levels[v]!++;
    // The paper's level: the most common one in a 32-level window.
    let paper = 0, best = -1, window = 0;
    for (let v = 0; v < 256; v++) {
      window += levels[v]! - (v >= 32 ? levels[v - 32]! : 0);
      if (v >= 31 && window > best) best = window, paper = v - 16;
    }
    let ink = 0;
    for (let v = 0; v < paper - INK_BELOW_PAPER; v++) ink += levels[v]!;
    const n = grey.length;
    return paper >= PAPER_MIN_LEVEL && best / n >= PAPER_MIN_SHARE && ink / n >= INK_SHARES[0] && ink / n <= INK_SHARES[1];
  } catch {
    return false;
  }
}

/**
 * The pictures of a Word file that has text: those that look like scanned pages are read by OCR as
 * one scan is, and each that reads text becomes a page numbered after the text's `textPages` pages
 * (`pictureOf`: which picture, 1-based; word/place-pictures.ts puts them where they stand). The document's own text stays whatever the
 * pictures do: their problems (time limit, noise, a page OCR failed) are warnings, not errors.
 * `--pages` is not applied: a Word file's text is read whole, and so are its pictures.
 */
export async function ingestPicturesBesideText(pictures: readonly Uint8Array[], ctx: IngestOptions, textPages: number): Promise<IngestResult & { pageLike: number; pictureOf: number[] }> {
  const pageLike: number[] = [];
  // A HEIC photo cannot be decoded to be judged (undecodedPicture): said, as it may be a photographed page.
  const undecoded: Diagnostic[] = [];
  for (let i = 0; i < pictures.length && !ctx.signal?.aborted; i++) {
    if (detectImageFormat(pictures[i]!) === 'heic') undecoded.push({ ruleId: 'ingest/word-picture-unreadable', severity: 'warning', message: `picture ${i + 1} of the Word document: ${undecodedPicture('heic').message}; left unread` });
    else if (await looksLikeScannedPage(pictures[i]!)) pageLike.push(i + 1);
  }
  if (!pageLike.length) return { pages: [], diagnostics: undecoded, pageLike: 0, pictureOf: [] };
  const read = await ingestWordPictures(pageLike.map((n) => pictures[n - 1]!), { ...ctx, pages: undefined });
  // Reading k (1-based) is picture pageLike[k - 1]; it becomes a page only when it reads text.
  const numberOf = new Map<number, number>();
  const pictureOf: number[] = [];
  const pages = read.pages.filter((p) => readsText(p)).map((p, i) => {
    numberOf.set(p.number, textPages + i + 1);
    pictureOf.push(pageLike[p.number - 1]!);
    return { ...p, number: textPages + i + 1 };
  });
  const diagnostics = read.diagnostics.map((d): Diagnostic => {
    const severity = d.severity === 'error' ? 'warning' : d.severity;
    const k = d.place?.page;
    if (k === undefined) return { ...d, severity, message: `pictures of the Word document: ${d.message}` };
    const page = numberOf.get(k);
    if (page !== undefined) return { ...d, severity, place: { ...d.place!, page } };
    const { place: _place, ...rest } = d;
    return { ...rest, severity, message: `picture ${pageLike[k - 1]} of the Word document: ${d.message}` };
  });
  return { pages, diagnostics: [...undecoded, ...diagnostics], pageLike: pageLike.length, pictureOf };
}
