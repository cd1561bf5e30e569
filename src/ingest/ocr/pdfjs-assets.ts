/**
 * The files pdf.js loads besides its code, from the installed pdfjs-dist (offline, no download):
 * - the OpenJPEG decoder (wasm/) for JPEG 2000 images (JPXDecode), as archival scanners and PDF/A-2
 *   files store scans: without it pdf.js drops the image, and the page read as having none;
 * - the standard 14 fonts (standard_fonts/), with which a PDF that names Times or Helvetica
 *   without embedding them is rendered for OCR;
 * - the CMaps (cmaps/) of text in predefined CJK encodings.
 * Paths, not URLs: pdf.js in Node reads them with fs.readFile (base + file name).
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

export interface PdfjsAssets { wasmUrl: string; standardFontDataUrl: string; cMapUrl: string; cMapPacked: true }

let assets: PdfjsAssets | undefined;

export function pdfjsAssets(): PdfjsAssets {
  if (!assets) {
    const root = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')), '..', '..');
    assets = { wasmUrl: join(root, 'wasm') + sep, standardFontDataUrl: join(root, 'standard_fonts') + sep, cMapUrl: join(root, 'cmaps') + sep, cMapPacked: true };
  }
  return assets;
}
