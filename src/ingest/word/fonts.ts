/**
 * Legacy Vietnamese fonts. Before Unicode, Vietnamese Word files were typed in fonts whose glyphs
 * sit on the byte codes of TCVN3 (".VnTime", ".VnArial" …) or VNI ("VNI-Times" …); Word keeps such
 * a run's characters as those bytes read through windows-1252 ("ViÖt Nam"), and only the font
 * says how to read them. The "H" fonts (".VnTimeH") draw every letter as a capital.
 */
import { decodeLegacyFontText, legacyEncodingOfText } from '../../core/encoding/index.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

export function legacyEncodingOfFont(font: string | null | undefined): LegacyEncoding | null {
  if (!font) return null;
  const name = font.trim();
  if (/^\.vn/i.test(name)) return 'tcvn3';
  if (/^vni[- ]/i.test(name)) return 'vni';
  return null;
}

/** ".VnTimeH", ".VnArialH": capitals-only TCVN3 fonts. */
export function isCapitalsFont(font: string | null | undefined): boolean {
  return !!font && /^\.vn.*h$/i.test(font.trim());
}

/** Characters of a symbol-font run stored in the private use area (U+F020–F0FF) back to their bytes' characters. */
function fromPrivateUse(text: string): string {
  return /[\uf000-\uf0ff]/.test(text) ? text.replace(/[\uf000-\uf0ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xf000)) : text;
}

/** A run's text read through its font: decoded when the font is a legacy one, as stored otherwise. */
export function readRun(text: string, font: string | null | undefined): { text: string; encoding: LegacyEncoding | null } {
  const encoding = legacyEncodingOfFont(font);
  if (!encoding) return { text, encoding: null };
  const decoded = decodeLegacyFontText(fromPrivateUse(text), encoding);
  if (decoded === null) return { text, encoding: null }; // already Unicode (a converted file keeps the old font name)
  return { text: isCapitalsFont(font) ? decoded.toUpperCase() : decoded, encoding };
}

/**
 * Text whose font says nothing (a default or an unknown font) that still reads as TCVN3 or VNI
 * bytes and clearly better so than as it is: decoded. Judged on a whole paragraph.
 */
export function readUnnamedLegacy(text: string): { text: string; encoding: LegacyEncoding | null } {
  const encoding = legacyEncodingOfText(text);
  if (!encoding) return { text, encoding: null };
  const decoded = decodeLegacyFontText(text, encoding);
  // Without a font to say so, a paragraph is taken as legacy bytes only when its reading is
  // Vietnamese throughout: English with typographic quotes and dashes reads as a few stray marks.
  if (decoded === null || markedShare(decoded) < MIN_MARKED_SHARE) return { text, encoding: null };
  return { text: decoded, encoding };
}

/** Share of a reading's words that carry a Vietnamese letter beyond ASCII (running Vietnamese: ~0.5–0.7). */
const MIN_MARKED_SHARE = 0.25;
function markedShare(text: string): number {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return 0;
  const marked = words.filter((w) => /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu.test(w)).length;
  return marked / words.length;
}

/** Runs or paragraphs decoded, per legacy encoding (WordRead.legacyRuns). */
export type LegacyCounts = Partial<Record<LegacyEncoding, number>>;

/** Counts one run or paragraph decoded from `encoding` (none: nothing). */
export function countLegacy(counts: LegacyCounts, encoding: LegacyEncoding | null): void {
  if (encoding) counts[encoding] = (counts[encoding] ?? 0) + 1;
}

/** A paragraph that names no legacy font: decoded (and counted) when it reads as one throughout, else its soft hyphens dropped. */
export function readUnnamedParagraph(text: string, counts: LegacyCounts): string {
  const read = readUnnamedLegacy(text);
  countLegacy(counts, read.encoding);
  return read.encoding ? read.text : withoutSoftHyphens(text);
}

/** Soft hyphens left in text that is not TCVN3 (where byte 0xAD is "ư") are only hyphenation hints. */
export function withoutSoftHyphens(text: string): string {
  return text.includes('\u00ad') ? text.replace(/\u00ad/g, '') : text;
}
