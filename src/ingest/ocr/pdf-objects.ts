/**
 * Just enough of a PDF object reader to find, per page, a scanner's embedded JPEG and hand its
 * bytes to OCR unchanged. Going through pdf.js instead (decode JPEG → RGBA → PNG → decode again
 * in the OCR worker) costs more CPU than the OCR itself and is lossy in a different way from the
 * scanner's original. Anything this reader does not understand simply yields no fast path: the
 * caller then falls back to pdf.js extraction or rendering.
 */
import { inflateSync } from 'node:zlib';
import { pageLayers, type PageLayers } from './pdf-page-layers.js';
import { pageCcitt } from './pdf-ccitt.js';
import { soleImage } from './pdf-page-image.js';
import type { PdfDict, PdfName, PdfObjectReader, PdfRef, PdfValue } from './pdf-values.js';

export type { PdfDict, PdfName, PdfRef, PdfString, PdfValue } from './pdf-values.js';


const isName = (v: PdfValue | undefined): v is PdfName => typeof v === 'object' && v !== null && 'name' in v;
const isRef = (v: PdfValue | undefined): v is PdfRef => typeof v === 'object' && v !== null && 'num' in v;
const isDict = (v: PdfValue | undefined): v is PdfDict => typeof v === 'object' && v !== null && !Array.isArray(v) && !('name' in v) && !('num' in v) && !('str' in v);

const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const SPACE = /[\0\t\n\f\r ]/;

/** Hex strings longer than this (hex digits) keep no decoded bytes (signature blobs, embedded data). */
const MAX_DECODED_HEX = 4096;

/** A hex string's bytes as latin1 characters (an odd last digit counts as followed by 0). */
export function hexBytes(hex: string): string {
  let out = '';
  for (let k = 0; k < hex.length; k += 2) out += String.fromCharCode(parseInt((hex.slice(k, k + 2) + '0').slice(0, 2), 16));
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A literal string's bytes with its escapes undone (octal, named, line continuations). */
function literalBytes(raw: string): string {
  return raw.replace(/\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))/gs, (_, oct: string | undefined, eol: string | undefined, ch: string | undefined) =>
    oct !== undefined ? String.fromCharCode(parseInt(oct, 8) & 0xff) : eol !== undefined ? '' : ESCAPES[ch!] ?? ch!);
}

/** Parses one value of PDF syntax from `s` at `pos`. */
export function parseValue(s: string, pos: number): { value: PdfValue; end: number } {
  let i = pos;
  const skip = () => {
    for (;;) {
      while (i < s.length && SPACE.test(s[i]!)) i++;
      if (s[i] === '%') { while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++; } else return;
    }
  };
  const value = (): PdfValue => {
    skip();
    const c = s[i];
    if (c === undefined) throw new Error('unexpected end of PDF object');
    if (c === '<' && s[i + 1] === '<') {
      i += 2;
      const d: PdfDict = {};
      for (;;) {
        skip();
        if (s[i] === '>' && s[i + 1] === '>') { i += 2; return d; }
        const key = value();
        if (!isName(key)) throw new Error('PDF dictionary key is not a name');
        d[key.name] = value();
      }
    }
    if (c === '[') {
      i++;
      const a: PdfValue[] = [];
      for (;;) { skip(); if (s[i] === ']') { i++; return a; } a.push(value()); }
    }
    if (c === '/') {
      let j = i + 1;
      while (j < s.length && !SPACE.test(s[j]!) && !DELIM.has(s[j]!)) j++;
      const name = s.slice(i + 1, j).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      i = j;
      return { name };
    }
    if (c === '(') {
      let depth = 0;
      const from = i;
      for (; i < s.length; i++) {
        if (s[i] === '\\') { i++; continue; }
        if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) { i++; return { str: true, bytes: literalBytes(s.slice(from + 1, i - 1)) }; }
      }
      throw new Error('unterminated PDF string');
    }
    if (c === '<') {
      const j = s.indexOf('>', i);
      if (j < 0) throw new Error('unterminated hex string');
      const hex = s.slice(i + 1, j).replace(/[^0-9a-fA-F]/g, '');
      i = j + 1;
      // A signature's /Contents is a long hex string: only text-sized ones are decoded here.
      return hex.length <= MAX_DECODED_HEX ? { str: true, bytes: hexBytes(hex) } : { str: true };
    }
    const m = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(s.slice(i, i + 32));
    if (m) {
      i += m[0].length;
      // "n g R" is a reference; look ahead without consuming unless it matches.
      const r = /^\s+(\d+)\s+R(?![A-Za-z])/.exec(s.slice(i, i + 24));
      if (r && /^\d+$/.test(m[0])) { i += r[0].length; return { num: Number(m[0]), gen: Number(r[1]) }; }
      return Number(m[0]);
    }
    const w = /^[A-Za-z]+/.exec(s.slice(i, i + 16))?.[0];
    if (w === 'true' || w === 'false' || w === 'null') { i += w.length; return w === 'true' ? true : w === 'false' ? false : null; }
    throw new Error(`unexpected PDF token at ${i}`);
  };
  const v = value();
  return { value: v, end: i };
}

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

/** What the objects reader can tell about one page without pdf.js. */
export interface PageScan {
  /** The scanner JPEG when the page can go to OCR as is (see scannedJpegPages), else null. */
  jpeg: Uint8Array | null;
  /** The page has font resources, so it may carry a text layer (an image-only page cannot). */
  fonts: boolean;
  /** Width and height of the page's MediaBox in points, when it is readable. */
  sizePt?: [number, number];
  /** What lies under the page's text (pdf-page-layers.ts); absent when not readable. */
  layers?: PageLayers;
  /** Maker of the page's one CCITT G4 scan as a TIFF (pdf-ccitt.ts), when it is certain. */
  ccitt?: (() => Uint8Array | null) | null;
  /** The page has annotations with appearances (what a viewer draws over it: pdf-stamps.ts). */
  drawnAnnotations?: boolean;
}

/**
 * The scanner JPEG of each page, when the page is exactly one unrotated DCT-encoded grey or RGB
 * image with no mask or decode inversion; null for any other page (and all pages on any doubt).
 */
export function scannedJpegPages(data: Uint8Array): (Uint8Array | null)[] {
  return scanPages(data).map((p) => p.jpeg);
}

/** Per page: the scanner JPEG (as scannedJpegPages) and whether it has fonts; [] on any doubt. */
export function scanPages(data: Uint8Array): PageScan[] {
  let pdf: PdfObjects;
  try { pdf = new PdfObjects(data); } catch { return []; }
  return pdf.pages().map((page) => {
    let fonts = true; // on doubt, assume a text layer may be there
    const sizePt = mediaBoxSize(pdf, page);
    try {
      const resources = pdf.dict(page.Resources);
      fonts = !resources || resources.Font !== undefined;
      let layers: PageLayers | undefined;
      try { layers = fonts ? pageLayers(pdf, page, resources, sizePt) : undefined; } catch { /* unknown */ }
      const jpeg = pageJpeg(pdf, page, resources);
      let ccitt: (() => Uint8Array | null) | null = null;
      try { ccitt = jpeg ? null : pageCcitt(pdf, page, resources); } catch { /* pdf.js decodes it */ }
      return { jpeg, fonts, sizePt, layers, ccitt, drawnAnnotations: hasDrawnAnnotations(pdf, page) };
    } catch {
      return { jpeg: null, fonts, sizePt, drawnAnnotations: true }; // on doubt, the annotations are looked at
    }
  });
}

/** Annotations whose appearance may draw words onto the page (links and pop-ups draw none). */
const DRAWING_ANNOTATIONS = new Set(['Widget', 'FreeText', 'Stamp']);

/** Whether any of the page's form fields, free texts or stamps has an appearance (/AP): on doubt, true. */
function hasDrawnAnnotations(pdf: PdfObjects, page: PdfDict): boolean {
  try {
    const annots = pdf.get(page.Annots);
    return Array.isArray(annots) && annots.some((a) => { const d = pdf.dict(a); return d?.AP !== undefined && DRAWING_ANNOTATIONS.has(pdf.name(d.Subtype) ?? ''); });
  } catch {
    return true;
  }
}

/** The page's MediaBox (inherited ones included) as width and height in points. */
function mediaBoxSize(pdf: PdfObjects, page: PdfDict): [number, number] | undefined {
  try {
    const box = pdf.get(page.MediaBox);
    if (!Array.isArray(box) || box.length !== 4) return undefined;
    const [x0, y0, x1, y1] = box.map((v) => pdf.get(v));
    if (typeof x0 !== 'number' || typeof y0 !== 'number' || typeof x1 !== 'number' || typeof y1 !== 'number') return undefined;
    const w = Math.abs(x1 - x0), h = Math.abs(y1 - y0);
    return w > 0 && h > 0 ? [w, h] : undefined;
  } catch {
    return undefined;
  }
}

function pageJpeg(pdf: PdfObjects, page: PdfDict, resources: PdfDict | undefined): Uint8Array | null {
  const sole = soleImage(pdf, page, resources, 'DCTDecode');
  if (!sole || sole.img.Decode !== undefined) return null;
  const { img, ref } = sole;
  const cs = pdf.get(img.ColorSpace);
  const csName = pdf.name(cs);
  const iccN = Array.isArray(cs) && pdf.name(cs[0]) === 'ICCBased' ? pdf.dict(cs[1])?.N : undefined;
  if (!(csName === 'DeviceGray' || csName === 'DeviceRGB' || iccN === 1 || iccN === 3)) return null;
  const bytes = pdf.streamBytes(ref);
  return bytes && bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : null;
}
