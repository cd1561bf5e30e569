/**
 * A multi-page TIFF of noise (uncompressed 8-bit grey, one strip a page): what a scanner left
 * running or a damaged archive copy looks like to OCR, which finds thousands of specks to read.
 */
export function noiseTiff(pages: number, width: number, height: number, seed = 1): Uint8Array {
  const entries = 8;
  const ifdBytes = 2 + entries * 12 + 4;
  const pixels = width * height;
  const pageBytes = ifdBytes + pixels;
  const out = new Uint8Array(8 + pages * pageBytes);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]); // little-endian TIFF
  view.setUint32(4, 8, true);
  let state = seed >>> 0 || 1;
  for (let p = 0; p < pages; p++) {
    const ifd = 8 + p * pageBytes;
    const data = ifd + ifdBytes;
    const tags: [number, number, number][] = [
      [256, 4, width], [257, 4, height], [258, 3, 8], [259, 3, 1], [262, 3, 1], [273, 4, data], [278, 4, height], [279, 4, pixels],
    ];
    view.setUint16(ifd, entries, true);
    tags.forEach(([tag, type, value], k) => {
      const at = ifd + 2 + k * 12;
      view.setUint16(at, tag, true);
      view.setUint16(at + 2, type, true);
      view.setUint32(at + 4, 1, true);
      if (type === 3) view.setUint16(at + 8, value, true);
      else view.setUint32(at + 8, value, true);
    });
    view.setUint32(ifd + 2 + entries * 12, p + 1 < pages ? ifd + pageBytes : 0, true);
    for (let i = 0; i < pixels; i++) {
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5; // xorshift32
      out[data + i] = (state >>> 0) & 0x80 ? 0 : 255;
    }
  }
  return out;
}
