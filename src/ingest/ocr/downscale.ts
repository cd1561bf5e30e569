/**
 * Reduce a page image finer than the OCR target resolution to that resolution (and narrow it, or a
 * page at the target, as image-resolution.ts says), grey, with a red seal lifted (red-ink.ts), with sharp
 * (libvips: decoding and resampling run on libuv's threads, off the event loop). The result is
 * a PGM, which tesseract.js's Leptonica reads without decompressing anything. This is only a
 * speed-up: an image sharp cannot read (BMP, say) or one already coarse enough goes to OCR as is,
 * and so does every image where sharp's native binary cannot be loaded.
 */
import type { Metadata, default as Sharp } from 'sharp';
import { imageDpi, reducedSize } from './image-resolution.js';
import { liftRedInk, MIN_RED_SHARE, redInkShare, redMask } from './red-ink.js';

let sharpLoaded: Promise<typeof Sharp | null> | undefined;
/** sharp, loaded on first use (text-only runs never load the native module), or null. libvips's
 * operation cache is off: no page is read twice, and a cached scan would hold memory. */
const loadSharp = () => (sharpLoaded ??= import('sharp').then((m) => { m.default.cache(false); return m.default; }, () => null));

/** An 8-bit grey image, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface OcrImage {
  /** Encoded image for the OCR engine. */
  image: Uint8Array;
  /** Pixel size of the input image; undefined when it could not be read here. */
  original?: { width: number; height: number };
  /** Pixel size of `image` when it was reduced; undefined when `image` is the input unchanged. */
  reduced?: { width: number; height: number };
  /** The grey pixels of `image` when it was reduced (it is their PGM). */
  grey?: GreyImage;
  /** Where a colour page with a red seal has red ink (1), in `image`'s pixels (red-print.ts reads red print beside the seal). */
  red?: GreyImage;
}

export interface ReduceOptions {
  /** Target resolution in dpi; 0 never reduces. */
  targetDpi: number;
  /** Size of the PDF page (MediaBox, points) that the image fills, when it comes from a PDF. */
  pageSizePt?: [number, number];
  /** Whether pages are read narrower than their proportions (default true; image-resolution.ts). */
  narrow?: boolean;
}

export async function reduceForOcr(image: Uint8Array, options: ReduceOptions): Promise<OcrImage> {
  if (!(options.targetDpi > 0)) return { image };
  const sharp = await loadSharp();
  if (!sharp) return { image };
  let meta: Metadata;
  try {
    meta = await sharp(image).metadata();
  } catch {
    return { image };
  }
  const { width, height } = meta;
  if (!width || !height) return { image };
  const original = { width, height };
  const dpi = imageDpi({ width, height, density: meta.density, pageSizePt: options.pageSizePt });
  const size = reducedSize(width, height, dpi, options.targetDpi, options.narrow);
  // A colour page with a red seal is read with the seal lifted (red-ink.ts), reduced or not.
  const red = (meta.channels ?? 1) >= 3 && (await hasRedInk(sharp, image));
  if (!size && !red) return { image, original };
  const target = size ?? original;
  try {
    const page = () => sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' });
    const { data, info } = await page()
      .greyscale()
      .resize(target.width, target.height, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) return { image, original };
    let mask: GreyImage | undefined;
    if (red) {
      const rgb = await page().resize(target.width, target.height, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      if (rgb.info.width === info.width && rgb.info.height === info.height) {
        // The red ink's place before the lift makes it paper.
        mask = redMask(rgb.data, rgb.info.channels, info.width, info.height);
        liftRedInk(data, rgb.data, rgb.info.channels);
      }
    }
    const reduced = pgm(data, info.width, info.height);
    // The pixels stay readable inside the PGM, with no second copy of the page.
    const grey = { data: reduced.subarray(reduced.length - info.width * info.height), width: info.width, height: info.height };
    return { image: reduced, original, reduced: { width: info.width, height: info.height }, grey, ...(mask ? { red: mask } : {}) };
  } catch {
    return { image, original };
  }
}

/** Whether a small copy of the page has red ink enough for a seal (red-ink.ts). */
async function hasRedInk(sharp: typeof Sharp, image: Uint8Array): Promise<boolean> {
  try {
    const { data, info } = await sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' }).resize(240).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return redInkShare(data, info.channels) >= MIN_RED_SHARE;
  } catch {
    return false;
  }
}

/** The grey pixels of an encoded image, or null when sharp cannot read it (or is missing). */
export async function greyPixels(image: Uint8Array): Promise<GreyImage | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    const { data, info } = await sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' }).greyscale().raw()
      .toBuffer({ resolveWithObject: true });
    return info.channels === 1 ? { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height } : null;
  } catch {
    return null;
  }
}

/** Binary PGM (P5) of 8-bit grey pixels. */
export function pgm(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + pixels.length);
  out.set(header, 0);
  out.set(pixels, header.length);
  return out;
}
