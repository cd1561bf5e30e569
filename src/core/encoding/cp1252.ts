/**
 * Windows-1252 byte ↔ character mapping. Legacy Vietnamese font encodings (TCVN3, VNI) were
 * stored as 8-bit text that Windows shows through code page 1252, so mojibake in UTF-8 files is
 * this mapping applied to the legacy bytes. Node's TextDecoder treats windows-1252 as Latin-1,
 * hence our own table for 0x80–0x9F.
 */

const HIGH_CONTROL_ROW = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Character code of each byte. */
export const CP1252_CHAR = new Uint16Array(256);
const toByte = new Map<number, number>();
for (let b = 0; b < 256; b++) {
  const code = b >= 0x80 && b < 0xa0 ? HIGH_CONTROL_ROW[b - 0x80]! : b;
  CP1252_CHAR[b] = code;
  toByte.set(code, b);
}

/** The bytes behind text that was decoded as windows-1252 (or Latin-1, C1 controls included); null if some character has no byte. */
export function textToCp1252Bytes(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A C1 control is that byte read as Latin-1 (as Node's 'windows-1252' TextDecoder reads it).
    const b = code < 0x80 ? code : toByte.get(code) ?? (code < 0xa0 ? code : undefined);
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}
