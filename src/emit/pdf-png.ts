/**
 * A PNG put into a PDF as it is: its compressed image data (the IDAT chunks) becomes the image
 * stream unchanged, with the PNG predictors declared (FlateDecode, Predictor 15), so nothing is
 * decoded or compressed again and a grey scan stays one channel. PDF image streams have no
 * interlacing and carry transparency separately, so an interlaced PNG or one with an alpha
 * channel or transparent colour is not handled here (null: the caller embeds it otherwise).
 */
import { PDFHexString, PDFName, PDFNumber, type PDFContext, type PDFRef } from 'pdf-lib';

export interface PngXObject {
  ref: PDFRef;
  width: number;
  height: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function embedPngAsIs(context: PDFContext, png: Uint8Array): PngXObject | null {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | undefined;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (data.length !== length) return null;
    if (type === 'IHDR') header = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), depth: png[at + 16]!, colour: png[at + 17]!, interlace: png[at + 20]! };
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') return null;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  // Colour types: 0 grey, 2 RGB, 3 palette (4 and 6 carry alpha).
  if (!header || header.interlace !== 0 || idat.length === 0 || ![0, 2, 3].includes(header.colour)) return null;
  if (header.colour === 3 && (!palette || palette.length % 3 !== 0)) return null;
  const colours = header.colour === 2 ? 3 : 1;
  const colourSpace = header.colour === 0 ? PDFName.of('DeviceGray')
    : header.colour === 2 ? PDFName.of('DeviceRGB')
      : context.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), PDFNumber.of(palette!.length / 3 - 1), PDFHexString.of(Buffer.from(palette!).toString('hex'))]);
  const bytes = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let offset = 0;
  for (const d of idat) { bytes.set(d, offset); offset += d.length; }
  const stream = context.stream(bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: header.width,
    Height: header.height,
    BitsPerComponent: header.depth,
    ColorSpace: colourSpace,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colours, BitsPerComponent: header.depth, Columns: header.width },
    Length: bytes.length,
  });
  return { ref: context.register(stream), width: header.width, height: header.height };
}
