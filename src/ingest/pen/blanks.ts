/**
 * Where a header's handwritten blanks are, from OCR word boxes: "Số: ……/TB-ĐHĐL" (between the
 * label and the slash of the symbol) and "ngày … tháng … năm 2025" (between the printed words).
 * OCR often glues the pen digits to a printed word ("2J5/TB-ĐHĐL", "ngày)", "Ñháng"), so each
 * blank runs from the start of the word before it to the start of the word after it, and the
 * ink reader (ink.ts) tells print from pen inside it.
 */
import type { OcrWord } from '../../core/document.js';
import { editDistance, foldKey } from '../../core/segment/fold.js';

export type BlankField = 'number' | 'day' | 'month';

export interface Blank {
  field: BlankField;
  /** 1-based OCR line of the blank. */
  line: number;
  /** Search box in page pixels [x0, y0, x1, y1]: the blank with room above and below the line. */
  box: [number, number, number, number];
  /** Height of the printed words of the line (px). */
  lineHeight: number;
  /** Left edge of the printed word after the blank (the slash, "tháng", "năm"): pen ink right of it is not the blank's. */
  stopX: number;
  /** Right edge of the printed label when OCR read it as a word of its own ("Số:", "ngày"), else its left edge. */
  startX: number;
  /** Whether startX and stopX are edges of printed words read apart from the blank (then only pen stands between them). */
  clean: boolean;
}

const fold = (w: OcrWord) => foldKey(w.text).replace(/[^A-Z0-9/]/g, '');
const near = (w: OcrWord | undefined, word: string) => {
  if (!w) return false;
  const f = fold(w).replace(/[^A-Z]/g, '');
  return f.length >= word.length - 1 && editDistance(f.slice(0, word.length), word) <= 1;
};
/** A word that is only the printed label (no digits glued to it). */
const bareLabel = (w: OcrWord, word: string) => fold(w).replace(/[0-9]/g, '') === fold(w) && fold(w).length <= word.length + 1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

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
    const h = median(ws.map((w) => w.bbox[3] - w.bbox[1]));
    const band = (x0: number, x1: number, startX: number, stopX: number, field: BlankField, clean: boolean): Blank => {
      const top = median(ws.map((w) => w.bbox[1])), bottom = median(ws.map((w) => w.bbox[3]));
      return { field, line, box: [Math.max(0, Math.round(x0)), Math.max(0, Math.round(top - 0.9 * h)), Math.round(x1), Math.round(bottom + 0.5 * h)], lineHeight: h, startX, stopX, clean };
    };
    if (!have('number')) {
      // "Số:", as OCR reads it ("Sốz2⁄Lj6/TB-ĐHĐL", "“Số:6/0", "số:").
      const k = ws.findIndex((w) => /^[^A-Z0-9]{0,2}SO?([:;.Z]|$|(?=[0-9]))/.test(foldKey(w.text)));
      if (k >= 0) {
        // The symbol: the first word from the label on holding "/" and then letters.
        const s = ws.findIndex((w, i) => i >= k && i <= k + 3 && /\/\s*[A-Z]/.test(foldKey(w.text)));
        if (s >= 0) {
          const label = ws[k]!, sym = ws[s]!;
          const slashAtStart = /^[^A-Z0-9]*\//.test(foldKey(sym.text)) && s > k;
          const stopX = slashAtStart ? sym.bbox[0] : sym.bbox[2];
          const bare = s > k && /^[^A-Z0-9]{0,2}SO?[:;.]?$/.test(foldKey(label.text));
          const startX = bare ? label.bbox[2] : label.bbox[0];
          out.push(band(label.bbox[0], slashAtStart ? sym.bbox[0] + 0.3 * h : sym.bbox[2], startX, stopX, 'number', bare && slashAtStart));
        }
      }
    }
    if (!have('day')) {
      for (let i = 0; i < ws.length; i++) {
        if (!near(ws[i], 'NGAY')) continue;
        const j = [i + 1, i + 2, i + 3].find((x) => near(ws[x], 'THANG') || (x > i + 1 && /HANG/.test(fold(ws[x] ?? ws[i]!))));
        if (j === undefined) continue;
        const k = [j + 1, j + 2, j + 3].find((x) => near(ws[x], 'NAM') && /^\d{4}/.test(ws[x + 1]?.text ?? ''));
        if (k === undefined) continue;
        const ngay = ws[i]!, thang = ws[j]!, nam = ws[k]!;
        const ngayBare = bareLabel(ngay, 'NGAY'), thangBare = bareLabel(thang, 'THANG');
        out.push(band(ngay.bbox[0], thang.bbox[0], ngayBare ? ngay.bbox[2] : ngay.bbox[0], thang.bbox[0], 'day', ngayBare && thangBare));
        out.push(band(thang.bbox[0], nam.bbox[0], thangBare ? thang.bbox[2] : thang.bbox[0], nam.bbox[0], 'month', thangBare && bareLabel(nam, 'NAM')));
        break;
      }
    }
  }
  return out;
}
