/**
 * A bilevel scanner page (CCITT Group 4, the archival format) handed to OCR from its own bytes:
 * the stream is wrapped in a one-strip TIFF, which sharp (libtiff) decodes. Through pdf-parse such
 * a page came out sheared whenever its width was not a multiple of 8 (the padding of each 1-bit
 * row was not skipped: epu-0006 page 2, 2460 px wide, read as junk). Only what is certain is taken
 * (Group 4, no byte alignment, no mask, columns = width); anything else falls back to pdf.js.
 */
import type { PdfDict, PdfObjectReader } from './pdf-values.js';
import { soleImage } from './pdf-page-image.js';


/** The page's one CCITT G4 image as a TIFF, or null. */
export function pageCcittTiff(pdf: PdfObjectReader, page: PdfDict, resources: PdfDict | undefined): Uint8Array | null {
  return pageCcitt(pdf, page, resources)?.() ?? null;
}

/** Whether the page's one image is CCITT G4 as taken here: then a maker of its TIFF (built when asked, so a long scan holds no copies). */
export function pageCcitt(pdf: PdfObjectReader, page: PdfDict, resources: PdfDict | undefined): (() => Uint8Array | null) | null {
  const sole = soleImage(pdf, page, resources, 'CCITTFaxDecode');
  if (!sole) return null;
  const { img, ref } = sole;
  const width = pdf.get(img.Width), height = pdf.get(img.Height);
  if (typeof width !== 'number' || typeof height !== 'number' || width <= 0 || height <= 0) return null;
  const parmsValue = pdf.get(img.DecodeParms);
  const parms = Array.isArray(parmsValue) ? pdf.dict(parmsValue[0]) : pdf.dict(parmsValue);
  const k = pdf.get(parms?.K) ?? 0, columns = pdf.get(parms?.Columns) ?? 1728;
  if (typeof k !== 'number' || k >= 0 || columns !== width || pdf.get(parms?.EncodedByteAlign) === true) return null;
  const decode = pdf.get(img.Decode);
  const inverted = Array.isArray(decode) && pdf.get(decode[0]) === 1;
  const blackIs1 = pdf.get(parms?.BlackIs1) === true;
  if (!pdf.streamBytes(ref)) return null;
  return () => {
    const data = pdf.streamBytes(ref);
    return data ? g4Tiff(data, width, height, blackIs1 !== inverted) : null;
  };
}

/**
 * A little-endian TIFF of one G4 strip. `blackShowsWhite`: the PDF draws the code's black runs as
 * white (BlackIs1 or an inverting Decode, not both), so the TIFF says black is zero.
 */
export function g4Tiff(data: Uint8Array, width: number, height: number, blackShowsWhite = false): Uint8Array {
  const SHORT = 3, LONG = 4;
  const entries: [number, number, number][] = [
    [256, LONG, width], [257, LONG, height], [258, SHORT, 1], [259, SHORT, 4], [262, SHORT, blackShowsWhite ? 1 : 0],
    [273, LONG, 0], [277, SHORT, 1], [278, LONG, height], [279, LONG, data.length], [293, LONG, 0],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataAt = 8 + ifdSize;
  const out = new Uint8Array(dataAt + data.length);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0], 0);
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, 1, true);
    if (type === SHORT) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, tag === 273 ? dataAt : value, true);
  });
  view.setUint32(10 + entries.length * 12, 0, true);
  out.set(data, dataAt);
  return out;
}

/** The TIFF as a grey PNG that any OCR engine reads, or null when sharp cannot decode it. */
export async function ccittPng(tiff: Uint8Array): Promise<Uint8Array | null> {
  try {
    const sharp = (await import('sharp')).default;
    return new Uint8Array(await sharp(tiff, { limitInputPixels: false }).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer());
  } catch {
    return null;
  }
}
