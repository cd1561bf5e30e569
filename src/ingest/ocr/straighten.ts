/**
 * A page image turned upright and deskewed before OCR (issue 14: real archives come rotated and
 * skewed, and Tesseract reads a page turned a quarter as noise and loses words on a tilted one).
 * A small grey copy is measured (page-geometry.ts); only a page that needs it is redrawn, once,
 * with sharp (one rotation by the quarter turn less the skew, cut back to the page's size about
 * its centre) and handed on losslessly as an uncompressed TIFF. An upright page within MIN_DESKEW is not touched:
 * no resampling, the same bytes go on. Word boxes read on the straightened image are taken back
 * into the input image's pixels (the bounding box of each turned box), so provenance, the review
 * page and the searchable PDF keep pointing at the image the user gave.
 */
import type { OcrWord } from '../../core/document.js';
import { flattenPhoto, greyCopy } from './flatten-photo.js';
import type { GreyImage } from './downscale.js';
import type { Quad } from './homography.js';
import { inkPoints } from './ink-points.js';
import { pageGeometry, type PageGeometry } from './page-geometry.js';

/** A skew below this (degrees) is left alone: Tesseract reads it as well, and resampling would blur. */
export const MIN_DESKEW = 0.3;
/**
 * A page is deskewed only when it is skewed rigidly: its top and bottom halves of lines (measured
 * apart) lean alike. Slope changing down the page (a photo in perspective, a curled page) grows
 * roughly evenly, so the lines at the page's top and bottom edges differ by about twice what the
 * halves' centres do; past this spread no single rotation brings them all within MIN_DESKEW, and
 * a rotation of a photo brings its page edge and the desk into the header lines. Measured spread:
 * pages turned rigidly (scripts/realistic/skew.ts) 0–0.1°, synthetic phone photos 0–3.4°.
 */
export const MAX_SKEW_SPREAD = MIN_DESKEW;
/** Long side of the copy the geometry is measured on (about 85 dpi for A4). */
export const MEASURE_SIDE = 1000;
/** A skew found at the edge of the search is not one: a drawing, a photo, a page edge. */
const MAX_TRUSTED_SKEW = 5.5;

export interface Straightened {
  /** The image to read: the input itself when nothing was changed. */
  image: Uint8Array;
  /** Clockwise quarter turn applied (0: none). */
  turn: PageGeometry['turn'];
  /** Skew removed, degrees (0: none). */
  skew: number;
  /** What was measured, whether acted on or not. */
  geometry: PageGeometry | null;
  /** A skew worth removing was measured but left, because the page's halves lean differently (MAX_SKEW_SPREAD). */
  skewNotRigid: boolean;
  /** Word boxes on `image` → boxes in the input image's pixels. */
  wordsInInput: (words: OcrWord[]) => OcrWord[];
  /** A photo's page corners (in the input's pixels) when it was cut out and flattened first. */
  flattened?: Quad;
  /** The profiles said the page lay turned a quarter, but a band of it read no better turned: left as it lies. */
  quarterRefused?: boolean;
}

type SharpModule = typeof import('sharp').default;
let sharpLoaded: Promise<SharpModule | null> | undefined;
const loadSharp = () => (sharpLoaded ??= import('sharp').then((m) => m.default, () => null));

const unchanged = (image: Uint8Array, geometry: PageGeometry | null = null): Straightened => ({ image, turn: 0, skew: 0, geometry, skewNotRigid: false, wordsInInput: (w) => w });

export interface StraightenOptions {
  /** Mean OCR word confidence (0–100) of an image: used only on a page whose way up the ink cannot
   * tell (PageGeometry.halfUnsure), to read a strip of it both ways. */
  readConfidence?: (image: Uint8Array) => Promise<number>;
  /** Whether a photo of a page on a darker ground is cut out and flattened first (default true). */
  flattenPhotos?: boolean;
}

/** An upside-down reading must be this much more confident (mean word confidence) to turn the page. */
const HALF_BY_OCR_MARGIN = 10;
/** A quarter-turned reading must lead the page as it lies by this much (a sideways page's band reads as noise). */
const QUARTER_BY_OCR_MARGIN = 10;

/**
 * The page upright and level, or as it is when it already is, cannot be measured, or sharp is
 * missing; a photo of a page lying on a desk is first flattened (flatten-photo.ts).
 */
export async function straightenPage(image: Uint8Array, options: StraightenOptions = {}): Promise<Straightened> {
  const sharp = await loadSharp();
  if (!sharp) return unchanged(image);
  // One small grey copy serves both the search for a photo's page and, when there is none, the geometry.
  const measured = await greyCopy(sharp, image, MEASURE_SIDE).catch(() => null);
  const flat = options.flattenPhotos === false || !measured ? null : await flattenPhoto(sharp, image, measured).catch(() => null);
  const upright = await straightenUpright(sharp, flat?.image ?? image, options, flat ? null : measured);
  if (!flat) return upright;
  return { ...upright, flattened: flat.quad, wordsInInput: (words) => flat.wordsInPhoto(upright.wordsInInput(words)) };
}

async function straightenUpright(sharp: SharpModule, image: Uint8Array, options: StraightenOptions, measured: GreyImage | null): Promise<Straightened> {
  let geometry: PageGeometry;
  let width: number, height: number, channels: number, density: number | undefined;
  try {
    const meta = await sharp(image).metadata();
    if (!meta.width || !meta.height) return unchanged(image);
    ({ width, height } = meta);
    channels = meta.channels ?? 1;
    density = meta.density;
    geometry = pageGeometry(inkPoints(measured ?? await greyCopy(sharp, image, MEASURE_SIDE)));
  } catch {
    return unchanged(image);
  }
  if (!geometry.confident) return unchanged(image, geometry);
  if ((geometry.turn === 90 || geometry.turn === 270) && options.readConfidence) {
    // A quarter turn rests on profiles alone, which a photo's desk edge or shadow can sway: the
    // page is turned only when a band of it reads clearly better turned than as it lies.
    if (!(await quarterTurnReadsBetter(sharp, image, geometry, options.readConfidence))) return { ...unchanged(image, geometry), quarterRefused: true };
  }
  if (geometry.halfUnsure && options.readConfidence) geometry = await settledByReading(sharp, image, geometry, options.readConfidence);
  const skewed = Math.abs(geometry.skew) >= MIN_DESKEW && Math.abs(geometry.skew) <= MAX_TRUSTED_SKEW;
  const skewNotRigid = skewed && !rigid(geometry);
  const skew = skewed && !skewNotRigid ? geometry.skew : 0;
  const turn = geometry.turn;
  if (turn === 0 && skew === 0) return { ...unchanged(image, geometry), skewNotRigid };
  const quarter = turn === 90 || turn === 270;
  const out = { width: quarter ? height : width, height: quarter ? width : height };
  try {
    // One resampling: the quarter turn less the skew, about the centre, white where the corners come in.
    let turned = sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' });
    if (channels < 3) turned = turned.greyscale();
    turned = turned.rotate(turn - skew, { background: '#ffffff' });
    if (skew !== 0) {
      // libvips grows the canvas to hold the tilted page: cut it back to the page about its centre.
      const { data, info } = await turned.raw().toBuffer({ resolveWithObject: true });
      turned = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .extract({ left: Math.max(0, Math.round((info.width - out.width) / 2)), top: Math.max(0, Math.round((info.height - out.height) / 2)), width: Math.min(out.width, info.width), height: Math.min(out.height, info.height) });
    }
    if (channels < 3) turned = turned.toColourspace('b-w');
    if (density) turned = turned.withMetadata({ density });
    // Uncompressed TIFF: written and read again at memory speed (PNG cost 1.4× as much), and both engines read it.
    const tiff = new Uint8Array(await turned.tiff({ compression: 'none' }).toBuffer());
    return { image: tiff, turn, skew, geometry, skewNotRigid, wordsInInput: (words) => words.map((w) => ({ ...w, bbox: boxInInput(w.bbox, turn - skew, out, { width, height }) })) };
  } catch {
    return { ...unchanged(image, geometry), skewNotRigid };
  }
}

/** Whether the page's top and bottom halves of lines lean alike (a rigid skew: one rotation levels it). */
export function rigid(g: PageGeometry): boolean {
  return Math.abs(g.halves[0] - g.halves[1]) <= MAX_SKEW_SPREAD;
}

/**
 * A box on the image turned clockwise by `deg` about its centre (size `turned`) taken back to the
 * input image (size `input`): the bounding box of its four corners turned back, within the image.
 */
export function boxInInput(bbox: OcrWord['bbox'], deg: number, turned: { width: number; height: number }, input: { width: number; height: number }): OcrWord['bbox'] {
  const a = (-deg * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const [x1, y1, x2, y2] = bbox;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of [[x1, y1], [x2, y1], [x1, y2], [x2, y2]] as const) {
    const dx = x - turned.width / 2, dy = y - turned.height / 2;
    // Clockwise on screen (y down) by angle a: (dx cos a − dy sin a, dx sin a + dy cos a).
    const ix = dx * cos - dy * sin + input.width / 2, iy = dx * sin + dy * cos + input.height / 2;
    minX = Math.min(minX, ix); maxX = Math.max(maxX, ix); minY = Math.min(minY, iy); maxY = Math.max(maxY, iy);
  }
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  return [clamp(minX, input.width), clamp(minY, input.height), clamp(maxX, input.width), clamp(maxY, input.height)];
}

interface RawGrey { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } }

/** The page decoded once, flattened onto white and grey, for bands cut from it turned each way. */
async function greyPage(sharp: SharpModule, image: Uint8Array): Promise<RawGrey> {
  return sharp(image, { limitInputPixels: false }).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
}

/** A band across the page's middle (30–52 % of its height, turned clockwise by `turn` first), at most 1,700 px wide. */
async function middleBand(sharp: SharpModule, page: RawGrey, turn: number) {
  // Quarter turns move pixels only: turning the decoded page gives what decoding it turned gave.
  const turned = turn === 0 ? page : await sharp(page.data, { raw: page.info }).rotate(turn).raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = turned.info;
  return sharp(turned.data, { raw: { width, height, channels } })
    .extract({ left: 0, top: Math.round(height * 0.3), width, height: Math.max(1, Math.round(height * 0.22)) })
    .resize({ width: Math.min(width, 1700), withoutEnlargement: true });
}

const bandPng = async (band: ReturnType<SharpModule>) => new Uint8Array(await band.png({ compressionLevel: 1 }).toBuffer());

/**
 * Whether a page the profiles call turned a quarter reads clearly better so turned than as it
 * lies (a band across its middle each way). A failing read keeps the profiles' answer.
 */
export async function quarterTurnReadsBetter(sharp: SharpModule, image: Uint8Array, g: PageGeometry, read: (image: Uint8Array) => Promise<number>): Promise<boolean> {
  try {
    const page = await greyPage(sharp, image);
    const bands = await Promise.all([middleBand(sharp, page, 0), middleBand(sharp, page, g.turn)].map(async (b) => bandPng(await b)));
    const [asIs, turned] = await Promise.all(bands.map(read)) as [number, number];
    return turned > asIs + QUARTER_BY_OCR_MARGIN;
  } catch {
    return true;
  }
}

/**
 * A page whose ink does not say which way is up: a band across its middle is read as it lies and
 * turned by a half, and the page is turned only when the turned band reads clearly better.
 * Failing reads leave the page as it lies.
 */
export async function settledByReading(sharp: SharpModule, image: Uint8Array, g: PageGeometry, read: (image: Uint8Array) => Promise<number>): Promise<PageGeometry> {
  try {
    const band = await middleBand(sharp, await greyPage(sharp, image), g.turn);
    const asIs = await bandPng(band.clone());
    const flipped = await bandPng(band.clone().rotate(180));
    const [up, down] = await Promise.all([read(asIs), read(flipped)]);
    if (down <= up + HALF_BY_OCR_MARGIN) return { ...g, halfUnsure: false };
    return { ...g, turn: ((g.turn + 180) % 360) as PageGeometry['turn'], halfUnsure: false };
  } catch {
    return g;
  }
}
