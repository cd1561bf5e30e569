/**
 * Multi-page TIFF → one single-page TIFF per page, without decoding pixels. Leptonica (inside
 * tesseract.js) reads only the first IFD of a TIFF, so each page is exposed as its own file: a
 * copy whose header points at that page's IFD and whose IFD ends the chain. Every offset in a
 * TIFF is absolute, so the copy stays valid. BigTIFF is not handled (rejected with a message).
 */

export function isTiff(data: Uint8Array): boolean {
  return data.length >= 8 && ((data[0] === 0x49 && data[1] === 0x49 && data[2] === 42 && data[3] === 0)
    || (data[0] === 0x4d && data[1] === 0x4d && data[2] === 0 && data[3] === 42));
}

/** Offsets of every IFD (one per page), following the chain; stops at loops or bad offsets. */
export function tiffPageOffsets(data: Uint8Array): number[] {
  if (!isTiff(data)) throw new Error('not a TIFF file (or BigTIFF, which is not supported)');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = data[0] === 0x49;
  const offsets: number[] = [];
  const seen = new Set<number>();
  let ifd = view.getUint32(4, le);
  while (ifd !== 0) {
    if (seen.has(ifd) || ifd + 2 > data.length) break;
    const count = view.getUint16(ifd, le);
    const next = ifd + 2 + count * 12;
    if (next + 4 > data.length) break;
    seen.add(ifd);
    offsets.push(ifd);
    ifd = view.getUint32(next, le);
  }
  if (offsets.length === 0) throw new Error('TIFF has no readable image directory');
  return offsets;
}

/** A standalone TIFF showing only the page whose IFD starts at `ifdOffset`. */
export function tiffSinglePage(data: Uint8Array, ifdOffset: number): Uint8Array {
  // A real copy: on a Node Buffer (a file as read) .slice() is a view of the same bytes.
  const copy = new Uint8Array(data);
  const view = new DataView(copy.buffer);
  const le = copy[0] === 0x49;
  view.setUint32(4, ifdOffset, le);
  const count = view.getUint16(ifdOffset, le);
  view.setUint32(ifdOffset + 2 + count * 12, 0, le);
  return copy;
}

const COMPRESSION = 259;
/**
 * The compressions Leptonica inside tesseract.js reads: none, CCITT RLE/G3/G4, LZW, PackBits.
 * Scanners and editors also write JPEG (6, 7), Deflate (8, 32946), LZMA, ZSTD and WebP TIFFs,
 * which it fails on as "failed to read tiffdata": those pages are decoded by sharp instead.
 */
const LEPTONICA_COMPRESSIONS = new Set([1, 2, 3, 4, 5, 32773]);

/** The compression tag of the page at `ifdOffset` (1, none, when it has none). */
export function tiffCompression(data: Uint8Array, ifdOffset: number): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = data[0] === 0x49;
  const count = view.getUint16(ifdOffset, le);
  for (let k = 0; k < count; k++) {
    const at = ifdOffset + 2 + k * 12;
    if (at + 12 > data.length) break;
    if (view.getUint16(at, le) === COMPRESSION) return view.getUint16(at + 8, le);
  }
  return 1;
}

/** Whether the engines read a page stored with this compression as it is. */
export const engineReadsCompression = (compression: number): boolean => LEPTONICA_COMPRESSIONS.has(compression);

const COMPRESSION_NAMES: Record<number, string> = { 6: 'old-style JPEG', 7: 'JPEG', 8: 'Deflate', 32946: 'Deflate', 34661: 'JBIG', 34712: 'JPEG 2000', 34887: 'LERC', 34925: 'LZMA', 50000: 'ZSTD', 50001: 'WebP' };
/** "LZMA (TIFF compression 34925)". */
export const compressionName = (n: number) => `${COMPRESSION_NAMES[n] ?? 'an unknown compression'} (TIFF compression ${n})`;

const STRIP_OFFSETS = 273, STRIP_BYTE_COUNTS = 279, TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325;
const TYPE_SIZE: Record<number, number> = { 3: 2, 4: 4 };

/**
 * Why a TIFF is cut short, or null: a directory chained past the end of the file, or a page's
 * image data (strips or tiles) running past it. The chain walk above stops quietly at such a
 * pointer, which would drop the last pages of a file cut short without a word.
 */
export function tiffTruncation(data: Uint8Array): string | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = data[0] === 0x49;
  const offsets = tiffPageOffsets(data);
  for (const [i, ifd] of offsets.entries()) {
    const end = pageDataEnd(view, ifd, le);
    if (end > data.length) return `the file is cut short: the image data of page ${i + 1} runs to byte ${end.toLocaleString('en')}, past its end (${data.length.toLocaleString('en')} bytes)`;
  }
  const last = offsets[offsets.length - 1]!;
  const next = view.getUint32(last + 2 + view.getUint16(last, le) * 12, le);
  if (next !== 0 && next + 2 > data.length) return `the file is cut short: the directory of page ${offsets.length + 1} starts at byte ${next.toLocaleString('en')}, past its end (${data.length.toLocaleString('en')} bytes)`;
  return null;
}

/** The furthest byte a page's strips or tiles reach (0 when the IFD names none it can read). */
function pageDataEnd(view: DataView, ifd: number, le: boolean): number {
  const entries = new Map<number, number[]>();
  const count = view.getUint16(ifd, le);
  for (let k = 0; k < count; k++) {
    const at = ifd + 2 + k * 12;
    const tag = view.getUint16(at, le);
    if (![STRIP_OFFSETS, STRIP_BYTE_COUNTS, TILE_OFFSETS, TILE_BYTE_COUNTS].includes(tag)) continue;
    const size = TYPE_SIZE[view.getUint16(at + 2, le)];
    const n = view.getUint32(at + 4, le);
    if (!size) continue;
    const base = n * size <= 4 ? at + 8 : view.getUint32(at + 8, le);
    if (base + n * size > view.byteLength) return base + n * size;
    entries.set(tag, Array.from({ length: n }, (_, j) => (size === 2 ? view.getUint16(base + j * size, le) : view.getUint32(base + j * size, le))));
  }
  let end = 0;
  for (const [offsetsTag, countsTag] of [[STRIP_OFFSETS, STRIP_BYTE_COUNTS], [TILE_OFFSETS, TILE_BYTE_COUNTS]] as const) {
    const starts = entries.get(offsetsTag) ?? [];
    const lengths = entries.get(countsTag) ?? [];
    starts.forEach((s, j) => (end = Math.max(end, s + (lengths[j] ?? 0))));
  }
  return end;
}
