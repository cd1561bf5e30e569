/**
 * Where a header's handwritten blanks are, from OCR word boxes: "Số: ……/TB-ĐHĐL" (between the
 * label and the slash of the symbol) and "ngày … tháng … năm 2025" (between the printed words).
 * OCR often glues the pen digits to a printed word ("2J5/TB-ĐHĐL", "ngày)", "Ñháng") or stretches
 * a printed word's box over them, so where a label ends (or the next word starts) is measured
 * from the edge of its box that OCR read right, with the word's printed width (print-widths.ts)
 * at the line's scale.
 */
import type { OcrWord } from '../../core/document.js';
import { editDistance, foldKey } from '../../core/segment/fold.js';
import { gluedDay } from '../../core/segment/fill-ins.js';
import { advance } from './print-widths.js';
import { median } from '../ocr/result.js';

export type BlankField = 'number' | 'day' | 'month';

export interface Blank {
  field: BlankField;
  /** 1-based OCR line of the blank. */
  line: number;
  /** Crop in page pixels [x0, y0, x1, y1]: the blank with its neighbour words and room above and below the line. */
  box: [number, number, number, number];
  /** Height of the printed words of the line (px). */
  lineHeight: number;
  /** Where the printed label before the blank ends (page px). */
  startX: number;
  /** Where the printed word after the blank starts (the slash, "tháng", "năm"; page px). */
  stopX: number;
  /**
   * Set when OCR lost "tháng" between "ngày" and "năm": the box holds both blanks, and the day is
   * the pen ink left of the widest gap, the month the ink right of it (blue ink only).
   */
  half?: 'left' | 'right';
  /** The line's print band [top, bottom] in page px (median of its words' box tops and bottoms). */
  band?: [number, number];
}

const fold = (w: OcrWord) => foldKey(w.text).replace(/[^A-Z0-9/]/g, '');
const lettersOf = (w: OcrWord) => fold(w).replace(/[^A-Z]/g, '');
const near = (w: OcrWord | undefined, word: string) => {
  if (!w) return false;
  const f = lettersOf(w);
  return f.length >= word.length - 1 && editDistance(f.slice(0, word.length), word) <= 1;
};
/**
 * Where the printed symbol starts in a word OCR read with the pen glued before it: the first slash
 * after which the rest reads as a symbol (capitals, digits, hyphens: "/TB-ĐHĐL", "/2025/NĐ-CP"),
 * since the pen's own strokes are often read as a slash before a capital ("Sốz2⁄Lj6/TB-ĐHĐL");
 * else the first slash before a capital.
 */
export function symbolStart(text: string): number {
  for (const m of text.matchAll(/[/⁄]/gu)) if (/^[/⁄]\s*(?:\d{4}\s*[/⁄]\s*)?\p{Lu}[\p{Lu}\d]*(?:\s*-\s*[\p{Lu}\d]+)*[,.;:]?$/u.test(text.slice(m.index))) return m.index;
  return text.search(/[/⁄](?=\s*\p{Lu})/u);
}


/** Pixels per 1/1000 em on a line: median of width / printed advance over its cleanly read words. */
function lineScale(ws: readonly OcrWord[], h: number): number {
  const ratios = ws
    .filter((w) => w.confidence >= 80 && /^[\p{L}\d]{2,}[,.]?$/u.test(w.text))
    .map((w) => (w.bbox[2] - w.bbox[0]) / advance(w.text));
  // No clean word: a word box is about an em high (accents to descenders).
  return ratios.length ? median(ratios) : h / 1000;
}

/** The blanks of the header lines of a page (the top 45 % of it). */
export function findBlanks(words: readonly OcrWord[], pageHeight: number): Blank[] {
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) {
    if (w.bbox[1] > pageHeight * 0.45) continue;
    let l = byLine.get(w.line);
    if (!l) byLine.set(w.line, (l = []));
    l.push(w);
  }
  const out: Blank[] = [];
  const have = (f: BlankField) => out.some((b) => b.field === f);
  for (const [line, ws] of [...byLine].sort((a, b) => a[0] - b[0])) {
    ws.sort((a, b) => a.bbox[0] - b.bbox[0]);
    // The line's band from its print: pen read as junk words stands higher and lower.
    const print = ws.filter((w) => w.confidence >= 60).length >= 3 ? ws.filter((w) => w.confidence >= 60) : ws;
    const top = median(print.map((w) => w.bbox[1])), bottom = median(print.map((w) => w.bbox[3]));
    const h = median(print.map((w) => w.bbox[3] - w.bbox[1]));
    const scale = lineScale(ws, h);
    /**
     * Where `printed` stands in `w`'s box: from the box's left edge when OCR read its start
     * (`key`'s first letters), from its right edge when it read only its end (pen glued before it);
     * a box read as the word alone is trusted no wider than the word prints.
     */
    const span = (w: OcrWord, printed: string): [number, number] => {
      const f = fold(w), key = foldKey(printed).replace(/[^A-Z0-9/]/g, ''), px = advance(printed) * scale;
      const head = f.startsWith(key.slice(0, 2)), tail = f.endsWith(key.slice(-2));
      if (head && tail) return [w.bbox[0], Math.min(w.bbox[2], w.bbox[0] + px + 0.15 * h)];
      if (tail) return [Math.max(w.bbox[0], w.bbox[2] - px), w.bbox[2]];
      return [w.bbox[0], w.bbox[0] + px];
    };
    const blank = (field: BlankField, x0: number, x1: number, startX: number, stopX: number): Blank => ({
      field, line, lineHeight: h, startX, stopX, band: [top, bottom],
      box: [Math.max(0, Math.round(x0)), Math.max(0, Math.round(top - 1.3 * h)), Math.round(x1), Math.round(bottom + 0.7 * h)],
    });
    if (!have('number')) {
      // "Số:", as OCR reads it ("Sốz2⁄Lj6/TB-ĐHĐL", "“Số:6/0", "số:"; with another vowel only before its colon: "sá:XÄ24J", "Sé:").
      const k = ws.findIndex((w) => /^[^A-Z0-9]{0,2}[SŠ$](?:O?([:;.Z]|$|(?=[0-9@]))|[AE6][:;.])/.test(foldKey(w.text)));
      // The symbol: the first word from the label on holding "/" and then letters.
      const s = k < 0 ? -1 : ws.findIndex((w, i) => i >= k && i <= k + 3 && /\/\s*[A-Z]/.test(foldKey(w.text)));
      if (s >= 0) {
        const label = ws[k]!, sym = ws[s]!;
        const symbolText = sym.text.slice(symbolStart(sym.text));
        const startX = span(label, 'Số:')[1], stopX = span(sym, symbolText)[0];
        if (stopX - startX > 0.3 * h) out.push(blank('number', label.bbox[0], Math.min(sym.bbox[2], stopX + 1.5 * h), startX, stopX));
      }
    }
    if (!have('day')) {
      for (let i = 0; i < ws.length; i++) {
        // "Quảng Ngãi, ngày …": the place's "Ngãi" is a letter away from "ngày"; the label is the last of them.
        if (!near(ws[i], 'NGAY') || near(ws[i + 1], 'NGAY')) continue;
        // OCR may glue the label, the pen and "tháng" into one word ("ngàyÂÚtháng"): that word is both.
        const j = gluedDay(fold(ws[i]!)) !== undefined ? i : [i + 1, i + 2, i + 3].find((x) => near(ws[x], 'THANG') || (ws[x] !== undefined && /.HANG$/.test(lettersOf(ws[x]!))));
        const k = [(j ?? i) + 1, (j ?? i) + 2, (j ?? i) + 3, (j ?? i) + 4].find((x) => near(ws[x], 'NAM') && /^\d{4}/.test(ws[x + 1]?.text ?? ''));
        if (k === undefined) continue;
        if (j === undefined) {
          const start = span(ws[i]!, 'ngày')[1], stop = span(ws[k]!, 'năm')[0];
          out.push({ ...blank('day', ws[i]!.bbox[0], stop + 0.3 * h, start, stop), half: 'left' });
          out.push({ ...blank('month', ws[i]!.bbox[0], stop + 0.3 * h, start, stop), half: 'right' });
          break;
        }
        const ngay = ws[i]!, thang = ws[j]!, nam = ws[k]!;
        const [thangStart, thangEnd] = span(thang, 'tháng'), namStart = span(nam, 'năm')[0];
        out.push(blank('day', ngay.bbox[0], thangStart + 0.3 * h, span(ngay, 'ngày')[1], thangStart));
        out.push(blank('month', thangStart, namStart + 0.3 * h, thangEnd, namStart));
        break;
      }
    }
  }
  return out;
}
