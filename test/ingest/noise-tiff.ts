/**
 * A multi-page TIFF of noise (uncompressed 8-bit grey, one strip a page): what a scanner left
 * running or a damaged archive copy looks like to OCR, which finds thousands of specks to read.
 */
/** One page of 8-bit grey pixels, row by row. */
export interface GreyPage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An uncompressed multi-page TIFF (little-endian, 8-bit grey, one strip a page): each page's directory, then its pixels. */
export function greyTiff(pages: readonly GreyPage[]): Uint8Array {
  const entries = 8;
  const ifdBytes = 2 + entries * 12 + 4;
  const out = new Uint8Array(8 + pages.reduce((a, p) => a + ifdBytes + p.data.length, 0));
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  let ifd = 8;
  pages.forEach((page, p) => {
    const data = ifd + ifdBytes;
    const tags: [number, number, number][] = [
      [256, 4, page.width], [257, 4, page.height], [258, 3, 8], [259, 3, 1], [262, 3, 1], [273, 4, data], [278, 4, page.height], [279, 4, page.data.length],
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
    const next = data + page.data.length;
    view.setUint32(ifd + 2 + entries * 12, p + 1 < pages.length ? next : 0, true);
    out.set(page.data, data);
    ifd = next;
  });
  return out;
}

export function noiseTiff(pages: number, width: number, height: number, seed = 1): Uint8Array {
  let state = seed >>> 0 || 1;
  const list = Array.from({ length: pages }, () => {
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) {
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5; // xorshift32
      data[i] = (state >>> 0) & 0x80 ? 0 : 255;
    }
    return { width, height, data };
  });
  return greyTiff(list);
}
