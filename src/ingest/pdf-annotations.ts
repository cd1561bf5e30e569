/**
 * A PDF's markup annotations: the notes people put on a document in a PDF viewer (a typed note
 * over the page, a sticky note, a stamp, a highlight or underline with a comment, a drawing with
 * one). They are not the document's text (pdf.js's text content leaves them out, and OCR of the
 * page image reads a typed note only when it happens to be drawn, mixed into the text it covers),
 * so they are kept beside it, per page (pages[].annotations). Form fields and signature fields
 * (widgets) are pdf-signatures.ts's; links, pop-up windows and the like carry no note.
 * Read with the objects reader, so an encrypted file's notes are decrypted as its strings are.
 */
import type { PageAnnotation } from '../core/document.js';
import { isoTime } from '../core/segment/e-signature-values.js';
import type { PdfObjects } from './ocr/pdf-object-reader.js';
import { isCleanText, pdfText } from './pdf-signatures.js';
import type { PdfString, PdfValue } from './ocr/pdf-values.js';

/** Markup annotations (ISO 32000-2 §12.5.6.2) whose /Contents is a person's note. */
const MARKUP = new Set(['Text', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly', 'StrikeOut', 'Caret', 'Stamp', 'Ink', 'FileAttachment', 'Sound', 'Redact']);
/** Annotations looked at per page, at most (thousands on a page are no person's notes). */
const MAX_PER_PAGE = 2000;
/** A note longer than this is cut (with an ellipsis): a note, not an attached document. */
const MAX_TEXT = 10_000;

/** Each page's notes (index k: page k + 1); pages without any give []. */
export function pdfAnnotations(pdf: PdfObjects): PageAnnotation[][] {
  return pdf.pages().map((page) => {
    try {
      const annots = pdf.get(page.Annots);
      if (!Array.isArray(annots)) return [];
      return annots.slice(0, MAX_PER_PAGE).flatMap((a) => {
        const d = pdf.dict(a);
        const subtype = d && pdf.name(d.Subtype);
        if (!d || !subtype || !MARKUP.has(subtype)) return [];
        const text = noteText(pdf, d.Contents) ?? richText(pdf, d.RC);
        if (!text) return [];
        const rect = rectOf(pdf, d.Rect);
        const modified = stringOf(pdf, d.M);
        return [{
          subtype,
          text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text,
          author: oneLine(stringOf(pdf, d.T)),
          modified: modified ? isoTime(modified) ?? oneLine(modified) : null,
          ...(rect ? { rect } : {}),
        }];
      });
    } catch {
      return [];
    }
  });
}

/** A text string's characters, or null when it is none or not clean text (never undecrypted bytes). */
function stringOf(pdf: PdfObjects, v: PdfValue | undefined): string | null {
  const s = pdf.get(v);
  if (typeof s !== 'object' || s === null || Array.isArray(s) || !('str' in s)) return null;
  const bytes = (s as PdfString).bytes;
  if (bytes === undefined) return null;
  const t = pdfText(bytes).replace(/\r\n?/g, '\n');
  return isCleanText(t) ? t : null;
}

const oneLine = (t: string | null) => { const s = t?.replace(/\s+/g, ' ').trim(); return s ? s : null; };

/** A note's text: its lines kept (a typed note's line breaks are the writer's), blank lines and trailing spaces dropped. */
function noteText(pdf: PdfObjects, v: PdfValue | undefined): string | null {
  const t = stringOf(pdf, v);
  const lines = t?.split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim()).filter(Boolean);
  return lines?.length ? lines.join('\n') : null;
}

/** /RC, the rich-text (XHTML) form of a note, as plain text: paragraphs as lines, tags dropped, entities undone. */
function richText(pdf: PdfObjects, v: PdfValue | undefined): string | null {
  const t = stringOf(pdf, v);
  if (!t) return null;
  const plain = t.replace(/<\/(p|div)>|<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
      const k = e.toLowerCase();
      if (k.startsWith('#')) return codePointText(k.startsWith('#x') ? parseInt(k.slice(2), 16) : Number(k.slice(1))) ?? `&${e};`;
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[k]!;
    });
  const lines = plain.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const text = lines.length ? lines.join('\n').normalize('NFC') : null;
  return text !== null && isCleanText(text) ? text : null;
}

/** /Rect as [x0, y0, x1, y1] in points (the page's user space, y up), corners ordered, to 0.1 pt. */
function rectOf(pdf: PdfObjects, v: PdfValue | undefined): [number, number, number, number] | undefined {
  const r = pdf.get(v);
  if (!Array.isArray(r) || r.length !== 4) return undefined;
  const n = r.map((x) => pdf.get(x));
  if (!n.every((x): x is number => typeof x === 'number' && Number.isFinite(x))) return undefined;
  const round = (x: number) => Math.round(x * 10) / 10;
  return [round(Math.min(n[0]!, n[2]!)), round(Math.min(n[1]!, n[3]!)), round(Math.max(n[0]!, n[2]!)), round(Math.max(n[1]!, n[3]!))];
}

/** A numeric entity's character, or null for a code point out of range, a surrogate or a control character (kept as written). */
function codePointText(cp: number): string | null {
  if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  const ch = String.fromCodePoint(cp);
  return isCleanText(ch) ? ch : null;
}
