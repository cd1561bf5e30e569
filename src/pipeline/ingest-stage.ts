/** The ingest stage: bytes → pages of lines, by kind (text here; PDF and image modules loaded on first use). */
import type { WorkingDocument } from '../core/document.js';
import { paragraphsFromPages } from '../core/paragraphs.js';
import { toPositional } from '../core/page-numbers.js';
import { ingestText } from '../ingest/text.js';
import { withSignal } from '../ingest/ocr/with-signal.js';
import type { StageOptions } from './options.js';

export async function ingestStage(doc: WorkingDocument, options: StageOptions): Promise<void> {
  const { data } = options.input;
  if (doc.source.kind === 'word') {
    // Loaded on first use like the PDF and OCR modules.
    const r = (await import('../ingest/word/index.js')).ingestWord(data);
    Object.assign(doc, { original: r.original, pages: r.pages, paragraphs: r.paragraphs });
    doc.source.encoding = r.encoding;
    doc.diagnostics.push(...r.diagnostics);
  } else if (doc.source.kind === 'text') {
    const r = ingestText(data, { encoding: options.encoding, pageBreaks: options.pageBreaks, maxBytes: options.maxTextBytes });
    Object.assign(doc, { original: r.original, pages: r.pages, paragraphs: r.paragraphs });
    doc.source.encoding = r.encoding;
    doc.diagnostics.push(...r.diagnostics);
  } else {
    // Loaded on first use: a text-only run never pays for the PDF and OCR modules.
    const ingest = doc.source.kind === 'pdf' ? (await import('../ingest/pdf.js')).ingestPdf : (await import('../ingest/image.js')).ingestImage;
    const ctx = options.ingest ?? {};
    // A cancellable document: every page it asks of the shared pool carries its signal.
    const r = await ingest(data, ctx.signal && ctx.ocr ? { ...ctx, ocr: withSignal(ctx.ocr, ctx.signal) } : ctx);
    doc.pages = r.pages;
    if (r.eSignatures?.length) doc.eSignatures = r.eSignatures;
    doc.pageNumbers = toPositional(r.pages, r.diagnostics) ?? undefined;
    doc.original = r.pages.map((p) => p.lines.join('\n')).join('\f');
    doc.paragraphs = paragraphsFromPages(r.pages);
    doc.diagnostics.push(...r.diagnostics);
    const failed = doc.diagnostics.some((d) => d.severity === 'error');
    if (!failed && r.pages.every((p) => p.lines.every((l) => l.trim() === ''))) {
      doc.diagnostics.push({ ruleId: 'ingest/no-text', severity: 'error', message: `no text found in the ${doc.source.kind}` });
    }
  }
  doc.source.pages = doc.pages.length;
}
