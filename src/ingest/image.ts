/**
 * Image input (PNG, JPEG, TIFF with any number of pages, BMP, PNM; WebP, GIF, AVIF as PNG) → OCR'd pages. Pages of a
 * multi-page TIFF are OCR'd concurrently up to the pool size and come back in page order.
 */
import type { Diagnostic, Page } from '../core/document.js';
import { targetDpiFrom } from './ocr/image-resolution.js';
import { ocrPage } from './ocr/page.js';
import { createOcrEngineForFile, ENGINE_UNAVAILABLE } from './ocr/engine.js';
import type { OcrPool } from './ocr/pool.js';
import { selectPages } from './page-ranges.js';
import type { IngestOptions } from './options.js';
import { compressionName, engineReadsCompression, tiffCompression, tiffPageOffsets, tiffSinglePage, tiffTruncation } from './ocr/tiff.js';
import { ocrClock, type OcrClock } from './ocr/ocr-clock.js';
import { noiseStopPages, readsText } from './noise-stop.js';
import { withSignal } from './ocr/with-signal.js';
import { detectImageFormat } from './image-format.js';
import { bmpWithShortHeader } from './ocr/bmp-header.js';

/** The resolution page images are reduced to before OCR (see IngestOptions.ocrDpi). */
export function ocrTargetDpi(ctx: IngestOptions): number {
  return ctx.ocrDpi ?? targetDpiFrom(process.env.BAOCAO_OCR_DPI);
}

export interface IngestResult {
  pages: Page[];
  diagnostics: Diagnostic[];
  /** A PDF's digital signature fields (pdf-signatures.ts), pages counted as in `pages`. */
  eSignatures?: import('../core/segment/e-signatures.js').ESignature[];
}

export { detectImageFormat, type ImageFormat } from './image-format.js';

const FORMAT_NAMES = { webp: 'WebP', gif: 'GIF', avif: 'AVIF' } as const;

/** A WebP, GIF, AVIF or HEIC picture sharp could not decode. */
export function undecodedPicture(format: 'webp' | 'gif' | 'avif' | 'heic'): Diagnostic {
  // HEVC decoding is not in sharp's libvips (its patents): every iPhone photo lands here, so say what to do.
  if (format === 'heic') return { ruleId: 'ingest/image-unsupported', message: "a HEIC photo (as iPhones save them): its HEVC compression cannot be decoded here; save or export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible), then convert that", severity: 'error' };
  return { ruleId: 'ingest/image-corrupt', message: `the ${FORMAT_NAMES[format]} image cannot be decoded`, severity: 'error' };
}

/**
 * A TIFF page the engines cannot read as stored (`compression`), as an uncompressed TIFF with its
 * resolution kept (what straighten.ts hands on: both engines read it at memory speed). Throws,
 * naming the compression, when sharp cannot decode it either: the page fails with that reason.
 */
async function losslessCopy(page: Uint8Array, compression: number): Promise<Uint8Array> {
  try {
    const sharp = (await import('sharp')).default;
    const { density } = await sharp(page, { limitInputPixels: false }).metadata();
    return new Uint8Array(await sharp(page, { limitInputPixels: false }).withMetadata(density ? { density } : {}).tiff({ compression: 'none' }).toBuffer());
  } catch {
    throw new Error(`the page is compressed with ${compressionName(compression)}, which cannot be decoded here: save the scan as a TIFF with LZW, CCITT G4 or JPEG compression, or as PNG`);
  }
}

/**
 * WebP (images saved from the web) and GIF pages, which neither OCR engine is sure to read, as
 * a lossless PNG of their first frame; null when sharp is missing or cannot decode them.
 */
export async function asPng(data: Uint8Array): Promise<Uint8Array | null> {
  try {
    const sharp = (await import('sharp')).default;
    return new Uint8Array(await sharp(data, { limitInputPixels: false }).png({ compressionLevel: 1 }).toBuffer());
  } catch {
    return null;
  }
}

/** A picture's pages as images OCR reads, each made when asked, and its size from the header. */
export interface PageImages { images: (() => Uint8Array | Promise<Uint8Array>)[]; size: { width: number; height: number } | undefined }

/**
 * A picture file as page images, or the error that stops it: WebP, GIF and AVIF as PNG (HEIC said
 * undecodable), too many pixels refused from the header, a TIFF split into its pages (one cut short
 * is damaged as a whole, unless only its first page is wanted: the one Word shows). Shared by image
 * files and the pictures of Word files.
 */
export async function pageImagesOf(data: Uint8Array, firstPageOnly = false): Promise<PageImages | { problem: Diagnostic }> {
  const format = detectImageFormat(data);
  if (!format) return { problem: { ruleId: 'ingest/image-unsupported', message: 'not a PNG, JPEG, TIFF, BMP, PNM, WebP, GIF or AVIF image', severity: 'error' } };
  if (format === 'webp' || format === 'gif' || format === 'avif' || format === 'heic') {
    const png = await asPng(data);
    return png ? pageImagesOf(png, firstPageOnly) : { problem: undecodedPicture(format) };
  }
  const size = await headerSize(data);
  if (size && size.width * size.height > MAX_PAGE_PIXELS) return { problem: tooLarge(size) };
  if (format === 'bmp') return { images: [() => bmpWithShortHeader(data)], size };
  if (format !== 'tiff') return { images: [() => data], size };
  try {
    const cut = firstPageOnly ? null : tiffTruncation(data);
    if (cut) return { problem: { ruleId: 'ingest/image-corrupt', message: `truncated TIFF: ${cut}`, severity: 'error' } };
    const pages = tiffPageOffsets(data);
    if (!pages.length) return { problem: { ruleId: 'ingest/image-corrupt', message: 'a TIFF of no page', severity: 'error' } };
    // A single-page TIFF is read as it is; a page of several is cut out as a TIFF of its own, and
    // one compressed as the engines cannot read it (JPEG, Deflate…) decoded by sharp.
    const single = pages.length === 1 && firstPageOnly;
    const pageOf = (ifd: number) => {
      const page = () => (single ? data : tiffSinglePage(data, ifd));
      const compression = tiffCompression(data, ifd);
      return engineReadsCompression(compression) ? page : () => losslessCopy(page(), compression);
    };
    return { images: (firstPageOnly ? pages.slice(0, 1) : pages).map(pageOf), size };
  } catch (err) {
    return { problem: { ruleId: 'ingest/image-corrupt', message: `unreadable TIFF: ${(err as Error).message}`, severity: 'error' } };
  }
}

export async function ingestImage(data: Uint8Array, ctx: IngestOptions = {}): Promise<IngestResult> {
  const prepared = await pageImagesOf(data);
  if ('problem' in prepared) return { pages: [], diagnostics: [prepared.problem] };
  const { images, size } = prepared;
  const targetDpi = ocrTargetDpi(ctx);
  const selected = selectPages(images.length, ctx.pages);
  if (!selected.numbers.length) return { pages: [], diagnostics: selected.diagnostics };
  const clock = ocrClock(ocrLimitMs(ctx, selected.numbers.length), ctx.signal);
  const read = engineProblem(await withPool(ctx, (pool) => {
    const timed = clock.signal && clock.signal !== ctx.signal ? withSignal(pool, clock.signal) : pool;
    return ocrPagesInOrder(selected.numbers, async (n) => {
      let image: Uint8Array;
      try {
        image = await images[n - 1]!();
      } catch (err) {
        // A page no decoder here reads (a TIFF's compression): said for it, the other pages read.
        return { page: { number: n, lines: [], method: 'ocr' as const }, diagnostics: [{ ruleId: 'ingest/image-unsupported', severity: 'error' as const, message: `page ${n}: ${(err as Error).message}`, place: { page: n, line: 1 } }] };
      }
      return ocrPage(timed, image, n, { targetDpi, narrow: ctx.ocrNarrow, straighten: ctx.straighten });
    }, pool.size, ctx, clock);
  }));
  const result = undecodable(read, size) ?? read;
  return { pages: result.pages, diagnostics: [...selected.diagnostics, ...result.diagnostics] };
}

/** A scan's OCR time limit for `pages` pages to read (IngestOptions.ocrTimeoutMs, ocrTimeoutPerPageMs). */
export function ocrLimitMs(ctx: IngestOptions, pages: number): number | undefined {
  return ctx.ocrTimeoutMs === undefined ? undefined : ctx.ocrTimeoutMs + (ctx.ocrTimeoutPerPageMs ?? 0) * pages;
}

/** What Tesseract says when Leptonica could not decode the page image (a truncated or damaged file). */
const UNDECODABLE = /Error attempting to read image/;
/** …and when it could not allocate it: the image is too large, not damaged. */
const TOO_LARGE = /malloc fail|pixd not made/;

/**
 * The most pixels a page image may have: sharp's own default limit (16,383², about 268 million;
 * an A0 page at 300 dpi is 140 million). A larger one is refused from its header, before any
 * decoding: a 40,000 × 30,000 PNG of 1.2 MB took 29 s and 1.45 GB to fail in Leptonica.
 */
export const MAX_PAGE_PIXELS = 0x3fff * 0x3fff;

/** Width and height from the image's header (the first page of a TIFF), or undefined when sharp cannot say. */
export async function headerSize(data: Uint8Array): Promise<{ width: number; height: number } | undefined> {
  try {
    const sharp = (await import('sharp')).default;
    const { width, height } = await sharp(data, { limitInputPixels: false }).metadata();
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

export function tooLarge(size: { width: number; height: number } | undefined): Diagnostic {
  const pixels = size ? ` (${size.width} × ${size.height} pixels)` : '';
  return { ruleId: 'ingest/image-corrupt', message: `the image is too large to decode in memory${pixels}: scan it again at 300 dpi or less`, severity: 'error' };
}

/**
 * An image none of whose pages could even be decoded is a damaged file: an ingest error (the
 * row's status is 'error'), not a document of empty pages marked 'partial'.
 */
function undecodable(read: IngestResult, size: { width: number; height: number } | undefined): IngestResult | null {
  const failed = read.diagnostics.filter((d) => d.ruleId === 'ocr/page-failed' && UNDECODABLE.test(d.message));
  if (read.pages.length === 0 || failed.length < read.pages.length) return null;
  const detail = failed[0]!.message.replace(/^OCR failed on page \d+: (Error: )?/, '');
  if (TOO_LARGE.test(detail)) return { pages: [], diagnostics: [tooLarge(size)] };
  return { pages: [], diagnostics: [{ ruleId: 'ingest/image-corrupt', message: `the image cannot be decoded (a truncated or damaged file): ${detail}`, severity: 'error' }] };
}

/**
 * Pages failed because the OCR engine asked for cannot run (no tesseract binary): one clear
 * 'ocr/engine-unavailable' error for the file instead of one per page; its pages are kept only
 * when some hold text (a PDF's text layers), so a scan is an error, not a document of empty pages.
 */
export function engineProblem(read: IngestResult): IngestResult {
  const failed = (d: Diagnostic) => d.ruleId === 'ocr/page-failed' && d.severity === 'error' && d.message.includes(ENGINE_UNAVAILABLE);
  const first = read.diagnostics.find(failed);
  if (!first) return read;
  const message = first.message.slice(first.message.indexOf(ENGINE_UNAVAILABLE));
  const pages = read.pages.some((p) => p.lines.length > 0) ? read.pages : [];
  return { pages, diagnostics: [...read.diagnostics.filter((d) => !failed(d)), { ruleId: 'ocr/engine-unavailable', message, severity: 'error' }] };
}

/** Runs `fn` with the caller's pool, or with a pool made (and terminated) for this one file. */
export async function withPool<T>(ctx: IngestOptions, fn: (pool: OcrPool) => Promise<T>): Promise<T> {
  if (ctx.ocr) return fn(ctx.ocr);
  const pool = createOcrEngineForFile({ jobs: ctx.jobs, psm: ctx.psm, engine: ctx.ocrEngine });
  try {
    return await fn(pool);
  } finally {
    await pool.terminate();
  }
}

/**
 * Run `work` for the given page numbers, in order, with at most pool-size (+1 being prepared) pages in flight
 * (and, in a batch, only with one of its page slots), so page images are produced just in time and released
 * as soon as their page is read. With a `clock` (the file's OCR time limit) that runs out, the pages read
 * by then are kept, the others are left empty, and one `ocr/timeout` error says which.
 */
export async function ocrPagesInOrder(
  numbers: readonly number[],
  work: (n: number) => Promise<{ page: Page; diagnostics: Diagnostic[] }>,
  poolSize: number,
  ctx: IngestOptions,
  clock?: OcrClock,
): Promise<IngestResult> {
  const total = numbers.length;
  const results: { page: Page; diagnostics: Diagnostic[] }[] = new Array(total);
  const signal = clock?.signal ?? ctx.signal;
  const noise = noiseWatch(total, ctx.noiseStopPages ?? noiseStopPages());
  let next = 0, done = 0;
  const lane = async (): Promise<void> => {
    while (next < total && !signal?.aborted && !noise.stopped) {
      const i = next++;
      const release = ctx.pageSlot ? await ctx.pageSlot() : undefined;
      const stop = clock?.start();
      try {
        // A page still being read when the time ran out failed for that reason only: left unread.
        if (!signal?.aborted) {
          const r = await work(numbers[i]!);
          if (!clock?.timedOut) results[i] = r, noise.read(i, r.page);
        }
      } finally {
        stop?.();
        release?.();
      }
      ctx.onPage?.(++done, total);
    }
  };
  const lanes = Math.min(total, poolSize + 1);
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    clock?.dispose();
  }
  ctx.signal?.throwIfAborted();
  const unread = numbers.filter((_, i) => !results[i]);
  const pages = numbers.map((n, i) => results[i]?.page ?? { number: n, lines: [], method: 'ocr' as const });
  const diagnostics = numbers.flatMap((_, i) => results[i]?.diagnostics ?? []);
  const stopped = clock?.timedOut ? ocrTimedOut(clock, unread, total) : noise.stopped ? noiseStopped(noise.judged, total, unread) : null;
  if (!stopped || !unread.length) return { pages, diagnostics };
  diagnostics.push(stopped);
  // Nothing read holds text: the file failed (an error row), not a document of empty pages.
  const text = pages.some((p) => p.lines.some((l) => l.trim() !== ''));
  return { pages: text ? pages : [], diagnostics };
}

/**
 * Whether the first `judged` pages of a file of `total` all read no text (noise-stop.ts): the
 * pages are judged as they are read, whatever order they finish in; one reading text ends the watch.
 */
function noiseWatch(total: number, judged: number): { stopped: boolean; judged: number; read: (i: number, page: Page) => void } {
  const watch = { stopped: false, judged, read: (_i: number, _p: Page) => undefined as void };
  // A file of no more pages than are judged is read whole: nothing to save.
  if (judged <= 0 || total <= judged) return watch;
  let empty = 0, over = false;
  watch.read = (i, page) => {
    if (over || i >= judged) return;
    if (readsText(page)) over = true;
    else if (++empty === judged) watch.stopped = true;
  };
  return watch;
}

/** `unread`: the page numbers left. */
function noiseStopped(judged: number, total: number, unread: number[]): Diagnostic {
  const list = unread.length > 12 ? `${unread.slice(0, 12).join(', ')} … (${unread.length} pages)` : unread.join(', ');
  return { ruleId: 'ocr/noise-stopped', message: `the first ${judged} pages read no text (noise, or blank): OCR of the file was stopped there, pages ${list} of ${total} left unread; --no-noise-stop (BAOCAO_NOISE_STOP=0) reads every page`, severity: 'error', place: { page: unread[0]!, line: 1 } };
}

function ocrTimedOut(clock: OcrClock, unread: number[], total: number): Diagnostic {
  const list = unread.length > 12 ? `${unread.slice(0, 12).join(', ')} … (${unread.length} pages)` : unread.join(', ');
  const left = unread.length === total ? (total > 1 ? `none of its ${total} pages was read` : 'its page was not read') : `page${unread.length > 1 ? 's' : ''} ${list} of ${total} left unread`;
  return { ruleId: 'ocr/timeout', message: `OCR of the file took longer than its ${clock.said} time limit (--timeout): it was stopped, and ${left}`, severity: 'error', place: { page: unread[0]!, line: 1 } };
}
