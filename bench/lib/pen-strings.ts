/**
 * Handwritten digit strings for bench/pen-segmentation.ts: held-out MNIST digits (the test part,
 * never trained on), each distorted as one hand writes (augment.ts), set side by side apart or
 * touching, then scanned as one piece of paper (a height of 22–64 px, the scanner's blur, a
 * threshold) into a bilevel crop with the pen's colour, as pen.ts gets a blank's crop.
 */
import type { InkMap } from '../../src/ingest/pen/digit-model.js';
import type { Rgb } from '../../src/ingest/pen/ink.js';
import { distort } from '../../scripts/digits/augment.js';
import { blur, box, resample } from '../../scripts/digits/scan.js';

export interface PenString {
  digits: string;
  /** The crop: white paper, the string in a navy pen. */
  img: Rgb;
  /** The string's ink height in px. */
  height: number;
  /** Digits set overlapping their neighbours (whether the ink touches is the reader's to find). */
  overlapped: boolean;
}

/**
 * One string of `glyphs` (MNIST 28×28 maps with their digits). `overlap`: each neighbour placed
 * 5–35 % of the narrower one's width into the previous one (else 1–5 px apart at MNIST's scale).
 */
export function penString(glyphs: readonly { pixels: Float32Array; digit: number }[], overlap: boolean, rnd: () => number): PenString | null {
  const parts: { ink: InkMap; b: NonNullable<ReturnType<typeof box>>; dy: number }[] = [];
  for (const g of glyphs) {
    const ink = distort(g.pixels, rnd);
    const b = box(ink, 0.1);
    if (!b) return null;
    parts.push({ ink, b, dy: Math.round((rnd() - 0.5) * 4) });
  }
  // Left edges at MNIST's scale (28 px a digit), on a canvas tall enough for every digit.
  const xs: number[] = [];
  let x = 0, prevW = 0;
  for (const p of parts) {
    const w = p.b.x1 - p.b.x0 + 1;
    if (xs.length) x += overlap ? -Math.round((0.05 + rnd() * 0.3) * Math.min(w, prevW)) : 1 + Math.floor(rnd() * 5);
    xs.push(x);
    x += w;
    prevW = w;
  }
  const H = 48, W = x + 2;
  const data = new Float32Array(W * H);
  parts.forEach((p, k) => {
    for (let y = p.b.y0; y <= p.b.y1; y++) {
      const Y = y - p.b.y0 + 4 + p.dy;
      if (Y < 0 || Y >= H) continue;
      for (let xx = p.b.x0; xx <= p.b.x1; xx++) {
        const i = Y * W + xs[k]! + xx - p.b.x0 + 1;
        data[i] = Math.max(data[i]!, p.ink.data[y * p.ink.width + xx]!);
      }
    }
  });
  const ink: InkMap = { data, width: W, height: H };
  const b = box(ink, 0.1);
  if (!b) return null;
  const height = 22 + rnd() * 42, f = height / (b.y1 - b.y0 + 1);
  let g = resample(ink, b, f, 6);
  g = blur(g, (0.2 + rnd() * 0.5) * Math.min(3, f / 1.5));
  const t = 0.25 + rnd() * 0.4, grain = rnd() * 0.1;
  const img: Rgb = { data: new Uint8Array(g.width * g.height * 3).fill(255), width: g.width, height: g.height, channels: 3 };
  for (let i = 0; i < g.data.length; i++) {
    if (g.data[i]! + grain * (rnd() - 0.5) * 2 <= t) continue;
    img.data[3 * i] = 25;
    img.data[3 * i + 1] = 30;
    img.data[3 * i + 2] = 55;
  }
  return { digits: glyphs.map((s) => s.digit).join(''), img, height: Math.round(height), overlapped: overlap };
}
