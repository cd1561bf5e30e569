/**
 * Just enough of a PDF object reader for the per-page fast paths (pdf-objects.ts) and the
 * signature fields (pdf-signatures.ts): objects found by their headers (incremental updates
 * override), object streams, page dictionaries with their inherited entries, stream bytes as stored.
 */
import { inflateSync } from 'node:zlib';
import { parseValue } from './pdf-syntax.js';
import { isDict, isName, isRef, type PdfDict, type PdfObjectReader, type PdfRef, type PdfValue } from './pdf-values.js';

interface Located { value: PdfValue; streamStart?: number }

export class PdfObjects implements PdfObjectReader {
  private readonly buf: Buffer;
  private readonly offsets = new Map<number, number>();
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
      pos = after;
      // Skip a stream's bytes so nothing inside them is mistaken for an object header.
      if (this.isStreamAt(after)) {
        const end = this.buf.indexOf('endstream', after, 'latin1');
        pos = end < 0 ? this.buf.length : end;
      }
    }
    for (const [num] of this.offsets) {
      try {
        const o = this.located(num);
        if (isDict(o.value) && isName(o.value.Type) && o.value.Type.name === 'ObjStm' && o.streamStart !== undefined) this.readObjStm(o.value, o.streamStart);
      } catch { /* an unreadable object is just not available */ }
    }
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
    return this.bytes.subarray(o.streamStart, o.streamStart + length);
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
      o = { value: parsed!.value, streamStart: m ? at + parsed!.end + m[0].length : undefined };
      this.cache.set(num, o);
    }
    return o;
  }

  private readObjStm(dict: PdfDict, start: number): void {
    const length = this.get(dict.Length), first = this.get(dict.First), n = this.get(dict.N);
    if (typeof length !== 'number' || typeof first !== 'number' || typeof n !== 'number') return;
    if (this.name(dict.Filter) !== 'FlateDecode') return;
    const s = inflateSync(this.bytes.subarray(start, start + length)).toString('latin1');
    const header = s.slice(0, first).trim().split(/\s+/).map(Number);
    for (let k = 0; k + 1 < Math.min(header.length, 2 * n); k += 2) {
      try { this.fromObjStm.set(header[k]!, parseValue(s, first + header[k + 1]!).value); } catch { /* skip */ }
    }
  }
}
