/**
 * What lies under a page's text layer, read from the PDF objects: whether the text is drawn
 * invisibly (text render mode 3, the way scanners and OCR tools lay their reading over the page
 * image) and whether an image covers the page (a scan: as tall and wide as the page, in its
 * proportions). Either means the text layer is someone's OCR of the image, not the author's text,
 * and may be worse than reading the image again. Anything not understood counts as "no".
 */
import { inflateSync } from 'node:zlib';
import { isRef, type PdfDict, type PdfObjectReader, type PdfValue } from './pdf-values.js';

export interface PageLayers {
  /** The page's content draws text in render mode 3 (invisible). */
  invisibleText: boolean;
  /** An image in the page's proportions, at a scan's resolution for the page's size, is drawn on it. */
  pageImage: boolean;
}

/** Coarser than this over the page's width (a phone photo is about 90), an image is a thumbnail, not a scan. */
const MIN_DPI = 60;
/** A page scan keeps the page's proportions within this share (scanner margins, crops). */
const ASPECT_TOLERANCE = 0.12;
/** Content streams are read up to this size; a longer one is not looked into further. */
const MAX_CONTENT_BYTES = 8 << 20;
const RENDER_MODE_3 = /(?:^|[\s\]>)])3\s+Tr(?![A-Za-z])/;

export function pageLayers(pdf: PdfObjectReader, page: PdfDict, resources: PdfDict | undefined, sizePt: [number, number] | undefined): PageLayers {
  return { invisibleText: drawsInvisibleText(pdf, page.Contents, resources, 0), pageImage: sizePt ? hasPageImage(pdf, resources, sizePt, 0) : false };
}

function hasPageImage(pdf: PdfObjectReader, resources: PdfDict | undefined, [w, h]: [number, number], depth: number): boolean {
  const xobjects = pdf.dict(resources?.XObject);
  if (!xobjects || depth > 3) return false;
  for (const ref of Object.values(xobjects)) {
    const x = pdf.dict(ref);
    const subtype = pdf.name(x?.Subtype);
    if (subtype === 'Form' && hasPageImage(pdf, pdf.dict(x!.Resources), [w, h], depth + 1)) return true;
    if (subtype !== 'Image') continue;
    const iw = pdf.get(x!.Width), ih = pdf.get(x!.Height);
    if (typeof iw !== 'number' || typeof ih !== 'number' || iw <= 0 || ih <= 0) continue;
    // Either orientation: a page may be rotated by /Rotate or by the image's placement.
    const page = w / h;
    const fits = ([across, aspect]: [number, number]) => Math.abs(aspect - page) / page <= ASPECT_TOLERANCE && across / (w / 72) >= MIN_DPI;
    if (fits([iw, iw / ih]) || fits([ih, ih / iw])) return true;
  }
  return false;
}

function drawsInvisibleText(pdf: PdfObjectReader, contents: PdfValue | undefined, resources: PdfDict | undefined, depth: number): boolean {
  const value = pdf.get(contents);
  const refs = Array.isArray(value) ? value : contents !== undefined ? [contents] : [];
  for (const ref of refs) {
    const text = contentText(pdf, ref);
    if (text !== undefined && RENDER_MODE_3.test(text)) return true;
  }
  // Text inside a form XObject the page draws (some tools put the OCR layer there).
  const xobjects = pdf.dict(resources?.XObject);
  if (!xobjects || depth > 2) return false;
  for (const ref of Object.values(xobjects)) {
    const x = pdf.dict(ref);
    if (pdf.name(x?.Subtype) === 'Form' && drawsInvisibleText(pdf, ref, pdf.dict(x!.Resources), depth + 1)) return true;
  }
  return false;
}

/** A content stream's operators as latin1 text (unfiltered or Flate), or undefined. */
function contentText(pdf: PdfObjectReader, ref: PdfValue): string | undefined {
  if (!isRef(ref)) return undefined;
  const dict = pdf.dict(ref);
  const bytes = pdf.streamBytes(ref);
  if (!dict || !bytes) return undefined;
  const filter = pdf.get(dict.Filter);
  const filters = Array.isArray(filter) ? filter.map((f) => pdf.name(f)) : filter === undefined ? [] : [pdf.name(filter)];
  try {
    if (filters.length === 0) return Buffer.from(bytes.subarray(0, MAX_CONTENT_BYTES)).toString('latin1');
    if (filters.length === 1 && filters[0] === 'FlateDecode') return inflateSync(bytes, { maxOutputLength: MAX_CONTENT_BYTES }).toString('latin1');
  } catch {
    // A stream over the size limit or damaged: not looked into.
  }
  return undefined;
}
