/**
 * PDF input, page by page: the text layer when it is usable (method 'pdf-text', NFC), otherwise
 * the page image OCR'd (method 'ocr'). A text layer lying over the page scan (a scanner's own OCR)
 * is taken only when it reads as Vietnamese (text-layer-trust.ts) and agrees with OCR of a band of
 * the image (text-layer-strip.ts; ctx.ocrMode: auto, force, never). Mixed PDFs therefore come out page by page. Pages are
 * extracted just in time and OCR'd concurrently up to the pool size, so a 300-page scan never
 * holds more than a few page images. A corrupt PDF gives an 'ingest/pdf-corrupt' error.
 */
import type { Diagnostic, Page, PageAnnotation } from '../core/document.js';
import { contains } from '../core/source-kind.js';
import { engineProblem, ocrLimitMs, ocrPagesInOrder, ocrTargetDpi, type IngestResult } from './image.js';
import { ocrClock, type OcrClock } from './ocr/ocr-clock.js';
import { withSignal } from './ocr/with-signal.js';
import type { IngestOptions } from './options.js';
import { createOcrEngineForFile } from './ocr/engine.js';
import { ocrPage } from './ocr/page.js';
import type { OcrPool } from './ocr/pool.js';
import { PdfTimeoutError, ThreadPdfSource } from './ocr/pdf-thread-source.js';
import type { PdfNotes } from './ocr/pdf-thread-protocol.js';
import { selectPages } from './page-ranges.js';
import { layerDisagreesWithImage } from './text-layer-strip.js';
import { isOcrMode, judgeTextLayer, OCR_MODES, type OcrMode, type TextLayerVerdict } from './text-layer-trust.js';

type PageImage = Awaited<ReturnType<ThreadPdfSource['image']>>;

export type { IngestResult } from './image.js';
export type { IngestOptions } from './options.js';

/** Fewer letters than this on a page means "no text layer" (page numbers, stray marks). */
const MIN_TEXT_LETTERS = 16;
/** A text layer with more than this share of unmappable glyphs is font garbage, not text. */
const MAX_GARBAGE_SHARE = 0.05;

export function textLayerLines(raw: string): string[] {
  const lines = raw.normalize('NFC').replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t]+$/u, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return lines;
}

/** Whether a page's text layer can be trusted instead of OCR. */
export function isUsableTextLayer(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_TEXT_LETTERS) return false;
  const garbage = text.match(/[\uFFFD\p{Co}\p{Cc}]/gu)?.filter((c) => c !== '\n' && c !== '\t' && c !== '\r').length ?? 0;
  return garbage / text.length <= MAX_GARBAGE_SHARE;
}

const PDF_HEADER = new TextEncoder().encode('%PDF-');

/**
 * What a file named .pdf holds when it has no PDF header in its first KiB (where readers look for
 * it): a web page (a download that saved the site's error page) or text; null when it has one.
 */
function notPdf(data: Uint8Array): string | null {
  if (contains(data.subarray(0, 1024), PDF_HEADER)) return null;
  const start = data.subarray(0, 65536);
  let text: string | null = null;
  try {
    // stream: a letter cut at 64 KiB waits for bytes that never come instead of failing.
    text = start.includes(0) ? null : new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
  } catch {
    text = null; // not UTF-8: the reader's own message stays
  }
  if (text !== null && /^\uFEFF?\s*<(!doctype html|html)[\s>]/i.test(text)) return 'not a PDF: no %PDF- header; it is a web page (HTML), perhaps an error page saved under a .pdf name';
  if (text !== null && text.trim()) return 'not a PDF: no %PDF- header; it is text: rename it .txt to convert it';
  return null;
}

/** `/Root` followed by what pdf.js accepts as the catalog: a reference (`1 0 R`) or a dictionary; PDF white space and comments between. */
const ROOT_ENTRY = /^\/Root(?:[\0\t\n\f\r ]|%[^\r\n]*[\r\n])*(?:\d+(?:[\0\t\n\f\r ])+\d+(?:[\0\t\n\f\r ])+R|<<)/;
const SLASH = 0x2f;
const CAPITAL_R = 0x52;

/**
 * Whether the file has anywhere a document catalog entry (`/Root 1 0 R` in a trailer or an
 * xref stream's dictionary, which are never compressed), without which pdf.js can open no PDF.
 * Lacking one, pdf.js rebuilds the cross-reference table by tokenising the whole file before it
 * gives up: 30-100 s for 90 MB of junk behind a `%PDF-` header. A name spelt with `#` escapes
 * (`/R#6foot`) is left to pdf.js.
 */
export function hasCatalogEntry(data: Uint8Array): boolean {
  for (let i = data.indexOf(SLASH); i >= 0; i = data.indexOf(SLASH, i + 1)) {
    if (data[i + 1] !== CAPITAL_R) continue;
    const near = String.fromCharCode(...data.subarray(i, i + 96));
    if (near.startsWith('/R#') || ROOT_ENTRY.test(near)) return true;
  }
  return false;
}

export async function ingestPdf(data: Uint8Array, ctx: IngestOptions = {}): Promise<IngestResult> {
  const mode = ctx.ocrMode ?? 'auto';
  if (!isOcrMode(mode)) {
    return { pages: [], diagnostics: [{ ruleId: 'ingest/bad-option', message: `ocrMode must be one of ${OCR_MODES.join(', ')}, not ${JSON.stringify(mode)}`, severity: 'error' }] };
  }
  if (!hasCatalogEntry(data)) {
    // pdf.js's own words for this case, said at once instead of after a scan of the whole file.
    return { pages: [], diagnostics: [{ ruleId: 'ingest/pdf-corrupt', message: notPdf(data) ?? 'not a readable PDF: Invalid PDF structure. (no document catalog, /Root, anywhere in the file)', severity: 'error' }] };
  }
  let source: ThreadPdfSource;
  try {
    source = await ThreadPdfSource.open(data, { ms: ctx.pdfTimeoutMs ?? Infinity, signal: ctx.signal });
  } catch (err) {
    const e = err as Error;
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    if (e instanceof PdfTimeoutError) return { pages: [], diagnostics: [{ ruleId: 'ingest/pdf-timeout', message: `${e.message} before its first page (a damaged cross-reference table or a pathological file); it was stopped (--timeout)`, severity: 'error' }] };
    return e?.name === 'PasswordException'
      ? { pages: [], diagnostics: [{ ruleId: 'ingest/pdf-encrypted', message: `the PDF is password-protected: ${e.message}`, severity: 'error' }] }
      : { pages: [], diagnostics: [{ ruleId: 'ingest/pdf-corrupt', message: notPdf(data) ?? `not a readable PDF: ${e?.message ?? String(err)}`, severity: 'error' }] };
  }
  try {
    // A pool is only made for a PDF that has no shared one and turns out to need OCR.
    let own: OcrPool | undefined;
    let clock: OcrClock | undefined;
    const shared = (): OcrPool => ctx.ocr ?? (own ??= createOcrEngineForFile({ jobs: ctx.jobs, psm: ctx.psm, engine: ctx.ocrEngine }));
    // Pages read by OCR carry the file's OCR time limit (its text layers are under pdfTimeoutMs).
    const pool = (): OcrPool => (clock?.signal && clock.signal !== ctx.signal ? withSignal(shared(), clock.signal) : shared());
    try {
      const targetDpi = ocrTargetDpi(ctx);
      const selected = selectPages(source.pageCount, ctx.pages);
      if (!selected.numbers.length) return { pages: [], diagnostics: selected.diagnostics };
      clock = ocrClock(ocrLimitMs(ctx, selected.numbers.length), ctx.signal);
      const read = engineProblem(await ocrPagesInOrder(selected.numbers, (n) => readPage(source, n, pool, { targetDpi, narrow: ctx.ocrNarrow, straighten: ctx.straighten, mode }), ctx.ocr?.size ?? ctx.jobs ?? 2, ctx, clock));
      const timedOut = pagesTimedOut(read.diagnostics);
      const found = await source.notes().catch((e: unknown) => {
        if (ctx.signal?.aborted) throw ctx.signal.reason;
        if (e instanceof PdfTimeoutError && !timedOut.length) timedOut.push({ ruleId: 'ingest/pdf-timeout', message: `${e.message}: its e-signatures and notes were not read`, severity: 'warning' });
        return undefined;
      });
      // Signatures on the pages read, numbered as those pages are (1..k when only some were read).
      const eSignatures = (found?.signatures ?? []).flatMap((s) => { const at = selected.numbers.indexOf(s.page); return at < 0 ? [] : [{ ...s, page: at + 1 }]; });
      const notes = found?.annotations ? withAnnotations(found.annotations, read.pages, selected.numbers) : { pages: read.pages, diagnostics: [] };
      const crypt = encryptionNotes(found?.encryption, eSignatures.length, notes.pages.some((p) => p.annotations?.length));
      const readDiagnostics = read.diagnostics.filter((d) => d.ruleId !== 'ingest/pdf-timeout');
      return { pages: notes.pages, diagnostics: [...selected.diagnostics, ...readDiagnostics, ...timedOut, ...crypt, ...notes.diagnostics], ...(eSignatures.length ? { eSignatures } : {}) };
    } finally {
      await own?.terminate();
    }
  } finally {
    await source.close();
  }
}

/** The pages whose reading ran out of the file's time, said once: which pages were left unread. */
function pagesTimedOut(diagnostics: Diagnostic[]): Diagnostic[] {
  const pages = diagnostics.filter((d) => d.ruleId === 'ingest/pdf-timeout').map((d) => d.place!.page);
  if (!pages.length) return [];
  const first = diagnostics.find((d) => d.ruleId === 'ingest/pdf-timeout')!;
  const list = pages.length > 12 ? `${pages.slice(0, 12).join(', ')} … (${pages.length} pages)` : pages.join(', ');
  return [{ ruleId: 'ingest/pdf-timeout', message: `${first.message}: it was stopped, and page${pages.length > 1 ? 's' : ''} ${list} left unread (--timeout)`, severity: 'error', place: first.place! }];
}

/** The pages read with the notes the PDF carries on them (pages[].annotations), and an info diagnostic per page that has some. */
function withAnnotations(notes: PageAnnotation[][], pages: Page[], numbers: number[]): { pages: Page[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out = pages.map((page, k) => {
    const here = notes[(numbers[k] ?? page.number) - 1] ?? [];
    if (!here.length) return page;
    const kinds = [...new Set(here.map((a) => a.subtype))].join(', ');
    diagnostics.push({ ruleId: 'pdf/annotations', message: `page ${page.number}: ${here.length} note${here.length > 1 ? 's' : ''} put on the PDF (${kinds}) kept in pages[].annotations, beside the text, not in it`, severity: 'info', place: { page: page.number, line: 1 } });
    return { ...page, annotations: here };
  });
  return { pages: out, diagnostics };
}

/** What the file's encryption meant for its signature fields and notes (a decrypted file: only when it has some). */
function encryptionNotes(e: PdfNotes['encryption'], signatures: number, notes: boolean | undefined): Diagnostic[] {
  if (!e || (!signatures && !notes && e.state === 'decryptable')) return [];
  if (e.state === 'decryptable') return [{ ruleId: 'pdf/decrypted', message: `the PDF is encrypted (${e.describe}, no password needed to open it): its signature fields and notes were decrypted to be read`, severity: 'info' }];
  return [{ ruleId: 'pdf/encryption-unsupported', message: `the PDF is encrypted in a way not read here (${e.reason}): the texts of its signature fields and notes (signer, organisation, time, notes) are left empty`, severity: 'warning' }];
}

async function readPage(source: ThreadPdfSource, n: number, pool: () => OcrPool, o: { targetDpi: number; narrow?: boolean; straighten?: boolean; mode: OcrMode }): Promise<{ page: Page; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let text = '';
  try {
    if (o.mode !== 'force' && source.mayHaveText(n)) {
      const stamped = await source.stampedText(n).catch((err: Error) => {
        if (err instanceof PdfTimeoutError) throw err;
        diagnostics.push({ ruleId: 'pdf/stamps-unreadable', message: `page ${n}: values drawn by its annotations could not be read (${err?.message ?? err}); its text layer alone is used`, severity: 'warning', place: { page: n, line: 1 } });
        return null;
      });
      text = stamped?.text ?? await source.text(n);
      if (stamped) diagnostics.push({ ruleId: 'pdf/stamped-values', message: `page ${n}: ${stamped.stamps.map((s) => JSON.stringify(s)).join(', ')} stamped into the page by its annotations (an e-signature's number or date) read into their lines`, severity: 'info', place: { page: n, line: 1 } });
    }
  } catch (err) {
    if (err instanceof PdfTimeoutError) return timedOutPage(n, err);
    diagnostics.push({ ruleId: 'pdf/text-layer-failed', message: `page ${n}: text layer unreadable (${(err as Error).message}); trying OCR`, severity: 'warning', place: { page: n, line: 1 } });
  }
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const textPage: Page = { number: n, lines: textLayerLines(text), method: 'pdf-text' };
  let untrusted = false;
  // A Vietnamese layer over a scan: its page image, fetched for the strip check, is kept for OCR.
  let fetched: PageImage | undefined;
  if (o.mode === 'never' ? letters >= MIN_TEXT_LETTERS : isUsableTextLayer(text)) {
    let verdict: TextLayerVerdict = o.mode === 'auto' ? judgeTextLayer(text, source.layersOf(n)) : { trusted: true };
    if (verdict.checkAgainstImage) {
      fetched = await source.image(n, o.targetDpi).catch(() => undefined);
      const why = fetched && await layerDisagreesWithImage(text, fetched.image, pool());
      if (why) verdict = { trusted: false, reason: why };
    }
    if (verdict.trusted) return { page: textPage, diagnostics };
    untrusted = true;
    diagnostics.push({ ruleId: 'ingest/untrusted-text-layer', message: `page ${n}: ${verdict.reason}; the page image is OCR'd instead (--ocr never keeps the layer)`, severity: 'warning', place: { page: n, line: 1 } });
  } else if (text.trim() !== '' && letters >= MIN_TEXT_LETTERS) {
    diagnostics.push({ ruleId: 'pdf/text-layer-unusable', message: `page ${n}: text layer is mostly unmappable glyphs; using OCR`, severity: 'info', place: { page: n, line: 1 } });
  }
  let image: PageImage;
  try {
    image = fetched ?? await source.image(n, o.targetDpi);
  } catch (err) {
    if (err instanceof PdfTimeoutError) return untrusted ? { page: textPage, diagnostics } : timedOutPage(n, err);
    if (untrusted) return { page: textPage, diagnostics: [...diagnostics, { ruleId: 'ocr/page-failed', message: `page ${n}: no page image to OCR (${(err as Error).message}); its text layer is kept`, severity: 'warning', place: { page: n, line: 1 } }] };
    diagnostics.push({ ruleId: 'ocr/page-failed', message: `page ${n}: no page image to OCR (${(err as Error).message})`, severity: 'error', place: { page: n, line: 1 } });
    return { page: { number: n, lines: [], method: 'ocr', confidence: 0, words: [] }, diagnostics };
  }
  const r = await ocrPage(pool(), image.image, n, { targetDpi: o.targetDpi, pageSizePt: image.pageSizePt, narrow: o.narrow, straighten: o.straighten });
  // The layer the user gave is not lost for a failed OCR: it stands, with the OCR error as a warning.
  if (untrusted && r.diagnostics.some((d) => d.severity === 'error')) return { page: textPage, diagnostics: [...diagnostics, ...r.diagnostics.map((d) => ({ ...d, severity: 'warning' as const, message: `${d.message}; the text layer is kept` }))] };
  return { page: r.page, diagnostics: [...diagnostics, ...r.diagnostics] };
}

/** Page `n` left unread: the file's PDF reading ran out of time (pagesTimedOut says it once for all such pages). */
function timedOutPage(n: number, e: PdfTimeoutError): { page: Page; diagnostics: Diagnostic[] } {
  return { page: { number: n, lines: [], method: 'ocr', confidence: 0, words: [] }, diagnostics: [{ ruleId: 'ingest/pdf-timeout', message: e.message, severity: 'error', place: { page: n, line: 1 } }] };
}
