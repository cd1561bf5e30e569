/**
 * The pictures of a Rich Text body in the order they stand in it: `{\pict \pngblip|\jpegblip|\dibitmap
 * … data}` groups, the data hex or `\bin` bytes. Word writes a picture twice, as `{\*\shppict{\pict
 * \pngblip…}}` and again in `{\nonshppict …}` (a metafile for older readers), and a floating shape's
 * result again in `\shprslt`: those copies are skipped, as are headers' and footers' pictures and
 * vector ones (EMF, WMF, PICT). A picture cut short is left out, the others still read. Pure: bytes in.
 */
import { dibAsBmp, isRaster, MAX_PICTURE_BYTES, MAX_PICTURES } from './picture-bytes.js';

interface Pict { kind: 'raster' | 'dib' | null; runs: Array<[number, number]>; bin: Uint8Array[]; at: number }
interface Group { skip: boolean; pict: Pict | null }

/** Destinations whose pictures are copies (\nonshppict, \shprslt) or not the body's (headers, footers). */
const SKIPPED = /^(nonshppict|shprslt|header[lrf]?|footer[lrf]?)$/;
const RASTER_BLIPS = new Set(['pngblip', 'jpegblip']);
const VECTOR_BLIPS = new Set(['emfblip', 'wmetafile', 'macpict', 'pmmetafile', 'wbitmap']);

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 256; c++) HEX[c] = isDigit(c) ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;

/** The raster pictures of the .rtf's body, in order; [] when it has none. `keys` gets each one's place as the text reader marks it: `at:` the offset of its \pict. */
export function rtfPictures(data: Uint8Array, keys?: string[]): Uint8Array[] {
  const pictures: Uint8Array[] = [];
  const stack: Group[] = [{ skip: false, pict: null }];
  for (let i = 0; i < data.length && pictures.length < MAX_PICTURES; ) {
    const c = data[i]!;
    const top = stack[stack.length - 1]!;
    if (c === 0x7b) { stack.push({ skip: top.skip, pict: null }); i++; continue; }
    if (c === 0x7d) {
      if (stack.length > 1) stack.pop();
      const picture = top.pict && !top.skip ? pictureOf(data, top.pict) : null;
      if (picture) pictures.push(picture), keys?.push(`at:${top.pict!.at}`);
      i++;
      continue;
    }
    if (c === 0x5c) {
      let j = i + 1;
      if (!isLetter(data[j] ?? 0)) { i = j + 1; continue; } // \{ \} \\ \' \* …: no picture data
      while (j < data.length && isLetter(data[j]!)) j++;
      // RTF control words are at most 32 letters: a longer run is junk, named nothing (and never spread into arguments).
      const word = j - i <= 33 ? String.fromCharCode(...data.subarray(i + 1, j)) : '';
      let k = j;
      if (data[k] === 0x2d) k++;
      while (k < data.length && isDigit(data[k]!)) k++;
      const param = k > j && k - j <= 12 ? Number.parseInt(String.fromCharCode(...data.subarray(j, k)), 10) : NaN;
      if (data[k] === 0x20) k++;
      if (word === 'bin') {
        const n = Number.isFinite(param) && param > 0 ? param : 0;
        if (top.pict && n <= MAX_PICTURE_BYTES) top.pict.bin.push(data.subarray(k, Math.min(data.length, k + n)));
        i = k + n; // the bytes are data, never braces or control words
        continue;
      }
      if (word === 'pict') top.pict = { kind: null, runs: [], bin: [], at: i };
      else if (SKIPPED.test(word)) top.skip = true;
      else if (top.pict && RASTER_BLIPS.has(word)) top.pict.kind = 'raster';
      else if (top.pict && word === 'dibitmap') top.pict.kind = 'dib';
      else if (top.pict && VECTOR_BLIPS.has(word)) top.pict.kind = null;
      i = k;
      continue;
    }
    // Text: in a picture group, its hex data (up to the next brace or control word).
    let j = i + 1;
    while (j < data.length && data[j] !== 0x7b && data[j] !== 0x7d && data[j] !== 0x5c) j++;
    if (top.pict && !top.skip) top.pict.runs.push([i, j]);
    i = j;
  }
  return pictures;
}

/** A closed picture group's bytes as a raster file OCR reads, or null (vector, damaged, too large). */
function pictureOf(data: Uint8Array, pict: Pict): Uint8Array | null {
  if (!pict.kind) return null;
  let bytes: Uint8Array;
  if (pict.bin.length) bytes = pict.bin.length === 1 ? pict.bin[0]! : Buffer.concat(pict.bin);
  else {
    const digits = pict.runs.reduce((n, [a, b]) => n + (b - a), 0);
    if (digits / 2 > MAX_PICTURE_BYTES) return null;
    bytes = new Uint8Array(Math.floor(digits / 2));
    let n = 0, high = -1;
    for (const [a, b] of pict.runs) {
      for (let p = a; p < b; p++) {
        const h = HEX[data[p]!]!;
        if (h < 0) continue; // line breaks and spaces between the digits
        if (high < 0) high = h;
        else { bytes[n++] = (high << 4) | h; high = -1; }
      }
    }
    bytes = bytes.subarray(0, n);
  }
  const file = pict.kind === 'dib' ? dibAsBmp(bytes) : bytes;
  return file && isRaster(file) ? file : null;
}
