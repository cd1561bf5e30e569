/**
 * A PDF's digital signatures: the signature fields (/FT /Sig) of its /AcroForm and its pages'
 * widget annotations, with their signature dictionaries (/V: /Name, /M, /Reason, /Location,
 * /ContactInfo). When the dictionary names no signer (Vietnamese signing tools mostly leave
 * /Name out), the signer's certificate inside /Contents (PKCS#7) gives its subject: common name,
 * organisation, e-mail. Anything not understood yields no signature, never an error.
 */
import { X509Certificate } from 'node:crypto';
import { isPerson, isoTime } from '../core/segment/e-signature-values.js';
import type { ESignature } from '../core/segment/e-signatures.js';
import { PdfObjects } from './ocr/pdf-object-reader.js';
import { hexBytes } from './ocr/pdf-syntax.js';
import { isRef, type PdfDict, type PdfRef, type PdfString, type PdfValue } from './ocr/pdf-values.js';

/** Fields and annotations looked at, at most (a form of thousands of fields is no signed letter). */
const MAX_FIELDS = 2000;
/** Certificates tried inside one /Contents. */
const MAX_CERT_TRIES = 400;

/** The signatures of a PDF (its bytes, or its objects already read), in page order; [] when it has none or cannot be read. */
export function pdfSignatures(data: Uint8Array | PdfObjects): ESignature[] {
  let pdf: PdfObjects;
  try { pdf = data instanceof PdfObjects ? data : new PdfObjects(data); } catch { return []; }
  try {
    return readSignatures(pdf);
  } catch {
    return [];
  }
}

function readSignatures(pdf: PdfObjects): ESignature[] {
  const catalog = pdf.catalog();
  if (!catalog) return [];
  const pageRefs = pageRefsOf(pdf, catalog.Pages);
  const pageOf = (ref: PdfValue | undefined) => (isRef(ref) ? pageRefs.findIndex((r) => r.num === ref.num) + 1 || undefined : undefined);
  // Field object → page it is shown on, from the pages' widget annotations.
  const shownOn = new Map<number, number>();
  const fields: { field: PdfDict; ref?: PdfRef; page?: number }[] = [];
  pageRefs.forEach((ref, k) => {
    const annots = pdf.get(pdf.dict(ref)?.Annots);
    if (!Array.isArray(annots)) return;
    for (const a of annots.slice(0, MAX_FIELDS)) {
      const d = pdf.dict(a);
      if (!d || pdf.name(d.Subtype) !== 'Widget' || fieldType(pdf, d) !== 'Sig') continue;
      if (isRef(a)) shownOn.set(a.num, k + 1);
      fields.push({ field: d, ref: isRef(a) ? a : undefined, page: k + 1 });
    }
  });
  // AcroForm fields not shown as a page's widget (a field with kids, or no /Annots entry).
  const walk = (v: PdfValue | undefined, depth: number) => {
    if (depth > 8 || fields.length > MAX_FIELDS) return;
    const d = pdf.dict(v);
    if (!d) return;
    const kids = pdf.get(d.Kids);
    if (Array.isArray(kids)) kids.forEach((kid) => walk(kid, depth + 1));
    else if (fieldType(pdf, d) === 'Sig' && !(isRef(v) && fields.some((f) => f.ref?.num === v.num))) {
      fields.push({ field: d, ref: isRef(v) ? v : undefined, page: (isRef(v) ? shownOn.get(v.num) : undefined) ?? pageOf(d.P) });
    }
  };
  const form = pdf.get(pdf.dict(catalog.AcroForm)?.Fields);
  if (Array.isArray(form)) form.forEach((f) => walk(f, 0));

  const seen = new Set<string>();
  const out: ESignature[] = [];
  for (const { field, ref, page } of fields) {
    const v = inherited(pdf, field, 'V');
    const sig = pdf.dict(v);
    if (!sig) continue; // an empty field, not yet signed
    const id = isRef(v) ? `r${v.num}` : ref ? `f${ref.num}` : JSON.stringify(sig).slice(0, 200);
    if (seen.has(id)) continue;
    seen.add(id);
    const cert = certificateSubject(pdf, isRef(v) ? v : ref);
    const signer = textOf(pdf, sig.Name) ?? cert?.CN ?? null;
    const time = textOf(pdf, sig.M);
    out.push({
      signer,
      signerIsPerson: signer !== null && isPerson(signer),
      organization: cert?.O ?? textOf(pdf, sig.Location) ?? null,
      email: emailIn(textOf(pdf, sig.ContactInfo)) ?? cert?.emailAddress ?? null,
      time: time ? isoTime(time) ?? time : null,
      source: 'pdf-signature',
      page: page ?? pageOf(field.P) ?? 1,
    });
  }
  return out.sort((a, b) => a.page - b.page);
}

function pageRefsOf(pdf: PdfObjects, root: PdfValue | undefined): PdfRef[] {
  const out: PdfRef[] = [];
  const walk = (node: PdfValue | undefined, depth: number) => {
    const d = pdf.dict(node);
    if (!d || depth > 64) return;
    const kids = pdf.get(d.Kids);
    if (Array.isArray(kids)) kids.forEach((k) => walk(k, depth + 1));
    else if (isRef(node)) out.push(node);
  };
  walk(root, 0);
  return out;
}

/** A field's value of `key`, inherited from its parents (fields inherit /FT and /V). */
function inherited(pdf: PdfObjects, d: PdfDict, key: string): PdfValue | undefined {
  let node: PdfDict | undefined = d;
  for (let depth = 0; node && depth < 8; depth++) {
    if (node[key] !== undefined) return node[key];
    node = pdf.dict(node.Parent);
  }
  return undefined;
}

const fieldType = (pdf: PdfObjects, d: PdfDict) => pdf.name(inherited(pdf, d, 'FT'));

/** PDFDocEncoding's bytes that differ from latin1 (ISO 32000-2 Annex D): 0x18–0x1F, 0x80–0xA0. */
const PDF_DOC: Record<number, number> = {
  0x18: 0x2d8, 0x19: 0x2c7, 0x1a: 0x2c6, 0x1b: 0x2d9, 0x1c: 0x2dd, 0x1d: 0x2db, 0x1e: 0x2da, 0x1f: 0x2dc,
  ...Object.fromEntries([0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x192, 0x2044, 0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
    0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x141, 0x152, 0x160, 0x178, 0x17d, 0x131, 0x142, 0x153, 0x161, 0x17e, 0xfffd, 0x20ac].map((c, k) => [0x80 + k, c])),
};

/** A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its mark, else PDFDocEncoding. */
export function pdfText(bytes: string): string {
  if (bytes.startsWith('\xfe\xff')) {
    let out = '';
    for (let k = 2; k + 1 < bytes.length; k += 2) out += String.fromCharCode((bytes.charCodeAt(k) << 8) | bytes.charCodeAt(k + 1));
    return out.normalize('NFC');
  }
  if (bytes.startsWith('\xef\xbb\xbf')) return Buffer.from(bytes.slice(3), 'latin1').toString('utf8').normalize('NFC');
  return bytes.replace(/[\x18-\x1f\x80-\xa0]/g, (c) => String.fromCharCode(PDF_DOC[c.charCodeAt(0)] ?? c.charCodeAt(0))).normalize('NFC');
}

/**
 * Whether decoded metadata is text a person wrote: no control characters, lone surrogates,
 * replacement or non-characters (what bytes that were never decrypted, or decrypted with the wrong
 * key, decode to). Such a string is left out, never written into the JSON or CSV.
 */
export const isCleanText = (t: string) => !/[\p{Cc}\p{Cs}\p{Co}\uFFFD\uFFFE\uFFFF]/u.test(t.replace(/[\t\n\r]/g, ' '));

function textOf(pdf: PdfObjects, v: PdfValue | undefined): string | null {
  const s = pdf.get(v);
  if (typeof s !== 'object' || s === null || Array.isArray(s) || !('str' in s) || s.str !== true) return null;
  const bytes = (s as PdfString).bytes;
  if (bytes === undefined) return null;
  const t = pdfText(bytes).replace(/\s+/g, ' ').trim();
  return t === '' || !isCleanText(t) ? null : t;
}

const emailIn = (s: string | null) => /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/.exec(s ?? '')?.[0] ?? null;

/**
 * The signer's certificate in /Contents (a CMS SignedData): every DER SEQUENCE in it is tried as
 * an X.509 certificate, and the first that is no CA's gives its subject's fields.
 */
function certificateSubject(pdf: PdfObjects, holder: PdfRef | undefined): Record<string, string> | null {
  if (!holder) return null;
  const text = pdf.sourceText(holder);
  const hex = text && /\/Contents\s*<([0-9a-fA-F\s]*)>/.exec(text)?.[1];
  if (!hex) return null;
  const raw = hexBytes(hex.replace(/\s+/g, ''));
  // /Contents is not encrypted (ISO 32000-2 §7.6.2), but some signing tools (iText 5) encrypted it as any string.
  const plain = rawIsDer(raw) ? raw : pdf.decryptString(holder, raw);
  if (plain === null) return null;
  const der = Buffer.from(plain, 'latin1');
  let tries = 0;
  for (let k = 0; k + 4 < der.length && tries < MAX_CERT_TRIES; k++) {
    if (der[k] !== 0x30 || der[k + 1] !== 0x82) continue;
    const len = (der[k + 2]! << 8) | der[k + 3]!;
    if (k + 4 + len > der.length || len < 200) continue;
    tries++;
    try {
      const cert = new X509Certificate(der.subarray(k, k + 4 + len));
      if (cert.ca) continue;
      const subject: Record<string, string> = {};
      for (const line of cert.subject.split('\n')) {
        const eq = line.indexOf('=');
        const value = line.slice(eq + 1).trim().normalize('NFC');
        if (eq > 0 && isCleanText(value)) subject[line.slice(0, eq).trim()] ??= value;
      }
      return subject;
    } catch {
      // not a certificate at this offset
    }
  }
  return null;
}

/** Whether a /Contents starts as a DER SEQUENCE (a CMS SignedData), as an unencrypted one does. */
const rawIsDer = (bytes: string) => bytes.charCodeAt(0) === 0x30 && (bytes.charCodeAt(1) === 0x80 || bytes.charCodeAt(1) >= 0x81 && bytes.charCodeAt(1) <= 0x84);
