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
