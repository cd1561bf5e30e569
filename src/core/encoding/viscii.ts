/**
 * VISCII (RFC 1456's 8-bit Vietnamese standard, 1991): one byte per precomposed letter. Every byte
 * from 0x80 is a letter, and six control codes hold the capitals left over (Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ); the rest
 * is ASCII. Table as glibc's iconv VISCII.
 */
const HIGH =
  'ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ' +
  'ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ' +
  'ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư' +
  'àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ';

const LOW: Record<number, string> = { 0x02: 'Ẳ', 0x05: 'Ẵ', 0x06: 'Ẫ', 0x14: 'Ỷ', 0x19: 'Ỹ', 0x1e: 'Ỵ' };

/** The bytes' text, one character a byte (line breaks and form feeds kept). */
export function decodeViscii(bytes: Uint8Array): string {
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const ch = b >= 0x80 ? HIGH[b - 0x80]! : LOW[b];
    if (ch === undefined) continue;
    if (run < i) parts.push(asciiRun(bytes, run, i));
    parts.push(ch);
    run = i + 1;
  }
  if (run < bytes.length) parts.push(asciiRun(bytes, run, bytes.length));
  return parts.join('');
}

function asciiRun(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 8192) s += String.fromCharCode(...bytes.subarray(i, Math.min(to, i + 8192)));
  return s;
}
