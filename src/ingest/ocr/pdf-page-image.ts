/**
 * A scanned PDF page is one image drawn over the page: find it, when it is the page's only image,
 * unrotated, unmasked and stored with the one filter the caller can hand on as it is.
 */
import { isRef, type PdfDict, type PdfObjectReader, type PdfRef } from './pdf-values.js';

export function soleImage(pdf: PdfObjectReader, page: PdfDict, resources: PdfDict | undefined, filterName: string): { ref: PdfRef; img: PdfDict } | null {
  const rotate = pdf.get(page.Rotate);
  if (typeof rotate === 'number' && rotate % 360 !== 0) return null;
  const xobjects = pdf.dict(resources?.XObject);
  if (!xobjects) return null;
  const images = Object.values(xobjects).filter((ref) => pdf.name(pdf.dict(ref)?.Subtype) === 'Image');
  if (images.length !== 1 || !isRef(images[0])) return null;
  const img = pdf.dict(images[0])!;
  const filter = pdf.get(img.Filter);
  const filters = Array.isArray(filter) ? filter.map((f) => pdf.name(f)) : [pdf.name(filter)];
  if (filters.length !== 1 || filters[0] !== filterName) return null;
  if (img.SMask !== undefined || img.Mask !== undefined || img.ImageMask === true) return null;
  return { ref: images[0], img };
}
