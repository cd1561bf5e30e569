/**
 * Compound File Binary (the container of Word 97–2003 .doc files): streams found by name in the
 * directory and read through the FAT or, for small ones, the mini FAT. Every chain is bounded by
 * the file's sector count, so a damaged or hostile file ends in an error, never a loop.
 */

export class CfbError extends Error {}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

export function isCfb(data: Uint8Array): boolean {
  return data.length >= 512 && SIGNATURE.every((b, i) => data[i] === b);
}

export interface Cfb {
  /** The bytes of a stream of the root storage, or null when there is none of that name. */
  stream(name: string): Uint8Array | null;
}

export function openCfb(data: Uint8Array): Cfb {
  if (!isCfb(data)) throw new CfbError('not a compound file');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  const miniShift = view.getUint16(0x20, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw new CfbError(`unknown sector size 2^${sectorShift}`);
  const sectorSize = 1 << sectorShift;
  const miniSize = 1 << miniShift;
  const sectorCount = Math.max(0, Math.ceil((data.length - sectorSize) / sectorSize));
  const miniCutoff = view.getUint32(0x38, true);

  const sectorAt = (n: number): Uint8Array => {
    const start = (n + 1) * sectorSize;
    if (n >= sectorCount) throw new CfbError(`sector ${n} lies past the end of the file (truncated?)`);
    return data.subarray(start, Math.min(data.length, start + sectorSize));
  };

  // The FAT's own sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + 4 * i, true);
    if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
  }
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE; guard++) {
    if (guard > sectorCount) throw new CfbError('the DIFAT chain loops');
    const s = sectorAt(difat);
    const sv = new DataView(s.buffer, s.byteOffset, s.byteLength);
    const per = sectorSize / 4 - 1;
    for (let i = 0; i < per && 4 * i + 4 <= s.length; i++) {
      const f = sv.getUint32(4 * i, true);
      if (f !== FREE && f !== END_OF_CHAIN) fatSectors.push(f);
    }
    difat = s.length >= sectorSize ? sv.getUint32(sectorSize - 4, true) : END_OF_CHAIN;
  }
  const fat = new Uint32Array(fatSectors.length * (sectorSize / 4));
  fatSectors.forEach((s, k) => {
    const bytes = sectorAt(s);
    const sv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; 4 * i + 4 <= bytes.length; i++) fat[k * (sectorSize / 4) + i] = sv.getUint32(4 * i, true);
  });

  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = table[s]!) {
      if (s === FREE || s >= table.length || out.length > limit) throw new CfbError('a sector chain is broken or loops');
      out.push(s);
    }
    return out;
  };
  const readChain = (start: number, size: number): Uint8Array => {
    const out = new Uint8Array(size);
    let at = 0;
    for (const s of chain(start, fat, sectorCount)) {
      if (at >= size) break;
      const bytes = sectorAt(s);
      out.set(bytes.subarray(0, Math.min(bytes.length, size - at)), at);
      at += sectorSize;
    }
    if (at < size) throw new CfbError('a stream is shorter than its directory entry says (truncated?)');
    return out;
  };

  // The directory: 128-byte entries in the directory chain.
  const dirStart = view.getUint32(0x30, true);
  const dirSectors = chain(dirStart, fat, sectorCount);
  const entries: Array<{ name: string; type: number; start: number; size: number }> = [];
  for (const s of dirSectors) {
    const bytes = sectorAt(s);
    const sv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let off = 0; off + 128 <= bytes.length; off += 128) {
      const nameLength = Math.min(64, sv.getUint16(off + 64, true));
      const name = new TextDecoder('utf-16le').decode(bytes.subarray(off, off + Math.max(0, nameLength - 2)));
      entries.push({ name, type: bytes[off + 66]!, start: sv.getUint32(off + 116, true), size: sv.getUint32(off + 120, true) });
    }
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw new CfbError('no root entry in the directory');

  let mini: { stream: Uint8Array; fat: Uint32Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    const miniFatStart = view.getUint32(0x3c, true);
    const miniFatSectors = miniFatStart === END_OF_CHAIN ? [] : chain(miniFatStart, fat, sectorCount);
    const table = new Uint32Array(miniFatSectors.length * (sectorSize / 4));
    miniFatSectors.forEach((s, k) => {
      const bytes = sectorAt(s);
      const sv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; 4 * i + 4 <= bytes.length; i++) table[k * (sectorSize / 4) + i] = sv.getUint32(4 * i, true);
    });
    mini = { stream: root.size ? readChain(root.start, root.size) : new Uint8Array(0), fat: table };
    return mini;
  };

  return {
    stream(name) {
      const entry = entries.find((e) => e.type === 2 && e.name === name);
      if (!entry) return null;
      if (entry.size > data.length * 2 + 4096) throw new CfbError(`stream ${name} claims ${entry.size} bytes in a ${data.length}-byte file`);
      if (entry.size >= miniCutoff) return readChain(entry.start, entry.size);
      const m = miniStream();
      const out = new Uint8Array(entry.size);
      let at = 0;
      for (const s of chain(entry.start, m.fat, m.stream.length / miniSize + 1)) {
        if (at >= entry.size) break;
        const from = s * miniSize;
        if (from + Math.min(miniSize, entry.size - at) > m.stream.length) throw new CfbError(`stream ${name} runs past the mini stream`);
        out.set(m.stream.subarray(from, from + Math.min(miniSize, entry.size - at)), at);
        at += miniSize;
      }
      if (at < entry.size) throw new CfbError(`stream ${name} is shorter than its directory entry says`);
      return out;
    },
  };
}
