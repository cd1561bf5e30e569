/**
 * Ink in a crop of a page: dark pixels, their connected components, and how blue each one is.
 * A blue ballpoint is dark with blue over red and green; print is black or grey. On scans the
 * pen is often a dark navy only a few levels bluer than the print, so blueness is judged against
 * the print of the same line (pen.ts), not against a fixed margin.
 */
import { otsuThreshold } from '../ocr/otsu.js';

export interface Rgb {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Pixels in it. */
  area: number;
  /** Mean of blue − (red + green) / 2 over its pixels (0 on a grey image). */
  blue: number;
  /** Pixel indices (y * width + x) in the crop. */
  pixels: number[];
  /** Cut off at a blank's edge (pen.ts): ink that ran on into the printed word beside it. */
  cutAtEdge?: boolean;
}

/** Grey (0–255) of the pixel at byte `i` of an RGB(A) or grey buffer of `c` channels. */
export const greyOf = (d: Uint8Array, i: number, c: number) => (c >= 3 ? (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000 : d[i]!);

/** Otsu's threshold of the crop's grey levels, kept between 90 and 200 (paper is light, ink is dark). */
export function inkThreshold(img: Rgb): number {
  const hist = new Array<number>(256).fill(0);
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) hist[Math.round(greyOf(img.data, p * img.channels, img.channels))]!++;
  return Math.min(200, Math.max(90, otsuThreshold(hist, n)));
}

/** 8-connected components of the crop's dark pixels. */
export function inkComponents(img: Rgb, threshold = inkThreshold(img)): Component[] {
  const { data, width, height, channels } = img;
  const n = width * height;
  const dark = new Uint8Array(n);
  for (let p = 0; p < n; p++) dark[p] = greyOf(data, p * channels, channels) < threshold ? 1 : 0;
  const seen = new Uint8Array(n);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let s = 0; s < n; s++) {
    if (!dark[s] || seen[s]) continue;
    const c: Component = { x0: width, y0: height, x1: -1, y1: -1, area: 0, blue: 0, pixels: [] };
    seen[s] = 1;
    stack.push(s);
    let blue = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width, y = (p - x) / width;
      c.pixels.push(p);
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      if (channels >= 3) {
        const i = p * channels;
        blue += data[i + 2]! - (data[i]! + data[i + 1]!) / 2;
      }
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (dark[q] && !seen[q]) (seen[q] = 1), stack.push(q);
        }
      }
    }
    c.area = c.pixels.length;
    c.blue = c.area ? blue / c.area : 0;
    out.push(c);
  }
  return out;
}

export const widthOf = (c: Component) => c.x1 - c.x0 + 1;
export const heightOf = (c: Component) => c.y1 - c.y0 + 1;

/** Components merged into one (a digit broken into strokes). */
export function mergeComponents(cs: readonly Component[]): Component {
  const m: Component = { x0: Infinity, y0: Infinity, x1: -1, y1: -1, area: 0, blue: 0, pixels: [] };
  let blue = 0;
  for (const c of cs) {
    m.x0 = Math.min(m.x0, c.x0);
    m.y0 = Math.min(m.y0, c.y0);
    m.x1 = Math.max(m.x1, c.x1);
    m.y1 = Math.max(m.y1, c.y1);
    m.area += c.area;
    blue += c.blue * c.area;
    for (const p of c.pixels) m.pixels.push(p);
  }
  m.blue = m.area ? blue / m.area : 0;
  return m;
}
