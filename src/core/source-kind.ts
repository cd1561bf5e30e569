/** What kind of input a file is, from its bytes first and its name second. */
import type { SourceKind } from './document.js';

/** Kind by magic bytes first (a mis-named scan is still a scan), then by extension, else text. */
export function detectKind(data: Uint8Array, path = ''): SourceKind {
  const starts = (...sig: number[]) => sig.every((b, i) => data[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image';
  if (starts(0x42, 0x4d) && data.length > 26 && /\.bmp$/i.test(path)) return 'image';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...data.subarray(8, 12)) === 'WEBP') return 'image';
  if (/\.pdf$/i.test(path)) return 'pdf';
  if (/\.(png|jpe?g|tiff?|bmp|webp|gif)$/i.test(path)) return 'image';
  return 'text';
}
