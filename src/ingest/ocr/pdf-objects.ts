/**
 * Per page, what the objects reader (pdf-object-reader.ts) tells without pdf.js: a scanner's
 * embedded JPEG to hand to OCR unchanged, fonts, size, layers, a CCITT scan, drawn annotations.
 * Going through pdf.js instead (decode JPEG → RGBA → PNG → decode again in the OCR worker) costs
 * more CPU than the OCR itself and is lossy in a different way from the scanner's original.
 * Anything this reader does not understand simply yields no fast path: the caller then falls back
 * to pdf.js extraction or rendering.
 */
import { pageLayers, type PageLayers } from './pdf-page-layers.js';
import { pageCcitt } from './pdf-ccitt.js';
import { soleImage } from './pdf-page-image.js';
import { PdfObjects } from './pdf-object-reader.js';
import type { PdfDict } from './pdf-values.js';

/** What the objects reader can tell about one page without pdf.js. */
export interface PageScan {
  /** The scanner JPEG when the page can go to OCR as is (see scannedJpegPages), else null. */
  jpeg: Uint8Array | null;
  /** The page has font resources, so it may carry a text layer (an image-only page cannot). */
  fonts: boolean;
  /** Width and height of the page's MediaBox in points, when it is readable. */
  sizePt?: [number, number];
  /** What lies under the page's text (pdf-page-layers.ts); absent when not readable. */
  layers?: PageLayers;
  /** Maker of the page's one CCITT G4 scan as a TIFF (pdf-ccitt.ts), when it is certain. */
  ccitt?: (() => Uint8Array | null) | null;
  /** The page has annotations with appearances (what a viewer draws over it: pdf-stamps.ts). */
  drawnAnnotations?: boolean;
}

/**
 * The scanner JPEG of each page, when the page is exactly one unrotated DCT-encoded grey or RGB
 * image with no mask or decode inversion; null for any other page (and all pages on any doubt).
 */
export function scannedJpegPages(data: Uint8Array): (Uint8Array | null)[] {
  return scanPages(data).map((p) => p.jpeg);
}

/** Per page: the scanner JPEG (as scannedJpegPages) and whether it has fonts; [] on any doubt. */
export function scanPages(data: Uint8Array): PageScan[] {
  let pdf: PdfObjects;
  let pages: PdfDict[];
  try { pdf = new PdfObjects(data); pages = pdf.pages(); } catch { return []; }
  return pages.map((page) => {
    let fonts = true; // on doubt, assume a text layer may be there
    const sizePt = mediaBoxSize(pdf, page);
    try {
      const resources = pdf.dict(page.Resources);
      fonts = !resources || resources.Font !== undefined;
      let layers: PageLayers | undefined;
      try { layers = fonts ? pageLayers(pdf, page, resources, sizePt) : undefined; } catch { /* unknown */ }
      const jpeg = pageJpeg(pdf, page, resources);
      let ccitt: (() => Uint8Array | null) | null = null;
      try { ccitt = jpeg ? null : pageCcitt(pdf, page, resources); } catch { /* pdf.js decodes it */ }
      return { jpeg, fonts, sizePt, layers, ccitt, drawnAnnotations: hasDrawnAnnotations(pdf, page) };
    } catch {
      return { jpeg: null, fonts, sizePt, drawnAnnotations: true }; // on doubt, the annotations are looked at
    }
  });
}

/** Annotations whose appearance may draw words onto the page (links and pop-ups draw none). */
const DRAWING_ANNOTATIONS = new Set(['Widget', 'FreeText', 'Stamp']);

/** Whether any of the page's form fields, free texts or stamps has an appearance (/AP): on doubt, true. */
function hasDrawnAnnotations(pdf: PdfObjects, page: PdfDict): boolean {
  try {
    const annots = pdf.get(page.Annots);
    return Array.isArray(annots) && annots.some((a) => { const d = pdf.dict(a); return d?.AP !== undefined && DRAWING_ANNOTATIONS.has(pdf.name(d.Subtype) ?? ''); });
  } catch {
    return true;
  }
}

/** The page's MediaBox (inherited ones included) as width and height in points. */
function mediaBoxSize(pdf: PdfObjects, page: PdfDict): [number, number] | undefined {
  try {
    const box = pdf.get(page.MediaBox);
    if (!Array.isArray(box) || box.length !== 4) return undefined;
    const [x0, y0, x1, y1] = box.map((v) => pdf.get(v));
    if (typeof x0 !== 'number' || typeof y0 !== 'number' || typeof x1 !== 'number' || typeof y1 !== 'number') return undefined;
    const w = Math.abs(x1 - x0), h = Math.abs(y1 - y0);
    return w > 0 && h > 0 ? [w, h] : undefined;
  } catch {
    return undefined;
  }
}

function pageJpeg(pdf: PdfObjects, page: PdfDict, resources: PdfDict | undefined): Uint8Array | null {
  const sole = soleImage(pdf, page, resources, 'DCTDecode');
  if (!sole || sole.img.Decode !== undefined) return null;
  const { img, ref } = sole;
  const cs = pdf.get(img.ColorSpace);
  const csName = pdf.name(cs);
  const iccN = Array.isArray(cs) && pdf.name(cs[0]) === 'ICCBased' ? pdf.dict(cs[1])?.N : undefined;
  if (!(csName === 'DeviceGray' || csName === 'DeviceRGB' || iccN === 1 || iccN === 3)) return null;
  const bytes = pdf.streamBytes(ref);
  return bytes && bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : null;
}
