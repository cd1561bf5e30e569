/**
 * Just enough of OfficeArt ([MS-ODRAW]), the drawing records of Word 97–2003 .doc files, to take
 * out pictures: record headers, the picture store's entries (FBSE) and the bitmap BLIPs they hold
 * or point to. Every length is checked against its buffer: a record cut short reads as none.
 */
import { dibAsBmp, isRaster, MAX_PICTURE_BYTES } from './picture-bytes.js';

export interface OfficeArtRecord { ver: number; instance: number; type: number; body: number; end: number }

export const FBSE = 0xf007;
const BLIP_JPEG = 0xf01d, BLIP_PNG = 0xf01e, BLIP_DIB = 0xf01f, BLIP_TIFF = 0xf029, BLIP_JPEG_CMYK = 0xf02a;
const BITMAP_BLIPS = new Set([BLIP_JPEG, BLIP_PNG, BLIP_DIB, BLIP_TIFF, BLIP_JPEG_CMYK]);

/** The record header at `at` (its body from `body` to `end`), or null when it does not fit in `limit`. */
export function recordAt(bytes: Uint8Array, at: number, limit = bytes.length): OfficeArtRecord | null {
  if (at < 0 || at + 8 > limit) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const verInstance = v.getUint16(at, true);
  const end = at + 8 + v.getUint32(at + 4, true);
  if (end > limit) return null;
  return { ver: verInstance & 0xf, instance: verInstance >> 4, type: v.getUint16(at + 2, true), body: at + 8, end };
}

/** The records one after another in [start, end), each container's children too (depth first), in order. */
export function* records(bytes: Uint8Array, start: number, end: number, depth = 0): Generator<OfficeArtRecord> {
  for (let at = start; at < end; ) {
    const r = recordAt(bytes, at, end);
    if (!r) return; // cut short: what came before stands
    yield r;
    if (r.ver === 0xf && depth < 16) yield* records(bytes, r.body, r.end, depth + 1);
    at = r.end;
  }
}

/**
 * The raster picture of a picture-store entry (FBSE at `fbse` in `bytes`): its BLIP follows it
 * (embedded, as in the Data stream) or lies at its foDelay offset in `delay` (the WordDocument
 * stream, for floating shapes). Null for metafiles (EMF, WMF, PICT) and damaged records.
 */
export function fbsePicture(bytes: Uint8Array, fbse: OfficeArtRecord, delay: Uint8Array): Uint8Array | null {
  if (fbse.type !== FBSE || fbse.body + 36 > fbse.end) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blipSize = v.getUint32(fbse.body + 20, true);
  const foDelay = v.getUint32(fbse.body + 28, true);
  const embedded = fbse.body + 36 + bytes[fbse.body + 33]!; // after the entry's name
  if (embedded < fbse.end) return blipPicture(bytes, embedded, fbse.end);
  if (blipSize === 0 || foDelay === 0xffffffff) return null;
  return blipPicture(delay, foDelay, Math.min(delay.length, foDelay + blipSize));
}

/** A bitmap BLIP record's picture: past one or two 16-byte ids (odd instances have two) and a tag byte. */
export function blipPicture(bytes: Uint8Array, at: number, limit: number): Uint8Array | null {
  const r = recordAt(bytes, at, limit);
  if (!r || !BITMAP_BLIPS.has(r.type) || r.end - r.body > MAX_PICTURE_BYTES) return null;
  const start = r.body + 16 * ((r.instance & 1) + 1) + 1;
  if (start >= r.end) return null;
  const data = bytes.subarray(start, r.end);
  const file = r.type === BLIP_DIB ? dibAsBmp(data) : data;
  return file && isRaster(file) ? file : null;
}
