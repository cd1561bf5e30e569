/**
 * Table cells read again with their own context. The restorer reads a table line by line, where a
 * cell that runs on over lines has the status column's word in the middle ("… bộ phận chuyên Đạt"
 * then "môn, cơ quan …"), so that word, not the cell's next word, is the context. Once the
 * segmenter has put each cell's text as read together (Table.originalRows), the cell is restored
 * again on its own, in the mode the document was restored in, and written back into the lines
 * it came from, so the restored text and paragraphs say what the table says.
 */
import type { WorkingDocument } from '../document.js';
import type { Structure } from '../segment/schema.js';
import { cellPieces, isStatusWord, type CellPiece } from '../segment/table.js';
import { restore, type RestoreModel, type RestoreOptions } from './index.js';
import { byPage, paragraphsFromWhole } from './paragraph-text.js';

/** Modes whose reading depends on context; clean text keeps its words and Vietnamese-model OCR needs its word confidences. */
const isRereadMode = (mode: string | undefined): mode is 'stripped' | 'ocr' => mode === 'stripped' || mode === 'ocr';

/** New text for a piece of a line. */
export interface CellEdit {
  piece: CellPiece;
  text: string;
}

const words = (text: string) => text.match(/\S+/g) ?? [];

/** Re-reads the cells of every annex table; returns the edits that put them back into their lines. */
export function restoreTableCells(structure: Structure, model: RestoreModel, mode: string | undefined, adaptation?: RestoreOptions['adaptation']): CellEdit[] {
  const edits: CellEdit[] = [];
  for (const annex of structure.annexes) {
    for (const table of annex.tables) {
      const pieces = cellPieces.get(table);
      table.rows.forEach((row, r) => {
        const originals = table.originalRows[r];
        if (!originals) return;
        // Column 0 is the row number; status cells already have their dictionary spelling, which
        // goes back into the text in every mode.
        for (let c = 1; c < row.length; c++) {
          const original = originals[c];
          if (!original) continue;
          if (!isStatusWord(row[c]!)) {
            if (!isRereadMode(mode)) continue;
            row[c] = restore(original, { model, input: mode, adaptation }).text;
          }
          edits.push(...piecesOf(row[c]!, pieces?.[r]?.[c] ?? []));
        }
      });
    }
  }
  return edits;
}

/** A cell's words dealt out to its pieces, as many to each as it held; none when they differ in number. */
function piecesOf(cell: string, pieces: CellPiece[]): CellEdit[] {
  const all = words(cell);
  if (pieces.length === 0 || pieces.reduce((n, p) => n + words(p.text).length, 0) !== all.length) return [];
  let at = 0;
  return pieces.map((piece) => {
    const n = words(piece.text).length;
    const text = all.slice(at, at + n).join(' ');
    at += n;
    return { piece, text };
  }).filter((e) => e.text !== e.piece.text);
}

/**
 * Writes cell edits into doc.restored and the paragraphs made of the edited lines. A piece whose
 * text in the line is not what the table read there (lines mapped differently) is left alone.
 */
export function writeCellsIntoText(doc: WorkingDocument, edits: CellEdit[]): void {
  if (doc.restored === undefined || edits.length === 0) return;
  const starts = lineStarts(doc, doc.restored);
  const located = edits.flatMap((e) => {
    const lineStart = starts.get(e.piece.page)?.[e.piece.line - 1];
    if (lineStart === undefined) return [];
    const from = lineStart + e.piece.start;
    return doc.restored!.slice(from, lineStart + e.piece.end) === e.piece.text ? [{ ...e, from, to: lineStart + e.piece.end }] : [];
  }).sort((a, b) => b.from - a.from);
  if (located.length === 0) return;
  let text = doc.restored;
  for (const e of located) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  doc.restored = text;
  const fromWhole = paragraphsFromWhole(doc, text);
  doc.paragraphs.forEach((p, i) => {
    const touched = located.some((e) => e.piece.page === p.page && e.piece.line >= p.lineStart && e.piece.line <= p.lineEnd);
    if (touched && fromWhole[i] !== undefined) p.restored = fromWhole[i];
  });
}

/** Offset of each line's start in `text`, per page number, cut as paragraphsFromWhole cuts it. */
function lineStarts(doc: WorkingDocument, text: string): Map<number, number[]> {
  const chunks: number[][] = [[0]];
  for (const m of text.matchAll(/\f|\r\n|\r|\n/g)) {
    const next = m.index! + m[0].length;
    if (m[0] === '\f') chunks.push([next]);
    else chunks[chunks.length - 1]!.push(next);
  }
  return byPage(doc, chunks);
}
