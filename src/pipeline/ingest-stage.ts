/** The ingest stage: bytes → pages of lines, by kind (text here; PDF and image modules loaded on first use). */
import type { Diagnostic, WorkingDocument } from '../core/document.js';
import { paragraphsFromPages } from '../core/paragraphs.js';
import { toPositional } from '../core/page-numbers.js';
import { DEFAULT_MAX_TEXT_BYTES, ingestText, mib } from '../ingest/text.js';
import { withSignal } from '../ingest/ocr/with-signal.js';
import type { StageOptions } from './options.js';
import type { IngestResult } from '../ingest/image.js';
import type { WordPictures } from '../ingest/word/index.js';
import { placePicturePages, type PicturePlace } from '../ingest/word/place-pictures.js';

export async function ingestStage(doc: WorkingDocument, options: StageOptions): Promise<void> {
  const { data } = options.input;
  if (doc.source.kind === 'word') {
    // Loaded on first use like the PDF and OCR modules.
    const word = await import('../ingest/word/index.js');
    const r = word.ingestWord(data);
    doc.source.encoding = r.encoding;
    // No text, but pictures: scanned pages pasted into Word, read as a scan's pages. Text and
    // pictures: those that look like scanned pages (an annex pasted in) are read after the text.
    const noText = r.diagnostics.some((d) => d.ruleId === 'ingest/no-text');
    const readable = noText || !r.diagnostics.some((d) => d.severity === 'error');
    const { pictures, keys } = readable ? picturesOf(word.wordPictures, data, noText ? undefined : doc.diagnostics) : { pictures: [], keys: [] };
    if (noText && pictures.length) await readWordPictures(doc, pictures, r.diagnostics, options);
    else {
      Object.assign(doc, { original: r.original, pages: r.pages, paragraphs: r.paragraphs });
      doc.diagnostics.push(...r.diagnostics);
      if (!noText && pictures.length) await readPicturesBesideText(doc, pictures, keys.map((k) => (k ? r.picturePlaces?.get(k) : undefined)), options);
      doc.source.pages = doc.pages.length;
    }
  } else if (doc.source.kind === 'text') {
    const r = ingestText(data, { encoding: options.encoding, pageBreaks: options.pageBreaks, maxBytes: options.maxTextBytes });
    Object.assign(doc, { original: r.original, pages: r.pages, paragraphs: r.paragraphs });
    doc.source.encoding = r.encoding;
    doc.diagnostics.push(...r.diagnostics);
    doc.source.pages = doc.pages.length;
  } else if (data.length === 0) {
    // Said as a text file's is: "not a readable PDF" or "not a PNG, JPEG…" sent people looking for a damaged file.
    doc.source.pages = 0;
    doc.diagnostics.push({ ruleId: 'ingest/empty', severity: 'error', message: `the file is empty (0 bytes), though named as a${doc.source.kind === 'image' ? 'n image' : ' PDF'}: the copy or download that made it may have failed` });
  } else {
    // Loaded on first use: a text-only run never pays for the PDF and OCR modules.
    const ingest = doc.source.kind === 'pdf' ? (await import('../ingest/pdf.js')).ingestPdf : (await import('../ingest/image.js')).ingestImage;
    const ctx = options.ingest ?? {};
    // A cancellable document: every page it asks of the shared pool carries its signal.
    const r = await ingest(data, ctx.signal && ctx.ocr ? { ...ctx, ocr: withSignal(ctx.ocr, ctx.signal) } : ctx);
    const taken = takeReadPages(doc, r, options, `no text found in the ${doc.source.kind}`);
    if (taken && r.eSignatures?.length) doc.eSignatures = r.eSignatures;
  }
}

async function readWordPictures(doc: WorkingDocument, pictures: Uint8Array[], wordDiagnostics: Diagnostic[], options: StageOptions): Promise<void> {
  const ctx = options.ingest ?? {};
  const { ingestWordPictures } = await import('../ingest/word-pictures.js');
  const r = await ingestWordPictures(pictures, ctx.signal && ctx.ocr ? { ...ctx, ocr: withSignal(ctx.ocr, ctx.signal) } : ctx);
  const n = pictures.length;
  doc.diagnostics.push(...wordDiagnostics.filter((d) => d.ruleId !== 'ingest/no-text'));
  doc.diagnostics.push({ ruleId: 'ingest/word-pictures', severity: 'info', message: `no text in the Word document, but ${n} picture${n === 1 ? '' : 's'} (scanned pages pasted in?): read by OCR, a page each` });
  takeReadPages(doc, r, options, `no text in the Word document, nor in its ${n} picture${n === 1 ? '' : 's'} read by OCR`);
}

/**
 * A Word file's pictures; a reader that fails on them (a file its text reader could read) costs
 * the pictures only, said as a warning when `said` is given, never the text.
 */
function picturesOf(read: (data: Uint8Array) => WordPictures, data: Uint8Array, said?: Diagnostic[]): WordPictures {
  try {
    return read(data);
  } catch (err) {
    said?.push({ ruleId: 'ingest/word-pictures', severity: 'warning', message: `the pictures of the Word document could not be read (${(err as Error).message}): its text is read without them` });
    return { pictures: [], keys: [] };
  }
}

/**
 * A Word file's text, and pictures of it that look like scanned pages read by OCR (word-pictures.ts):
 * each page read goes where its picture stands in the text (`places`, by picture), else after it.
 */
async function readPicturesBesideText(doc: WorkingDocument, pictures: Uint8Array[], places: Array<PicturePlace | undefined>, options: StageOptions): Promise<void> {
  const ctx = options.ingest ?? {};
  const { ingestPicturesBesideText } = await import('../ingest/word-pictures.js');
  const r = await ingestPicturesBesideText(pictures, ctx.signal && ctx.ocr ? { ...ctx, ocr: withSignal(ctx.ocr, ctx.signal) } : ctx, doc.pages.length);
  doc.diagnostics.push(...r.diagnostics);
  if (!r.pageLike) return;
  const of = r.pageLike === 1
    ? (pictures.length === 1 ? "the Word document's picture looks like a scanned page" : `1 of the Word document's ${pictures.length} pictures looks like a scanned page`)
    : `${r.pageLike} of the Word document's ${pictures.length} pictures look like scanned pages`;
  const limit = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  if (r.pages.length && textBytes(doc.pages) + textBytes(r.pages) > limit) {
    doc.diagnostics.push({ ruleId: 'ingest/word-pictures', severity: 'warning', message: `${of}: their text would take the document over the ${mib(limit)} limit for one document, so it is left out` });
    return;
  }
  const textPages = doc.pages.length;
  const placed = placePicturePages(doc.pages, r.pages, r.pictureOf.map((n) => places[n - 1]));
  const numbers = [...placed.picturePage].sort((a, b) => a - b);
  // All after the text when no text page follows the first picture page.
  const after = numbers[0] === placed.pages.length - r.pages.length + 1;
  const pagesSaid = numbers.length === 1 ? `page ${numbers[0]}` : after ? `pages ${numbers[0]}–${numbers.at(-1)}` : `pages ${numbers.join(', ')}`;
  const added = r.pages.length ? `read by OCR and ${after ? 'added after the text' : 'put where it stands in the text'} as ${pagesSaid}` : `read by OCR, but ${r.pageLike === 1 ? 'it reads no text (a photo?)' : 'none reads text (photos?)'}: left out`;
  const without = r.pages.length && r.pages.length < r.pageLike ? `; ${r.pageLike - r.pages.length} read no text and ${r.pageLike - r.pages.length === 1 ? 'is' : 'are'} left out` : '';
  doc.diagnostics.push({ ruleId: 'ingest/word-pictures', severity: 'info', message: `${of}: ${added}${without}` });
  if (!r.pages.length) return;
  // Places said so far (the Word reader's, the pictures') follow their pages to their new numbers.
  for (const d of doc.diagnostics) {
    if (!d.place) continue;
    d.place = d.place.page <= textPages ? { ...d.place, ...placed.textPlace(d.place.page, d.place.line) } : { ...d.place, page: placed.picturePage[d.place.page - textPages - 1] ?? d.place.page };
  }
  const { wordParagraphs } = await import('../ingest/word/index.js');
  doc.pages = placed.pages;
  doc.original = doc.pages.map((p) => p.lines.join('\n')).join('\f');
  doc.paragraphs = [...wordParagraphs(doc.pages.filter((p) => p.method === 'text')), ...paragraphsFromPages(doc.pages.filter((p) => p.method !== 'text'))]
    .sort((a, b) => a.page - b.page || a.lineStart - b.lineStart);
}

/**
 * Pages read from a PDF, an image or a Word file's pictures become the document's, under the text
 * limit of one document (false: refused whole for its size); pages that all read nothing (and no
 * error said why) are `ingest/no-text`.
 */
function takeReadPages(doc: WorkingDocument, r: IngestResult, options: StageOptions, noText: string): boolean {
  // The pages the file has, even when it is refused whole for its size.
  doc.source.pages = r.pages.length;
  const size = textBytes(r.pages);
  const limit = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  if (size > limit) {
    // Restoration and structure grow with the text (a 2,000-page PDF of 5.3 MB text peaked at 1.5 GB):
    // past the limit of a text file the document is refused whole, saying how to read it in parts.
    doc.pages = [];
    doc.original = '';
    doc.paragraphs = [];
    doc.diagnostics.push({ ruleId: 'ingest/too-large', severity: 'error', message: `the ${doc.source.kind}'s text is ${mib(size)} over ${r.pages.length} pages, over the ${mib(limit)} limit for one document: convert it in parts with --pages (e.g. --pages 1-${Math.max(1, Math.floor((r.pages.length * limit) / size / 2))})` });
    return false;
  }
  doc.pages = r.pages;
  doc.pageNumbers = toPositional(r.pages, r.diagnostics) ?? undefined;
  doc.original = r.pages.map((p) => p.lines.join('\n')).join('\f');
  doc.paragraphs = paragraphsFromPages(r.pages);
  doc.diagnostics.push(...r.diagnostics);
  const failed = doc.diagnostics.some((d) => d.severity === 'error');
  if (!failed && r.pages.every((p) => p.lines.every((l) => l.trim() === ''))) {
    doc.diagnostics.push({ ruleId: 'ingest/no-text', severity: 'error', message: noText });
  }
  return true;
}

/** UTF-8 bytes of the pages' lines, as the text limit counts a text file. */
function textBytes(pages: { lines: string[] }[]): number {
  let n = 0;
  for (const p of pages) for (const l of p.lines) n += Buffer.byteLength(l, 'utf8') + 1;
  return n;
}

