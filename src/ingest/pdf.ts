/**
 * PDF input, page by page: the text layer when it is usable (method 'pdf-text', NFC), otherwise
 * the page image OCR'd (method 'ocr'). Mixed PDFs therefore come out page by page. Pages are
 * extracted just in time and OCR'd concurrently up to the pool size, so a 300-page scan never
 * holds more than a few page images. A corrupt PDF gives an 'ingest/pdf-corrupt' error.
 */
import type { Diagnostic, Page } from '../core/document.js';
import { engineProblem, ocrPagesInOrder, ocrTargetDpi, type IngestResult, type OcrIngestContext } from './image.js';
import { createOcrEngineForFile } from './ocr/engine.js';
import { ocrPage } from './ocr/page.js';
import type { OcrPool } from './ocr/pool.js';
import { PdfSource } from './ocr/pdf-source.js';

export type { IngestResult, OcrIngestContext } from './image.js';

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

export async function ingestPdf(data: Uint8Array, ctx: OcrIngestContext = {}): Promise<IngestResult> {
  let source: PdfSource;
  try {
    source = await PdfSource.open(data);
  } catch (err) {
    const e = err as Error;
    return e?.name === 'PasswordException'
      ? { pages: [], diagnostics: [{ ruleId: 'ingest/pdf-encrypted', message: `the PDF is password-protected: ${e.message}`, severity: 'error' }] }
      : { pages: [], diagnostics: [{ ruleId: 'ingest/pdf-corrupt', message: `not a readable PDF: ${e?.message ?? String(err)}`, severity: 'error' }] };
  }
  try {
    // A pool is only made for a PDF that has no shared one and turns out to need OCR.
    let own: OcrPool | undefined;
    const pool = (): OcrPool => ctx.ocr ?? (own ??= createOcrEngineForFile({ jobs: ctx.jobs, psm: ctx.psm, engine: ctx.ocrEngine }));
    try {
      const targetDpi = ocrTargetDpi(ctx);
      return engineProblem(await ocrPagesInOrder(source.pageCount, (n) => readPage(source, n, pool, targetDpi, ctx.ocrNarrow), ctx.ocr?.size ?? ctx.jobs ?? 2, ctx));
    } finally {
      await own?.terminate();
    }
  } finally {
    await source.close();
  }
}

async function readPage(source: PdfSource, n: number, pool: () => OcrPool, targetDpi: number, narrow?: boolean): Promise<{ page: Page; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let text = '';
  try {
    if (source.mayHaveText(n)) text = await source.text(n);
  } catch (err) {
    diagnostics.push({ ruleId: 'pdf/text-layer-failed', message: `page ${n}: text layer unreadable (${(err as Error).message}); trying OCR`, severity: 'warning', place: { page: n, line: 1 } });
  }
  if (isUsableTextLayer(text)) {
    return { page: { number: n, lines: textLayerLines(text), method: 'pdf-text' }, diagnostics };
  }
  if (text.trim() !== '' && (text.match(/\p{L}/gu)?.length ?? 0) >= MIN_TEXT_LETTERS) {
    diagnostics.push({ ruleId: 'pdf/text-layer-unusable', message: `page ${n}: text layer is mostly unmappable glyphs; using OCR`, severity: 'info', place: { page: n, line: 1 } });
  }
  let image: Awaited<ReturnType<PdfSource['image']>>;
  try {
    image = await source.image(n, targetDpi);
  } catch (err) {
    diagnostics.push({ ruleId: 'ocr/page-failed', message: `page ${n}: no page image to OCR (${(err as Error).message})`, severity: 'error', place: { page: n, line: 1 } });
    return { page: { number: n, lines: [], method: 'ocr', confidence: 0, words: [] }, diagnostics };
  }
  const r = await ocrPage(pool(), image.image, n, { targetDpi, pageSizePt: image.pageSizePt, narrow });
  return { page: r.page, diagnostics: [...diagnostics, ...r.diagnostics] };
}
