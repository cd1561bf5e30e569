/**
 * A phone photo of a page on a desk, flattened: the page cut out along its edges (page-quad.ts)
 * and mapped onto a rectangle, one bilinear resampling at the photo's own resolution. Word boxes
 * read on the flat page are taken back into the photo's pixels (the bounding box of each box's
 * corners mapped back), so provenance and the review page keep pointing at the image as given.
 */
import type { OcrWord } from '../../core/document.js';
import type { GreyImage } from './downscale.js';
import { mapPoint, squareToQuad, type Point, type Quad } from './homography.js';
import { findPageQuad, flatSize } from './page-quad.js';

type SharpModule = typeof import('sharp').default;

/** A grey copy of the image, its long side at most `side` (the page geometry is measured on it too). */
export async function greyCopy(sharp: SharpModule, image: Uint8Array, side: number): Promise<GreyImage> {
  const { data, info } = await sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' }).greyscale()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error('the grey copy is not one channel');
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** The corners are moved this share towards the page's centre: the edge itself and its shadow stay out. */
const INSET = 0.006;

export interface FlatPage {
  /** The flat page, an uncompressed TIFF. */
  image: Uint8Array;
  /** The page's corners in the photo's pixels. */
  quad: Quad;
  /** Word boxes on the flat page → boxes in the photo's pixels. */
  wordsInPhoto: (words: OcrWord[]) => OcrWord[];
}

/**
 * The photo's page flattened, or null when the image is not a page lying on a darker ground.
 * `small`: the grey copy of the image the page geometry is measured on too (straighten.ts MEASURE_SIDE).
 */
export async function flattenPhoto(sharp: SharpModule, image: Uint8Array, small: GreyImage): Promise<FlatPage | null> {
  const found = findPageQuad(small);
  if (!found) return null;
  const full = await sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = full.info;
  const sx = width / small.width, sy = height / small.height;
  const cx = found.reduce((s, p) => s + p[0], 0) / 4, cy = found.reduce((s, p) => s + p[1], 0) / 4;
  const quad = found.map(([x, y]) => [(x + (cx - x) * INSET + 0.5) * sx, (y + (cy - y) * INSET + 0.5) * sy] as Point) as Quad;
  const size = flatSize(quad);
  const toPhoto = squareToQuad(quad);
  const src = full.data, out = Buffer.alloc(size.width * size.height * channels, 255);
  const uScale = 1 / Math.max(1, size.width - 1), vScale = 1 / Math.max(1, size.height - 1);
  for (let v = 0; v < size.height; v++) {
    for (let u = 0; u < size.width; u++) {
      const [x, y] = mapPoint(toPhoto, u * uScale, v * vScale);
      if (x < 0 || y < 0 || x >= width - 1 || y >= height - 1) continue;
      const x0 = x | 0, y0 = y | 0, fx = x - x0, fy = y - y0;
      const k = (y0 * width + x0) * channels, o = (v * size.width + u) * channels;
      for (let c = 0; c < channels; c++) {
        const a = src[k + c]!, b = src[k + channels + c]!, d = src[k + width * channels + c]!, e = src[k + (width + 1) * channels + c]!;
        out[o + c] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy + 0.5;
      }
    }
  }
  const flat = new Uint8Array(await sharp(out, { raw: { width: size.width, height: size.height, channels } }).tiff({ compression: 'none' }).toBuffer());
  const wordsInPhoto = (words: OcrWord[]) => words.map((w) => {
    const [x1, y1, x2, y2] = w.bbox;
    const corners = [[x1, y1], [x2, y1], [x2, y2], [x1, y2]].map(([u, v]) => mapPoint(toPhoto, u! * uScale, v! * vScale));
    const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
    const clamp = (n: number, max: number) => Math.min(max, Math.max(0, Math.round(n)));
    return { ...w, bbox: [clamp(Math.min(...xs), width), clamp(Math.min(...ys), height), clamp(Math.max(...xs), width), clamp(Math.max(...ys), height)] as OcrWord['bbox'] };
  });
  return { image: flat, quad, wordsInPhoto };
}
