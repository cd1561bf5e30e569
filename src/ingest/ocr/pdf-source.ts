/**
 * Page-at-a-time access to a PDF through pdf-parse: a page's text layer, or its page image (the
 * single embedded scan image when there is one, otherwise a 300 dpi rendering). Calls are
 * serialised (pdf.js work runs on this thread anyway) and the parser is recycled every few pages,
 * because pdf.js keeps decoded page objects until its document is destroyed: this bounds memory
 * on a 300-page scan to a few pages' worth. A pure scan (a scanner JPEG per page, no fonts) is
 * read by the objects reader alone, and image-only pages of other PDFs skip the text layer.
 */
import { PDFParse } from 'pdf-parse';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { scanPages } from './pdf-objects.js';
import type { PageLayers } from './pdf-page-layers.js';
import { ccittPng } from './pdf-ccitt.js';
import { joinPageText, type TextItemLike } from './pdf-page-text.js';
import { annotationRuns, stampRuns } from './pdf-stamps.js';
import { pdfjsAssets } from './pdfjs-assets.js';

/** Page images extracted, or text layers read, before the pdf.js document is recycled. */
const RECYCLE_AFTER = { image: 6, text: 60 };
/** An embedded image smaller than this (either side, px) is a logo or stamp, not a page scan. */
const MIN_SCAN_SIDE = 400;
const RENDER_DPI = 300;

export class PdfSource {
  private parser: PDFParse | undefined;
  private cost = 0;
  private chain: Promise<unknown> = Promise.resolve();
  /** A pdf.js document of its own for pages with drawn annotations (pdf-parse hides its own). */
  private annotated: Promise<PDFDocumentProxy> | undefined;

  private constructor(
    private readonly data: Uint8Array,
    readonly pageCount: number,
    /** Per page, the scanner's JPEG when it can go to OCR as is (see pdf-objects.ts). */
    private readonly jpegs: (Uint8Array | null)[],
    /** Per page, whether it has fonts (no fonts: no text layer to read); empty when unknown. */
    private readonly fonts: boolean[],
    /** Per page, the MediaBox size in points (tells a page image's resolution); empty when unknown. */
    private readonly sizes: ([number, number] | undefined)[],
    /** Per page, what lies under its text (invisible text, a page image); empty when unknown. */
    private readonly layers: (PageLayers | undefined)[] = [],
    /** Per page, its CCITT G4 scan wrapped as a TIFF (pdf-ccitt.ts); empty when none or unknown. */
    private readonly ccitt: ((() => Uint8Array | null) | null | undefined)[] = [],
    /** Per page, whether annotations draw over it (pdf-stamps.ts); empty when unknown. */
    private readonly drawn: (boolean | undefined)[] = [],
  ) {}

  /** Opens the PDF; throws (pdf.js's message) when it is not a readable PDF. */
  static async open(data: Uint8Array): Promise<PdfSource> {
    const scan = scanPages(data);
    if (scan.length > 0 && scan.every((p) => (p.jpeg || p.ccitt) && !p.fonts)) {
      // A pure scan (one scanner JPEG or CCITT G4 image per page, no fonts) never needs pdf.js, whose opening
      // alone holds two to three copies of the file: 1.4 GB for a 440 MB 300-page scan.
      return new PdfSource(data, scan.length, scan.map((p) => p.jpeg), scan.map(() => false), scan.map((p) => p.sizePt), [], scan.map((p) => p.ccitt));
    }
    // pdf.js may detach the buffer it is given, so each parser gets its own copy.
    const parser = new PDFParse({ data: data.slice(), ...pdfjsAssets() });
    let total: number;
    try {
      total = (await parser.getInfo()).total;
    } catch (err) {
      await parser.destroy().catch(() => undefined);
      throw err;
    }
    const known = scan.length === total;
    const source = new PdfSource(data, total, known ? scan.map((p) => p.jpeg) : [], known ? scan.map((p) => p.fonts) : [], known ? scan.map((p) => p.sizePt) : [], known ? scan.map((p) => p.layers) : [], known ? scan.map((p) => p.ccitt) : [], known ? scan.map((p) => p.drawnAnnotations) : []);
    source.parser = parser;
    return source;
  }

  /** Per page, whether it has fonts and what lies under its text (empty when unknown), for pdf-thread.ts to send. */
  pageFacts(): { fonts: boolean[]; layers: (PageLayers | undefined)[] } {
    return { fonts: this.fonts, layers: this.layers };
  }

  /** False when the page certainly has no text layer (no fonts), so reading it can be skipped. */
  mayHaveText(n: number): boolean {
    return this.fonts[n - 1] ?? true;
  }

  /** What lies under page `n`'s text layer (pdf-page-layers.ts), when the objects reader could tell. */
  layersOf(n: number): PageLayers | undefined {
    return this.layers[n - 1];
  }

  text(n: number): Promise<string> {
    // pdf-parse's own document and its page, joined by joinPageText: pdf-parse's getText join, plus
    // the lines a fallback font drew out of order put back in order (pdf-page-text.ts).
    return this.serial(1 / RECYCLE_AFTER.text, async (p) => {
      const doc = await (p as unknown as { load(): Promise<PDFDocumentProxy> }).load();
      const page = await doc.getPage(n);
      try {
        const view = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        return joinPageText(content.items as TextItemLike[], [], (x, y) => view.convertToViewportPoint(x, y) as [number, number]).text;
      } finally {
        page.cleanup();
      }
    });
  }

  /**
   * Page `n`'s text with the values its annotations stamp into printed lines (pdf-stamps.ts), and
   * those values; null when the page has no drawn annotations (then `text` is the whole story).
   */
  async stampedText(n: number): Promise<{ text: string; stamps: string[] } | null> {
    if (!this.drawn[n - 1]) return null;
    // A copy as a plain Uint8Array: pdf.js refuses a Buffer (what a file read gives) and may detach it.
    this.annotated ??= pdfjs.getDocument({ data: new Uint8Array(this.data), isEvalSupported: false, verbosity: 0, ...pdfjsAssets() }).promise;
    const doc = await this.annotated;
    const page = await doc.getPage(n);
    try {
      const stamps = stampRuns(await annotationRuns(page));
      if (!stamps.length) return null;
      const content = await page.getTextContent();
      const view = page.getViewport({ scale: 1 });
      const { text, placed } = joinPageText(content.items as TextItemLike[], stamps, (x, y) => view.convertToViewportPoint(x, y) as [number, number]);
      return placed.length ? { text, stamps: placed } : null;
    } finally {
      page.cleanup();
    }
  }

  /**
   * Encoded image of the page for OCR: the scanner's JPEG bytes as embedded, else the single
   * embedded scan image (as PNG, via pdf.js), else a rendering of the page at `renderDpi` (at most
   * 300; OCR reads 200 dpi as well, so rendering finer only to reduce it again is wasted work);
   * with the page's size in points when known, which tells the image's resolution.
   */
  image(n: number, renderDpi = RENDER_DPI): Promise<{ image: Uint8Array; source: 'embedded-jpeg' | 'embedded-ccitt' | 'embedded' | 'rendered'; pageSizePt?: [number, number] }> {
    const pageSizePt = this.sizes[n - 1];
    const jpeg = this.jpegs[n - 1];
    if (jpeg) return Promise.resolve({ image: jpeg, source: 'embedded-jpeg', pageSizePt });
    let tiff: Uint8Array | null = null;
    try { tiff = this.ccitt[n - 1]?.() ?? null; } catch { /* pdf.js decodes it */ }
    if (tiff) {
      // Decoded from its own bytes: pdf-parse shears 1-bit rows whose width is no multiple of 8.
      return ccittPng(tiff).then(async (png) => (png ? { image: png, source: 'embedded-ccitt' as const, pageSizePt } : await this.extracted(n, renderDpi, pageSizePt)));
    }
    return this.extracted(n, renderDpi, pageSizePt);
  }

  private extracted(n: number, renderDpi: number, pageSizePt: [number, number] | undefined): Promise<{ image: Uint8Array; source: 'embedded' | 'rendered'; pageSizePt?: [number, number] }> {
    return this.serial(1 / RECYCLE_AFTER.image, async (p) => {
      const found = await p.getImage({ partial: [n], imageBuffer: true, imageDataUrl: false, imageThreshold: MIN_SCAN_SIDE });
      const images = found.pages[0]?.images ?? [];
      if (images.length === 1 && images[0]!.data.length > 0) return { image: images[0]!.data, source: 'embedded', pageSizePt };
      const scale = (renderDpi > 0 ? Math.min(renderDpi, RENDER_DPI) : RENDER_DPI) / 72;
      const shot = await p.getScreenshot({ partial: [n], scale, imageBuffer: true, imageDataUrl: false });
      const png = shot.pages[0]?.data;
      if (!png || png.length === 0) throw new Error('page could not be rendered');
      // The rendering's own size, so its resolution is known exactly (rotation included).
      const sizePt: [number, number] = [shot.pages[0]!.width / scale, shot.pages[0]!.height / scale];
      return { image: png, source: 'rendered', pageSizePt: sizePt };
    });
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.parser?.destroy().catch(() => undefined);
    this.parser = undefined;
    const annotated = this.annotated;
    this.annotated = undefined;
    await annotated?.then((d) => d.destroy()).catch(() => undefined);
  }

  private serial<T>(cost: number, fn: (p: PDFParse) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.parser && this.cost >= 1 - 1e-9) {
        await this.parser.destroy().catch(() => undefined);
        this.parser = undefined;
      }
      if (!this.parser) {
        this.parser = new PDFParse({ data: this.data.slice(), ...pdfjsAssets() });
        this.cost = 0;
      }
      this.cost += cost;
      return fn(this.parser);
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
