/**
 * Text a PDF page shows through its annotations' appearances. Vietnamese e-government signing
 * tools (the clerk's digital signature of Decree 30's rules) write the document's number and day
 * into the printed blanks ("Số:      /TB-UBND", "ngày    tháng 11") as signature widgets, and
 * pdf.js's text layer leaves annotations out: without this, every e-signed report born in Word
 * loses its number and date, though any viewer shows them. A one-line appearance sitting on a
 * printed line is such a stamp and joins that line; the signers' boxes ("Ký bởi: …", e-mail,
 * time) span several lines and stay out of the text (they are e-signature metadata).
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

type Matrix = [number, number, number, number, number, number];

/** One run of glyphs drawn by an annotation, on its baseline in page space (PDF points, y up). */
export interface StampRun { text: string; x: number; y: number; width: number; size: number }

/** What counts as a stamped value: a short token (number, day, month, date or code). */
const STAMP = /^[\p{L}\p{N}][\p{L}\p{N}/.\-]{0,19}$/u;
/** Glyph-space units per text-space unit. */
const GLYPH_UNITS = 1000;

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m·n: n applied first, then m (the PDF's order for a CTM and a cm operand). */
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
const asMatrix = (v: unknown): Matrix | null => {
  const a = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
  return Array.isArray(a) && a.length === 6 && a.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (a as Matrix) : null;
};

interface TextState { tm: Matrix; tlm: Matrix; size: number; charSpacing: number; wordSpacing: number; hScale: number; leading: number }

/**
 * The glyph runs each annotation of `page` draws (annotation id → runs), from pdf.js's operator
 * list with annotations enabled: the graphics and text matrices are followed far enough to place
 * each run on the page.
 */
export async function annotationRuns(page: PDFPageProxy): Promise<StampRun[][]> {
  const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE });
  const O = pdfjs.OPS;
  const out: StampRun[][] = [];
  let runs: StampRun[] | null = null;
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let t: TextState = freshText();
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i], a = ops.argsArray[i] as unknown[] | null;
    if (fn === O.beginAnnotation) {
      runs = [];
      stack.length = 0;
      ctm = times(asMatrix(a?.[2]) ?? IDENTITY, asMatrix(a?.[3]) ?? IDENTITY);
      continue;
    }
    if (!runs) continue;
    switch (fn) {
      case O.endAnnotation: out.push(runs); runs = null; break;
      case O.save: stack.push(ctm); break;
      case O.restore: ctm = stack.pop() ?? ctm; break;
      case O.transform: ctm = times(ctm, asMatrix(a) ?? IDENTITY); break;
      case O.paintFormXObjectBegin: stack.push(ctm); ctm = times(ctm, asMatrix(a?.[0]) ?? IDENTITY); break;
      case O.paintFormXObjectEnd: ctm = stack.pop() ?? ctm; break;
      case O.beginText: t = freshText(t); break;
      case O.setTextMatrix: { const m = asMatrix(a?.[0]) ?? asMatrix(a); if (m) { t.tm = m; t.tlm = m; } break; }
      case O.setLeadingMoveText: t.leading = -Number(a?.[1] ?? 0); moveText(t, Number(a?.[0] ?? 0), Number(a?.[1] ?? 0)); break;
      case O.moveText: moveText(t, Number(a?.[0] ?? 0), Number(a?.[1] ?? 0)); break;
      case O.nextLine: moveText(t, 0, -t.leading); break;
      case O.setLeading: t.leading = Number(a?.[0] ?? 0); break;
      case O.setFont: t.size = Number(a?.[1] ?? t.size) || t.size; break;
      case O.setCharSpacing: t.charSpacing = Number(a?.[0] ?? 0); break;
      case O.setWordSpacing: t.wordSpacing = Number(a?.[0] ?? 0); break;
      case O.setHScale: t.hScale = Number(a?.[0] ?? 100) / 100; break;
      case O.showText: case O.showSpacedText: case O.nextLineShowText: case O.nextLineSetSpacingShowText: {
        if (fn === O.nextLineShowText || fn === O.nextLineSetSpacingShowText) moveText(t, 0, -t.leading);
        const glyphs = (fn === O.nextLineSetSpacingShowText ? a?.[2] : a?.[0]) as unknown;
        if (Array.isArray(glyphs)) runs.push(...showGlyphs(glyphs, t, ctm));
        break;
      }
    }
  }
  return out;
}

function freshText(prev?: TextState): TextState {
  return { tm: IDENTITY, tlm: IDENTITY, size: prev?.size ?? 12, charSpacing: prev?.charSpacing ?? 0, wordSpacing: prev?.wordSpacing ?? 0, hScale: prev?.hScale ?? 1, leading: prev?.leading ?? 0 };
}

function moveText(t: TextState, tx: number, ty: number): void {
  t.tlm = times(t.tlm, [1, 0, 0, 1, tx, ty]);
  t.tm = t.tlm;
}

/** The glyphs of one show operator as runs split at spacing gaps, advancing the text matrix. */
function showGlyphs(glyphs: unknown[], t: TextState, ctm: Matrix): StampRun[] {
  const runs: StampRun[] = [];
  let text = '', start = 0, advance = 0;
  const place = (dx: number) => times(ctm, times(t.tm, [1, 0, 0, 1, dx, 0]));
  const flush = () => {
    const trimmed = text.trim();
    if (trimmed) {
      const from = place(start), to = place(advance), m = times(ctm, t.tm);
      runs.push({ text: trimmed, x: from[4], y: from[5], width: to[4] - from[4], size: t.size * Math.hypot(m[2], m[3]) });
    }
    text = '';
  };
  for (const g of glyphs) {
    if (typeof g === 'number') {
      const dx = (-g / GLYPH_UNITS) * t.size * t.hScale;
      if (dx > t.size * 0.25) { flush(); start = advance + dx; }
      advance += dx;
      continue;
    }
    if (!g || typeof g !== 'object') continue;
    const glyph = g as { unicode?: string; width?: number; isSpace?: boolean };
    const unicode = glyph.unicode ?? '';
    const w = ((glyph.width ?? 0) / GLYPH_UNITS) * t.size + t.charSpacing + (glyph.isSpace ? t.wordSpacing : 0);
    if (text.trim() === '' && unicode.trim() === '') { advance += w * t.hScale; start = advance; text = ''; continue; }
    text += unicode;
    advance += w * t.hScale;
  }
  flush();
  t.tm = times(t.tm, [1, 0, 0, 1, advance, 0]);
  return runs;
}

/** The runs of annotations that are stamped values: one short run, nothing else drawn as text. */
export function stampRuns(annotations: StampRun[][]): StampRun[] {
  return annotations.flatMap((runs) => (runs.length === 1 && STAMP.test(runs[0]!.text.normalize('NFC')) ? [runs[0]!] : []));
}
