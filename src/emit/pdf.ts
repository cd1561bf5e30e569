/**
 * `<name>.pdf`. A scanned input (an image, or a PDF with OCR'd pages) gives its page images as
 * they are with an invisible layer of the restored words at their OCR boxes, so search and
 * text extraction find "Kết quả" where OCR read "Két qua". A text input (or a PDF whose text
 * layer was read) gives the restored text typeset on A4, its e-signatures noted after the
 * signature block as in the txt (a scan shows the signing box in its own image). Both aim at PDF/A-2b (pdf-archive.ts).
 * A scan whose pages cannot be carried over (an encrypted PDF, an image format sharp cannot
 * read) falls back to the typeset text, so the restored text is never lost.
 */
import { PDFDocument } from 'pdf-lib';
import type { DocumentResult } from '../core/schema.js';
import { archiveInfo, makeArchival } from './pdf-archive.js';
import { embedTextFont } from './pdf-font.js';
import { copiedPdfPages, imagePages } from './pdf-scan-pages.js';
import { drawTextLayer, type TextLayerPage } from './pdf-text-layer.js';
import { typeset } from './pdf-typeset.js';
import { placedLines } from './pdf-words.js';
import { uprightLayer } from './pdf-turned-page.js';
import { shownText } from './txt.js';

/** The writer of DOCUMENT_WRITERS.pdf (document-writers.ts). */
export async function pdfFiles({ result, source }: { result: DocumentResult; source: Uint8Array }): Promise<{ suffix: string; data: Uint8Array }[]> {
  return [{ suffix: '.pdf', data: await documentPdf(result, source) }];
}

/** How the PDF of a document is made: over its scanned pages, or typeset from its text. */
export function pdfKind(result: DocumentResult): 'scan' | 'typeset' {
  const scanned = result.pages.some((p) => p.method === 'ocr');
  return scanned && (result.source.kind === 'image' || result.source.kind === 'pdf') ? 'scan' : 'typeset';
}

export async function documentPdf(result: DocumentResult, source: Uint8Array, now = new Date()): Promise<Uint8Array> {
  if (pdfKind(result) === 'scan') {
    const scan = await searchablePdf(result, source).catch(() => null);
    if (scan) {
      await makeArchival(scan, archiveInfo(result), now);
      return scan.save({ useObjectStreams: true });
    }
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { font } = await embedTextFont(doc);
  // The txt's text: restored, with the e-signatures noted after the signature block.
  typeset(doc, shownText(result), font);
  await makeArchival(doc, archiveInfo(result), now);
  return doc.save({ useObjectStreams: true });
}

/** The input's pages with the text layer on each OCR'd one; null when the pages cannot be carried over. */
async function searchablePdf(result: DocumentResult, source: Uint8Array): Promise<PDFDocument | null> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const targets: (TextLayerPage | null)[] | null = result.source.kind === 'pdf'
    ? await copiedPdfPages(doc, source, result)
    : await imagePages(doc, source, result.pages.length);
  if (!targets) return null;
  const { font, metrics } = await embedTextFont(doc);
  targets.forEach((target, i) => {
    if (!target || result.pages[i]!.method !== 'ocr') return;
    // A page read turned gets its layer in the upright frame (pdf-turned-page.ts).
    const upright = uprightLayer(result.pages[i]!, target);
    const pages = upright.page === result.pages[i] ? result.pages : result.pages.map((p, k) => (k === i ? upright.page : p));
    drawTextLayer(upright.target, placedLines({ ...result, pages }, i), font, metrics);
  });
  return doc;
}
