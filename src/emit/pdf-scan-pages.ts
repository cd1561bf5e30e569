/**
 * The pages of a searchable PDF, each with the map from its page image's pixels (where OCR word
 * boxes are) to the page's user space. A scanned PDF's pages are copied whole (pdf-lib
 * copyPages: the scan's bytes are kept exactly, so the size stays that of the input); an image
 * input is embedded as it is (JPEG; PNG's compressed data, pdf-png.ts) or, for TIFF pages and
 * WebP, converted to PNG losslessly with sharp, on a page sized from the image's resolution.
 */
import {
  concatTransformationMatrix, drawObject, PDFContentStream, PDFDict, PDFDocument, PDFImage, PDFName, PDFNumber, PDFStream,
  popGraphicsState, pushGraphicsState, type PDFPage,
} from 'pdf-lib';
import type { DocumentResult } from '../core/schema.js';
import { detectImageFormat, ocrTargetDpi } from '../ingest/image.js';
import { imageDpi } from '../ingest/ocr/image-resolution.js';
import { tiffPageOffsets } from '../ingest/ocr/tiff.js';
import { embedPngAsIs } from './pdf-png.js';
import type { PixelMatrix, TextLayerPage } from './pdf-text-layer.js';

/** As the PDF ingest (ocr/pdf-source.ts): an embedded image at most this big (either side) is not a page scan. */
const MIN_SCAN_SIDE = 400;
/** The finest resolution the PDF ingest renders a page at for OCR. */
const MAX_RENDER_DPI = 300;

/** Copies every page of a PDF input; the OCR'd ones come with their pixel map. Null when pdf-lib cannot read it faithfully. */
export async function copiedPdfPages(doc: PDFDocument, source: Uint8Array, result: DocumentResult): Promise<(TextLayerPage | null)[] | null> {
  let input: PDFDocument;
  try {
    input = await PDFDocument.load(source, { updateMetadata: false });
  } catch {
    return null;
  }
  // Encrypted streams would be copied still encrypted: unreadable in the new file.
  if (input.isEncrypted || input.getPageCount() !== result.pages.length) return null;
  const pages = await doc.copyPages(input, input.getPageIndices());
  return pages.map((page, i) => {
    doc.addPage(page);
    if (result.pages[i]!.method !== 'ocr') return null;
    isolateContent(doc, page);
    return { page, ...pixelMapOf(page) };
  });
}

/** The page's own content is wrapped in q … Q, so whatever graphics state it leaves cannot move the text drawn after it. */
function isolateContent(doc: PDFDocument, page: PDFPage): void {
  const stream = (op: ReturnType<typeof pushGraphicsState>) => doc.context.register(PDFContentStream.of(doc.context.obj({}), [op]));
  page.node.normalize();
  page.node.wrapContentStreams(stream(pushGraphicsState()), stream(popGraphicsState()));
}

/**
 * Where the OCR'd image lies on a PDF page, as the PDF ingest chose it: the page's one scan-sized
 * embedded image, filling the MediaBox; otherwise the page rendered (rotation included) at the
 * OCR resolution, at most 300 dpi.
 */
function pixelMapOf(page: PDFPage): { imageHeight: number; imageWidth: number; toUser: PixelMatrix } {
  const media = page.getMediaBox();
  // A page of one image (a scanner's JPEG, whatever its size) or with one scan-sized image among small ones.
  const images = pageImages(page);
  const scans = images.length === 1 ? images : images.filter(([w, h]) => w > MIN_SCAN_SIDE && h > MIN_SCAN_SIDE);
  if (scans.length === 1) {
    const [w, h] = scans[0]!;
    return { imageHeight: h, imageWidth: w, toUser: [media.width / w, 0, 0, media.height / h, media.x, media.y] };
  }
  const dpi = ocrTargetDpi({});
  const s = (dpi > 0 ? Math.min(dpi, MAX_RENDER_DPI) : MAX_RENDER_DPI) / 72;
  const { x, y, width: W, height: H } = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const shown = rotation === 90 || rotation === 270 ? W : H;
  const k = 1 / s;
  const toUser: Record<number, PixelMatrix> = {
    0: [k, 0, 0, k, x, y],
    90: [0, k, -k, 0, x + shown, y],
    180: [-k, 0, 0, -k, x + W, y + shown],
    270: [0, -k, k, 0, x + W - shown, y + H],
  };
  return { imageHeight: shown * s, imageWidth: (rotation === 90 || rotation === 270 ? H : W) * s, toUser: toUser[rotation] ?? toUser[0]! };
}

/** Pixel sizes of the image XObjects in a page's resources. */
function pageImages(page: PDFPage): [number, number][] {
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return [];
  const sizes: [number, number][] = [];
  for (const [, ref] of xobjects.entries()) {
    const stream = page.doc.context.lookupMaybe(ref, PDFStream);
    if (!stream || stream.dict.lookupMaybe(PDFName.of('Subtype'), PDFName) !== PDFName.of('Image')) continue;
    const w = stream.dict.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber();
    const h = stream.dict.lookupMaybe(PDFName.of('Height'), PDFNumber)?.asNumber();
    if (w && h) sizes.push([w, h]);
  }
  return sizes;
}

/** One page per image (per TIFF page), sized from the image's resolution. Null when the image cannot be embedded. */
export async function imagePages(doc: PDFDocument, source: Uint8Array, pageCount: number): Promise<TextLayerPage[] | null> {
  const format = detectImageFormat(source);
  if (!format) return null;
  const sharp = (await import('sharp')).default;
  const count = format === 'tiff' ? tiffPageOffsets(source).length : 1;
  if (count !== pageCount) return null;
  const pages: TextLayerPage[] = [];
  for (let n = 0; n < count; n++) {
    const meta = await sharp(source, { page: n }).metadata();
    let png = format === 'png' ? source : undefined;
    if (format !== 'png' && format !== 'jpeg') {
      // Lossless, and grey stays grey (one channel, a third of the pixels of RGB).
      const converted = sharp(source, { page: n });
      if (meta.channels === 1 || meta.space === 'b-w') converted.toColourspace('b-w');
      png = new Uint8Array(await converted.png({ compressionLevel: 9 }).toBuffer());
    }
    const image = png ? embedPngAsIs(doc.context, png) ?? (await doc.embedPng(png)) : await doc.embedJpg(source);
    const { width, height } = image;
    const dpi = imageDpi({ width, height, density: meta.density }) ?? 72;
    const page = doc.addPage([(width * 72) / dpi, (height * 72) / dpi]);
    if (image instanceof PDFImage) page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    else {
      const key = page.node.newXObject('Image', image.ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(page.getWidth(), 0, 0, page.getHeight(), 0, 0), drawObject(key), popGraphicsState());
    }
    pages.push({ page, imageHeight: height, imageWidth: width, toUser: [72 / dpi, 0, 0, 72 / dpi, 0, 0] });
  }
  return pages;
}

