/**
 * What a realistic degradation of a page is (scripts/realistic/: one module per kind, each
 * seeded and deterministic, composited with sharp). bench:realistic takes a list of them, so
 * other kinds (e-signature overlays, handwriting) plug in by adding a module to index.ts.
 */
import type { OcrWord } from '../../src/core/document.js';
import { mulberry32 } from '../lib/seeded-random.js';

export interface BasePage {
  /** Stable name, e.g. "001-d2 p1". */
  id: string;
  /** The clean page image (any format sharp reads). */
  image: Uint8Array;
  width: number;
  height: number;
  /** Resolution of `image`, dpi. */
  dpi: number;
  /** Another page of the set (the next one), for bleed-through; may be the page itself. */
  next: Uint8Array;
  /** Word boxes of a reading of the clean page (image pixels), for placing overlays; may be empty. */
  words: OcrWord[];
}

export interface DegradedPage {
  /** File contents. */
  data: Uint8Array;
  /** File name suffix telling its format ('png', 'jpg', 'pdf'). */
  ext: 'png' | 'jpg' | 'pdf';
  /** What was done, with the seeded parameters ("skew +1.73°"). */
  note: string;
  /** The page image inside `data` when `data` is not itself an image (a PDF), for plain OCR. */
  image?: Uint8Array;
}

export interface Degradation {
  name: string;
  apply(page: BasePage, seed: number): Promise<DegradedPage>;
}

/** Deterministic pseudo-random numbers in [0, 1) from a seed (mulberry32). */
export function seeded(seed: number): () => number {
  return mulberry32(seed);
}

/** A seed for one page and one degradation, from their names. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
