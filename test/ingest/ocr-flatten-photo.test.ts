import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { flattenPhoto, greyCopy } from '../../src/ingest/ocr/flatten-photo.js';
import { MEASURE_SIDE } from '../../src/ingest/ocr/straighten.js';
import { mapPoint, invert3, squareToQuad, type Quad } from '../../src/ingest/ocr/homography.js';
import { findPageQuad, otsu } from '../../src/ingest/ocr/page-quad.js';

const W = 1200, H = 1600;
const CORNERS: Quad = [[130, 90], [1080, 140], [1120, 1500], [70, 1440]];

/** A page (white, with dark bars for lines of print) lying in perspective on a ground of the given grey. */
async function photo(ground: number, corners: Quad = CORNERS): Promise<Uint8Array> {
  const page = corners.map(([x, y]) => `${x},${y}`).join(' ');
  const toPhoto = squareToQuad(corners);
  const bars: string[] = [];
  for (let k = 0; k < 20; k++) {
    const v = 0.1 + k * 0.04;
    const [a, b, c, d] = [[0.1, v], [0.9, v], [0.9, v + 0.012], [0.1, v + 0.012]].map(([u, t]) => mapPoint(toPhoto, u!, t!));
    bars.push(`<polygon points="${[a, b, c, d].map((p) => p!.join(',')).join(' ')}" fill="#222"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="rgb(${ground},${ground},${ground})"/><polygon points="${page}" fill="#f2f2f2"/>${bars.join('')}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer());
}

/** The grey copy straightenPage makes and hands to flattenPhoto (the same size). */
const grey = (image: Uint8Array) => greyCopy(sharp, image, MEASURE_SIDE);

describe('a photographed page cut out of its desk and flattened', () => {
  it('finds the corners of a page lying in perspective on a darker ground', async () => {
    const g = await grey(await photo(70));
    const quad = findPageQuad(g);
    assert.ok(quad, 'a page on a desk is found');
    const scale = g.width / W;
    quad.forEach(([x, y], i) => {
      const [ex, ey] = CORNERS[i]!;
      assert.ok(Math.hypot(x - ex * scale, y - ey * scale) < 10, `corner ${i}: ${x},${y} vs ${ex * scale},${ey * scale}`);
    });
  });

  it('leaves alone a scan whose page fills the image, and a page on a ground nearly as light', async () => {
    const scan = new Uint8Array(await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f4f4f4"/><rect x="100" y="200" width="900" height="20" fill="#222"/><rect x="100" y="260" width="900" height="20" fill="#222"/></svg>`)).png().toBuffer());
    assert.equal(findPageQuad(await grey(scan)), null);
    assert.equal(await flattenPhoto(sharp, scan, await grey(scan)), null);
    assert.equal(findPageQuad(await grey(await photo(215))), null, 'no darker ground, no cut');
  });

  it('leaves alone a page running off the frame (no corner in view)', async () => {
    const off: Quad = [[-40, 90], [1080, 140], [1120, 1500], [70, 1440]];
    assert.equal(findPageQuad(await grey(await photo(70, off))), null);
  });

  it('flattens the page so its lines run level, and takes word boxes back to the photo', async () => {
    const image = await photo(70);
    const flat = await flattenPhoto(sharp, image, await grey(image));
    assert.ok(flat);
    const meta = await sharp(flat.image).metadata();
    // The flat page is about as large as the page in the photo.
    assert.ok(Math.abs(meta.width! - 1000) < 60 && Math.abs(meta.height! - 1370) < 80, `${meta.width}×${meta.height}`);
    // Each bar of print is one level band of dark rows: a row through a bar is dark from end to end of the bar.
    const { data, info } = await sharp(flat.image).greyscale().raw().toBuffer({ resolveWithObject: true });
    const rowDark = (y: number) => { let n = 0; for (let x = Math.round(info.width * 0.15); x < info.width * 0.85; x++) if (data[y * info.width + x]! < 100) n++; return n / (info.width * 0.7); };
    const bar = Math.round((0.1 + 0.006) * info.height);
    assert.ok(rowDark(bar) > 0.95, `row through the first bar: ${rowDark(bar)}`);
    assert.ok(rowDark(bar + Math.round(0.02 * info.height)) < 0.05, 'the gap under it is clear');
    // A box at the flat page's top-left corner maps back near the page's corner in the photo.
    const [w] = flat.wordsInPhoto([{ text: 'x', confidence: 90, bbox: [0, 0, 10, 10], line: 1 }]);
    assert.ok(Math.hypot(w!.bbox[0] - CORNERS[0][0], w!.bbox[1] - CORNERS[0][1]) < 15, `${w!.bbox}`);
  });

  it('computes a homography and its inverse that undo each other', () => {
    const m = squareToQuad(CORNERS), back = invert3(m);
    const [x, y] = mapPoint(m, 0.3, 0.7);
    const [u, v] = mapPoint(back, x, y);
    assert.ok(Math.abs(u - 0.3) < 1e-9 && Math.abs(v - 0.7) < 1e-9);
    assert.deepEqual(mapPoint(m, 1, 0).map(Math.round), CORNERS[1]);
  });

  it('splits grey levels at Otsu\'s threshold', () => {
    const two = new Uint8Array(1000).map((_, i) => (i < 400 ? 40 : 220));
    const t = otsu(two);
    assert.ok(t >= 40 && t < 220, `${t}`);
  });
});
