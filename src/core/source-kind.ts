/** What kind of input a file is, from its bytes first and its name second. */
import type { SourceKind } from './document.js';

/** Kind by magic bytes first (a mis-named scan is still a scan), then by extension, else text. */
export function detectKind(data: Uint8Array, path = ''): SourceKind {
  const starts = (...sig: number[]) => sig.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image';
  if (starts(0x42, 0x4d) && data.length > 26 && /\.bmp$/i.test(path)) return 'image';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...data.subarray(8, 12)) === 'WEBP') return 'image';
  // HEIF (an iPhone's HEIC photo, AVIF): told by name, or by its ftyp box when named otherwise.
  if (String.fromCharCode(...data.subarray(4, 8)) === 'ftyp' && /^(hei[cxms]|hev[cxms]|mif[12]|msf1|avi[fs])$/.test(String.fromCharCode(...data.subarray(8, 12)))) return 'image';
  if (isWordFile(data, path)) return 'word';
  if (/\.pdf$/i.test(path)) return 'pdf';
  if (/\.(png|jpe?g|jfif|jpe|tiff?|bmp|p[nbgp]m|webp|gif|hei[cf]|avif)$/i.test(path)) return 'image';
  return 'text';
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const WORD_PART = new TextEncoder().encode('word/document.xml');
// An OpenDocument ZIP stores its mimetype first and uncompressed; a flat .fodt names it on its root.
const ODF_TEXT = new TextEncoder().encode('application/vnd.oasis.opendocument.text');
const FLAT_ROOT = new TextEncoder().encode('<office:document ');
// "WordDocument" as a compound file's directory spells it (UTF-16LE).
const WORD_STREAM = new Uint8Array([...'WordDocument'].flatMap((c) => [c.charCodeAt(0), 0]));

/** An RTF file starts "{\rtf" (the spec's \rtf1; some writers put a BOM or spaces first). */
export function isRtf(data: Uint8Array): boolean {
  let i = 0;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3;
  while (i < data.length && i < 16 && (data[i] === 0x20 || data[i] === 0x0d || data[i] === 0x0a || data[i] === 0x09)) i++;
  return data[i] === 0x7b && data[i + 1] === 0x5c && data[i + 2] === 0x72 && data[i + 3] === 0x74 && data[i + 4] === 0x66;
}

/**
 * A .docx (a ZIP holding word/document.xml), a .doc (a compound file with a WordDocument stream),
 * Rich Text ("{\\rtf") or an OpenDocument text (.odt ZIP, flat .fodt XML): all read by the Word reader.
 */
function isWordFile(data: Uint8Array, path: string): boolean {
  const starts = (sig: number[]) => sig.every((b, i) => data[i] === b);
  if (starts(ZIP)) return /\.(doc[xm]|odt|ott)$/i.test(path) || contains(data, WORD_PART) || contains(data.subarray(0, 128), ODF_TEXT);
  if (starts(COMPOUND)) return /\.do[ct]$/i.test(path) || contains(data, WORD_STREAM);
  if (isRtf(data)) return true; // Rich Text whatever its name: read as text it is all control words
  if (/\.fodt$/i.test(path) || (data[0] === 0x3c && contains(data.subarray(0, 4096), FLAT_ROOT) && contains(data.subarray(0, 4096), ODF_TEXT))) return data.length > 0;
  // Named as Word but neither container: the Word reader says what it is instead of reading junk as text.
  return /\.(doc[xm]?|rtf|odt)$/i.test(path) && data.length > 0;
}

/** Whether `needle` occurs in `data` (bytes). */
export function contains(data: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  for (let i = data.indexOf(first); i >= 0 && i + needle.length <= data.length; i = data.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && data[i + k] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return false;
}
