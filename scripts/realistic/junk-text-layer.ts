/**
 * A scanner's "searchable PDF": the page image with an invisible text layer (render mode 3) of
 * English-model OCR over it, as office scanners make them; for Vietnamese it reads "dang Icy mon
 * hQc". The layer is `tesseract -l eng` (the Debian binary) of the page, word by word at its boxes,
 * in Helvetica (the layer's letters outside WinAnsi become "?", as such layers lose them too).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  beginText, endText, PDFDocument, popGraphicsState, pushGraphicsState, setFontAndSize, setTextMatrix, setTextRenderingMode,
  showText, StandardFonts, TextRenderingMode,
} from 'pdf-lib';
import sharp from 'sharp';
import type { Degradation } from './degradation.js';

/** English-model OCR words of an image (TSV level 5 rows), kept in `cacheDir` by the image's hash. */
function englishWords(png: Uint8Array, cacheDir: string): { text: string; left: number; top: number; width: number; height: number }[] {
  mkdirSync(cacheDir, { recursive: true });
  const hash = createHash('sha1').update(png).digest('hex').slice(0, 16);
  const tsvFile = join(cacheDir, `${hash}.eng.tsv`);
  if (!existsSync(tsvFile)) {
    const img = join(cacheDir, `${hash}.png`);
    writeFileSync(img, png);
    writeFileSync(tsvFile, execFileSync('tesseract', [img, 'stdout', '-l', 'eng', 'tsv'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] }));
  }
  return readFileSync(tsvFile, 'utf8').split('\n').map((l) => l.split('\t')).filter((f) => f[0] === '5' && (f[11] ?? '').trim() !== '')
    .map((f) => ({ text: f[11]!.trim(), left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]) }));
}

export function junkTextLayer(cacheDir = join(tmpdir(), 'baocao-realistic')): Degradation {
  return {
    name: 'junk-text-layer',
    async apply(page) {
      const png = new Uint8Array(await sharp(page.image).greyscale().toColourspace('b-w').png().toBuffer());
      const words = englishWords(png, cacheDir);
      const doc = await PDFDocument.create();
      const k = 72 / page.dpi;
      const pdfPage = doc.addPage([page.width * k, page.height * k]);
      pdfPage.drawImage(await doc.embedPng(png), { x: 0, y: 0, width: page.width * k, height: page.height * k });
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const key = pdfPage.node.newFontDictionary(font.name, font.ref);
      const ops = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
      for (const w of words) {
        const text = [...w.text].map((c) => (c.charCodeAt(0) < 256 ? c : '?')).join('');
        const size = Math.max(1, w.height * k);
        ops.push(setFontAndSize(key, size), setTextMatrix(1, 0, 0, 1, w.left * k, (page.height - w.top - w.height * 0.8) * k), showText(font.encodeText(text)));
      }
      ops.push(endText(), popGraphicsState());
      pdfPage.pushOperators(...ops);
      const data = await doc.save();
      return { data, ext: 'pdf', image: png, note: `PDF of the page image with an invisible layer of ${words.length} English-OCR words` };
    },
  };
}
