/**
 * Which picture format a file's first bytes say, without decoding it: shared by the image ingest
 * and the Word readers (a photo pasted into a .docx is the same bytes as one given alone). Pure.
 */
import { isTiff } from './ocr/tiff.js';

export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'bmp' | 'pnm' | 'webp' | 'gif' | 'avif' | 'heic';

export function detectImageFormat(data: Uint8Array): ImageFormat | null {
  if (data.length < 8) return null;
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (isTiff(data)) return 'tiff';
  if (data[0] === 0x42 && data[1] === 0x4d) return 'bmp';
  if (data[0] === 0x50 && data[1]! >= 0x31 && data[1]! <= 0x36) return 'pnm';
  if (data.length > 12 && ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return 'webp';
  if (ascii(data, 0, 4) === 'GIF8') return 'gif';
  return heifBrand(data);
}

/** HEIF's brands (ISO/IEC 23008-12) for still pictures: HEVC-coded (HEIC, as iPhones save photos) or AV1-coded (AVIF). */
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

/**
 * An ISO media file (`ftyp` box first) whose major or compatible brands say HEIF: 'avif' when AV1
 * coded, else 'heic'; null for anything else (an MP4 video has the same box, other brands).
 */
export function heifBrand(data: Uint8Array): 'avif' | 'heic' | null {
  if (data.length < 16 || ascii(data, 4, 8) !== 'ftyp') return null;
  const size = Math.min(data.length, ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0, 256);
  const brands = [ascii(data, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(data, at, at + 4));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  return brands.some((b) => HEIF_BRANDS.has(b)) ? 'heic' : null;
}

const ascii = (d: Uint8Array, from: number, to: number) => String.fromCharCode(...d.subarray(from, to));
