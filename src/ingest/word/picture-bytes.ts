/**
 * What the picture readers of every Word format share: which bytes are a raster picture OCR reads,
 * a bare DIB (as .doc and .rtf store bitmaps) made a BMP file, and the limits on sizes and counts.
 */
import { heifBrand } from '../image-format.js';
import { readZipEntry, type ZipEntry } from './zip.js';

/** A picture may unpack to at most this (a 600 dpi A4 colour scan as PNG is ~40 MB). */
export const MAX_PICTURE_BYTES = 96 * 1024 * 1024;
/** Pictures read at most: a body of thousands of small icons is not a scan. */
export const MAX_PICTURES = 300;
/**
 * All the pictures of one file unpack to at most this: a ZIP (.docx, .odt) of 300 parts each
 * inflating to the limit above would otherwise ask for 28 GB. Pictures past it are not read.
 */
export const MAX_PICTURES_TOTAL_BYTES = 384 * 1024 * 1024;

/**
 * The raster pictures of a ZIP package's parts (.docx, .odt), `parts` named in body order: each part
 * once, at most MAX_PICTURES, each at most MAX_PICTURE_BYTES unpacked and `totalBytes` in all; a
 * damaged or oversized part is skipped and the others are read. `keys` gets each picture's part name
 * (the key the text readers mark its place with, layout.ts).
 */
export function zipPictures(data: Uint8Array, entries: Map<string, ZipEntry>, parts: Iterable<string>, totalBytes = MAX_PICTURES_TOTAL_BYTES, keys?: string[]): Uint8Array[] {
  const seen = new Set<string>();
  const pictures: Uint8Array[] = [];
  let total = 0;
  for (const part of parts) {
    if (seen.has(part)) continue;
    seen.add(part);
    const entry = entries.get(part);
    if (!entry) continue;
    const budget = totalBytes - total;
    if (budget <= 0) break;
    try {
      const bytes = readZipEntry(data, entry, Math.min(MAX_PICTURE_BYTES, budget));
      if (isRaster(bytes)) pictures.push(bytes), keys?.push(part), total += bytes.length;
    } catch {
      continue;
    }
    if (pictures.length === MAX_PICTURES) break;
  }
  return pictures;
}

/**
 * Raster formats, by their first bytes: PNG, JPEG, TIFF, BMP, GIF, WebP, and HEIF (AVIF is read; a
 * HEIC photo, as Word on a Mac or a phone pastes it, is kept so its page can say it was not read).
 */
export function isRaster(b: Uint8Array): boolean {
  if (b.length < 12) return false;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return true;
  if (b[0] === 0xff && b[1] === 0xd8) return true;
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a)) return true;
  if (b[0] === 0x42 && b[1] === 0x4d) return true;
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return true;
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return true;
  return heifBrand(b) !== null;
}

/**
 * A device-independent bitmap (BITMAPINFOHEADER, palette, pixels) as a .bmp file: the 14-byte file
 * header in front, saying where the pixels start. Null when the header is not one a BMP reader takes.
 */
export function dibAsBmp(dib: Uint8Array): Uint8Array | null {
  if (dib.length < 40) return null;
  const v = new DataView(dib.buffer, dib.byteOffset, dib.byteLength);
  const headerSize = v.getUint32(0, true);
  if (headerSize !== 40 && headerSize !== 108 && headerSize !== 124) return null;
  const bitCount = v.getUint16(14, true), compression = v.getUint32(16, true), used = v.getUint32(32, true);
  if (![1, 4, 8, 16, 24, 32].includes(bitCount)) return null;
  const colours = used || (bitCount <= 8 ? 1 << bitCount : 0);
  // BI_BITFIELDS with the short header: three colour masks follow it.
  const masks = headerSize === 40 && compression === 3 ? 12 : 0;
  const pixels = 14 + headerSize + masks + 4 * colours;
  if (pixels - 14 > dib.length) return null;
  const out = new Uint8Array(14 + dib.length);
  const ov = new DataView(out.buffer);
  out[0] = 0x42; out[1] = 0x4d;
  ov.setUint32(2, out.length, true);
  ov.setUint32(10, pixels, true);
  out.set(dib, 14);
  return out;
}
