/**
 * Just enough of a PDF object reader for the per-page fast paths (pdf-objects.ts) and the
 * signature fields (pdf-signatures.ts): objects found by their headers (incremental updates
 * override), object streams, page dictionaries with their inherited entries, stream bytes as stored
 * (filters not undone). An encrypted file's strings and streams are decrypted with the empty user
 * password (pdf-crypt.ts); when that is not possible its strings keep no bytes and its streams none.
 */
import { inflateSync } from 'node:zlib';
import { standardEncryption, type EncryptDict, type Encryption } from './pdf-crypt.js';
import { parseValue } from './pdf-syntax.js';
import { isDict, isName, isRef, type PdfDict, type PdfObjectReader, type PdfRef, type PdfString, type PdfValue } from './pdf-values.js';

interface Located { value: PdfValue; streamStart?: number }

export class PdfObjects implements PdfObjectReader {
  private readonly buf: Buffer;
  private readonly offsets = new Map<number, number>();
  private readonly gens = new Map<number, number>();
  /** The file's encryption (undefined: none); its dictionary's object is not itself encrypted. */
  readonly encryption: Encryption | undefined;
  private encryptNum = -1;
  private readonly fromObjStm = new Map<number, PdfValue>();
  private readonly cache = new Map<number, Located>();

  constructor(private readonly bytes: Uint8Array) {
    // Read through small latin1 windows, never one string of the whole file (a scanned PDF can
    // be hundreds of MB).
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const CHUNK = 1 << 16, OVERLAP = 48;
    // Later definitions (incremental updates) override earlier ones, as in the PDF's own xref.
    const header = /[\s>](\d+)\s+(\d+)\s+obj\b/g;
    for (let pos = 0; pos < this.buf.length;) {
      const chunk = this.window(pos, CHUNK);
      header.lastIndex = 0;
      const m = header.exec(chunk);
      if (!m) { if (pos + CHUNK >= this.buf.length) break; pos += CHUNK - OVERLAP; continue; }
      const after = pos + m.index + m[0].length;
      this.offsets.set(Number(m[1]), after);
      this.gens.set(Number(m[1]), Number(m[2]));
      pos = after;
      // Skip a stream's bytes so nothing inside them is mistaken for an object header.
      if (this.isStreamAt(after)) {
        const end = this.buf.indexOf('endstream', after, 'latin1');
        pos = end < 0 ? this.buf.length : end;
      }
    }
    this.encryption = this.findEncryption();
    for (const [num] of this.offsets) {
      try {
        const o = this.located(num);
        if (isDict(o.value) && isName(o.value.Type) && o.value.Type.name === 'ObjStm' && o.streamStart !== undefined) this.readObjStm(num, o.value, o.streamStart);
      } catch { /* an unreadable object is just not available */ }
    }
  }

  /**
   * The trailer's /Encrypt (a classic trailer, or a cross-reference stream's dictionary, the
   * last in the file), read before any other object so those can be decrypted as they are parsed.
   */
  private findEncryption(): Encryption | undefined {
    let trailer: PdfDict | undefined, at = -1;
    for (let end = this.buf.length, tries = 0; tries < 8; tries++) {
      const k = this.buf.lastIndexOf('trailer', end, 'latin1');
      if (k < 0) break;
      try {
        const d = parseValue(this.window(k + 7, 1 << 16), 0).value;
        // The file's last trailer decides (an update repeats /Encrypt): an older one, or the word
        // inside an embedded file, never makes a plain file encrypted.
        if (isDict(d)) {
          if (d.Encrypt !== undefined) { trailer = d; at = k; }
          break;
        }
      } catch { /* the word inside some stream */ }
      end = k - 1;
    }
    // A cross-reference stream: where the last startxref points.
    const sx = this.buf.lastIndexOf('startxref', this.buf.length, 'latin1');
    const xrefAt = sx < 0 ? undefined : Number(/^\s*(\d+)/.exec(this.window(sx + 9, 32))?.[1]);
    const head = xrefAt !== undefined && xrefAt > at ? /^\s*(\d+)\s+\d+\s+obj\b/.exec(this.window(xrefAt, 64)) : null;
    if (head) {
      const v = this.safeRaw(Number(head[1]));
      if (isDict(v) && isName(v.Type) && v.Type.name === 'XRef' && v.Encrypt !== undefined) trailer = v;
    }
    if (!trailer) return undefined;
    if (isRef(trailer.Encrypt)) this.encryptNum = trailer.Encrypt.num;
    const e = isRef(trailer.Encrypt) ? this.safeRaw(trailer.Encrypt.num) : trailer.Encrypt;
    if (!isDict(e)) return { state: 'unsupported', reason: 'its /Encrypt dictionary is unreadable' };
    const ids = this.get(trailer.ID);
    const id0 = Array.isArray(ids) ? bytesOf(this.get(ids[0])) ?? '' : '';
    const num = (v: PdfValue | undefined) => { const x = this.get(v); return typeof x === 'number' ? x : undefined; };
    const cf: EncryptDict['CF'] = {};
    for (const [name, f] of Object.entries(this.dict(e.CF) ?? {})) { const d = this.dict(f); if (d) cf[name] = { CFM: this.name(d.CFM), Length: num(d.Length) }; }
    const meta = this.get(e.EncryptMetadata);
    return standardEncryption({
      Filter: this.name(e.Filter), SubFilter: this.name(e.SubFilter), V: num(e.V), R: num(e.R), Length: num(e.Length), P: num(e.P),
      O: bytesOf(this.get(e.O)), U: bytesOf(this.get(e.U)), OE: bytesOf(this.get(e.OE)), UE: bytesOf(this.get(e.UE)),
      EncryptMetadata: typeof meta === 'boolean' ? meta : undefined, StmF: this.name(e.StmF), StrF: this.name(e.StrF), CF: cf,
    }, id0);
  }

  /** A string of object `ref` decrypted (latin1 bytes in, out), as the file's strings are; the bytes as they are when it is not encrypted, null when they cannot be decrypted. */
  decryptString(ref: PdfRef, bytes: string): string | null {
    const e = this.encryption;
    if (!e) return bytes;
    if (e.state !== 'decryptable') return null;
    const out = e.decrypt(Buffer.from(bytes, 'latin1'), ref.num, this.gens.get(ref.num) ?? ref.gen, 'string');
    return out ? Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('latin1') : null;
  }

  /** Every string of object `num` decrypted (bytes dropped when they cannot be). */
  private decrypted(v: PdfValue, num: number, gen: number): PdfValue {
    const e = this.encryption!;
    const walk = (x: PdfValue, depth: number): PdfValue => {
      if (depth > 32 || typeof x !== 'object' || x === null) return x;
      if (Array.isArray(x)) return x.map((y) => walk(y, depth + 1));
      if ('str' in x) {
        const s = x as PdfString;
        if (s.bytes === undefined) return s;
        const out = e.state === 'decryptable' ? e.decrypt(Buffer.from(s.bytes, 'latin1'), num, gen, 'string') : null;
        return out ? { str: true, bytes: Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('latin1') } : { str: true };
      }
      if ('name' in x || 'num' in x) return x;
      const d: PdfDict = {};
      for (const [k, y] of Object.entries(x)) d[k] = walk(y, depth + 1);
      return d;
    };
    return walk(v, 0);
  }

  get(v: PdfValue | undefined): PdfValue | undefined {
    if (!isRef(v)) return v;
    if (this.fromObjStm.has(v.num) && !this.offsets.has(v.num)) return this.fromObjStm.get(v.num);
    return this.offsets.has(v.num) ? this.located(v.num).value : undefined;
  }

  /** Raw (still encoded) bytes of a stream object. */
  streamBytes(ref: PdfRef): Uint8Array | undefined {
    const o = this.offsets.has(ref.num) ? this.located(ref.num) : undefined;
    if (!o || o.streamStart === undefined || !isDict(o.value)) return undefined;
    const length = this.get(o.value.Length);
    if (typeof length !== 'number' || o.streamStart + length > this.bytes.length) return undefined;
    return this.plainStream(ref.num, o.value, this.bytes.subarray(o.streamStart, o.streamStart + length));
  }

  /** A stream's stored bytes decrypted when the file is encrypted (cross-reference streams and, when so declared, metadata are not). */
  private plainStream(num: number, dict: PdfDict, bytes: Uint8Array): Uint8Array | undefined {
    const e = this.encryption;
    const type = this.name(dict.Type);
    if (!e || type === 'XRef' || (type === 'Metadata' && e.state === 'decryptable' && !e.encryptMetadata)) return bytes;
    const filters = this.get(dict.Filter);
    if ((Array.isArray(filters) ? filters.map((f) => this.name(f)) : [this.name(filters)]).includes('Crypt')) return undefined; // a stream's own crypt filter: not read
    if (e.state !== 'decryptable') return undefined;
    return e.decrypt(bytes, num, this.gens.get(num) ?? 0, 'stream') ?? undefined;
  }

  /** Page dictionaries in page order, with inherited Resources and Rotate filled in. */
  pages(): PdfDict[] {
    const catalog = this.catalog();
    const out: PdfDict[] = [];
    const walk = (node: PdfValue | undefined, inherited: PdfDict, depth: number) => {
      const d = this.get(node);
      if (!isDict(d) || depth > 64) return;
      const here: PdfDict = { ...inherited };
      for (const k of ['Resources', 'Rotate', 'MediaBox']) if (d[k] !== undefined) here[k] = d[k]!;
      const kids = this.get(d.Kids);
      if (Array.isArray(kids)) for (const k of kids) walk(k, here, depth + 1);
      else out.push({ ...d, ...here });
    };
    if (catalog) walk(catalog.Pages, {}, 0);
    return out;
  }

  /** Catalog dictionary (the last one defined), when there is one. */
  catalog(): PdfDict | undefined {
    let catalog: PdfDict | undefined;
    for (const [num] of this.offsets) {
      const v = this.safe(num);
      if (isDict(v) && isName(v.Type) && v.Type.name === 'Catalog') catalog = v;
    }
    for (const v of this.fromObjStm.values()) if (!catalog && isDict(v) && isName(v.Type) && v.Type.name === 'Catalog') catalog = v;
    return catalog;
  }

  /** The object's source text (latin1), up to `max` characters, for values this reader keeps no bytes of (a signature's /Contents). */
  sourceText(ref: PdfRef, max = 1 << 20): string | undefined {
    const at = this.offsets.get(ref.num);
    return at === undefined ? undefined : this.window(at, max);
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const d = this.get(v);
    return isDict(d) ? d : undefined;
  }

  name(v: PdfValue | undefined): string | undefined {
    const d = this.get(v);
    return isName(d) ? d.name : undefined;
  }

  private safe(num: number): PdfValue | undefined {
    try { return this.located(num).value; } catch { return undefined; }
  }

  /** An object as parsed, its strings not decrypted (the trailer's and /Encrypt's are not encrypted). */
  private safeRaw(num: number): PdfValue | undefined {
    const at = this.offsets.get(num);
    try { return at === undefined ? undefined : parseValue(this.window(at, 1 << 16), 0).value; } catch { return undefined; }
  }

  private isStreamAt(at: number): boolean {
    try {
      const w = this.window(at, 1 << 16);
      return /^\s*stream\b/.test(w.slice(parseValue(w, 0).end));
    } catch {
      return false;
    }
  }

  private window(from: number, length: number): string {
    return this.buf.toString('latin1', from, Math.min(from + length, this.buf.length));
  }

  private located(num: number): Located {
    let o = this.cache.get(num);
    if (!o) {
      const at = this.offsets.get(num)!;
      let parsed: { value: PdfValue; end: number } | undefined;
      // Object dictionaries are small; a bigger window only for an unusually long one.
      for (const size of [1 << 16, 1 << 22]) {
        try { parsed = parseValue(this.window(at, size), 0); break; } catch (e) { if (size === 1 << 22) throw e; }
      }
      const m = /^\s*stream(\r\n|\n|\r)/.exec(this.window(at + parsed!.end, 16));
      let value = parsed!.value;
      // Strings of an encrypted file are encrypted with their object's key, except in /Encrypt and xref streams.
      if (this.encryption && num !== this.encryptNum && !(isDict(value) && isName(value.Type) && value.Type.name === 'XRef')) value = this.decrypted(value, num, this.gens.get(num) ?? 0);
      o = { value, streamStart: m ? at + parsed!.end + m[0].length : undefined };
      this.cache.set(num, o);
    }
    return o;
  }

  private readObjStm(num: number, dict: PdfDict, start: number): void {
    const length = this.get(dict.Length), first = this.get(dict.First), n = this.get(dict.N);
    if (typeof length !== 'number' || typeof first !== 'number' || typeof n !== 'number') return;
    if (this.name(dict.Filter) !== 'FlateDecode') return;
    // The stream as a whole is encrypted, not the strings inside it.
    const stored = this.plainStream(num, dict, this.bytes.subarray(start, start + length));
    if (!stored) return;
    const s = inflateSync(stored).toString('latin1');
    const header = s.slice(0, first).trim().split(/\s+/).map(Number);
    for (let k = 0; k + 1 < Math.min(header.length, 2 * n); k += 2) {
      try { this.fromObjStm.set(header[k]!, parseValue(s, first + header[k + 1]!).value); } catch { /* skip */ }
    }
  }
}

function bytesOf(v: PdfValue | undefined): string | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'str' in v ? (v as PdfString).bytes : undefined;
}
