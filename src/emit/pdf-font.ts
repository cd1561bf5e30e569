/**
 * The one font of every PDF baocao writes: DejaVu Serif (npm `dejavu-fonts-ttf`, Bitstream Vera
 * licence with DejaVu's public-domain changes), which covers all 194 Vietnamese letters. It is read
 * from the installed package (never fetched) and embedded as a subset, as PDF/A requires.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export interface FontMetrics {
  /** Ascender and descender (negative) as fractions of the font size. */
  ascent: number;
  descent: number;
}

/** Subset fonts are named with a six-letter tag and '+' (ISO 32000-1, 9.6.4). */
const SUBSET_NAME = 'BAOCAO+DejaVuSerif';

let loaded: { bytes: Uint8Array; metrics: FontMetrics; characters: Set<number> } | undefined;

function fontFile(): NonNullable<typeof loaded> {
  if (!loaded) {
    const path = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
    const bytes = new Uint8Array(readFileSync(path));
    const font = fontkit.create(bytes);
    loaded = { bytes, metrics: { ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm }, characters: new Set(font.characterSet) };
  }
  return loaded;
}

/**
 * The text with every character the font has no glyph for (and control characters) as '?':
 * PDF/A forbids showing the .notdef glyph, even invisibly.
 */
export function drawableText(text: string): string {
  const { characters } = fontFile();
  let out = '';
  for (const ch of text) out += characters.has(ch.codePointAt(0)!) && !/\p{Cc}/u.test(ch) ? ch : '?';
  return out;
}

/** Embeds the font (subset to the glyphs drawn) and returns it with its vertical metrics. */
export async function embedTextFont(doc: PDFDocument): Promise<{ font: PDFFont; metrics: FontMetrics }> {
  const { bytes, metrics } = fontFile();
  doc.registerFontkit(fontkit);
  return { font: await doc.embedFont(bytes, { subset: true, customName: SUBSET_NAME }), metrics };
}
