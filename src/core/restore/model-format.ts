/**
 * Binary container of the restoration model: "BCRM", uint32 version, uint32 header length, a JSON
 * header (vocabulary, channel tables, metadata, section table), then 8-byte-aligned typed arrays.
 * Loading is a JSON parse of a small header plus zero-copy typed-array views.
 */
export const MODEL_MAGIC = 'BCRM';
export const MODEL_VERSION = 1;

type SectionType = 'f32' | 'f64' | 'u8' | 'u16' | 'u32';
export type SectionArray = Float32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array;

interface SectionEntry {
  name: string;
  type: SectionType;
  length: number;
}

const CTORS = { f32: Float32Array, f64: Float64Array, u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;

function typeOf(a: SectionArray): SectionType {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  return 'u8';
}

const align8 = (n: number) => (n + 7) & ~7;

export function encodeModelFile(header: Record<string, unknown>, sections: Record<string, SectionArray>): Uint8Array {
  const names = Object.keys(sections).sort();
  const table: SectionEntry[] = names.map((name) => ({ name, type: typeOf(sections[name]!), length: sections[name]!.length }));
  const json = new TextEncoder().encode(JSON.stringify({ ...header, sections: table }));
  let size = align8(12 + json.length);
  for (const n of names) size += align8(sections[n]!.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MODEL_MAGIC), 0);
  view.setUint32(4, MODEL_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let off = align8(12 + json.length);
  for (const n of names) {
    const a = sections[n]!;
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += align8(a.byteLength);
  }
  return out;
}

export interface DecodedModelFile {
  header: Record<string, unknown>;
  sections: Record<string, SectionArray>;
}

/** Throws on a foreign or truncated file; callers turn that into a diagnostic. */
export function decodeModelFile(input: Uint8Array): DecodedModelFile {
  // Typed-array views need an aligned buffer; copy only when the input is not.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MODEL_MAGIC) {
    throw new Error('not a baocao restoration model (bad magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MODEL_VERSION) throw new Error(`model version ${version}, expected ${MODEL_VERSION}`);
  const jsonLen = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen))) as Record<string, unknown>;
  const table = header.sections as SectionEntry[];
  const sections: Record<string, SectionArray> = {};
  let off = align8(12 + jsonLen);
  for (const s of table) {
    const Ctor = CTORS[s.type];
    const byteLen = s.length * Ctor.BYTES_PER_ELEMENT;
    if (off + byteLen > bytes.length) throw new Error(`model truncated in section ${s.name}`);
    sections[s.name] = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + off, s.length);
    off += align8(byteLen);
  }
  return { header, sections };
}
