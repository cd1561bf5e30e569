/**
 * A palette BMP (1, 4 or 8 bits a pixel) with a version 4 or 5 info header (108 or 124 bytes: what
 * ImageMagick, GIMP and Windows' own writers make) rewritten with the classic 40-byte one.
 * tesseract.js decodes BMPs with bmp-js, which reads the palette of such a BMP from the wrong
 * place: a bilevel scan saved so came out as garbage ("To nh li Hi na") where the same pixels with
 * a 40-byte header read right (the system tesseract reads both). The palette and pixels are kept byte for byte. Any other BMP (true colour ones read
 * right as they are) or bytes that do not add up are returned as is.
 */
const FILE_HEADER = 14, INFO_HEADER = 40;
const BI_RGB = 0;

export function bmpWithShortHeader(data: Uint8Array): Uint8Array {
  if (data.length < FILE_HEADER + 124 || data[0] !== 0x42 || data[1] !== 0x4d) return data;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerSize = v.getUint32(FILE_HEADER, true);
  const pixels = v.getUint32(10, true);
  if ((headerSize !== 108 && headerSize !== 124) || pixels < FILE_HEADER + headerSize || pixels > data.length) return data;
  const bits = v.getUint16(FILE_HEADER + 14, true), compression = v.getUint32(FILE_HEADER + 16, true);
  if (bits > 8 || compression !== BI_RGB) return data;
  const rest = data.subarray(FILE_HEADER + headerSize); // the palette, then the pixels
  const out = new Uint8Array(FILE_HEADER + INFO_HEADER + rest.length);
  out.set(data.subarray(0, FILE_HEADER + INFO_HEADER));
  out.set(rest, FILE_HEADER + INFO_HEADER);
  const o = new DataView(out.buffer);
  o.setUint32(2, out.length, true);
  o.setUint32(10, pixels - (headerSize - INFO_HEADER), true);
  o.setUint32(FILE_HEADER, INFO_HEADER, true);
  return out;
}
