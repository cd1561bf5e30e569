/**
 * Table cells read again with their own context. The restorer reads a table line by line, where a
 * cell that runs on over lines has the status column's word in the middle ("… bộ phận chuyên Đạt"
 * then "môn, cơ quan …"), so that word, not the cell's next word, is the context. Once the
 * segmenter has put each cell's text as read together (Table.originalRows), the cell is restored
 * again on its own, in the mode the document was restored in.
 */
import type { Structure } from '../segment/schema.js';
import { isStatusWord } from '../segment/table.js';
import { restore, type RestoreModel } from './index.js';

/** Modes whose reading depends on context; clean text keeps its words and Vietnamese-model OCR needs its word confidences. */
const isRereadMode = (mode: string | undefined): mode is 'stripped' | 'ocr' => mode === 'stripped' || mode === 'ocr';

export function restoreTableCells(structure: Structure, model: RestoreModel, mode: string | undefined): void {
  if (!isRereadMode(mode)) return;
  for (const annex of structure.annexes) {
    for (const table of annex.tables) {
      table.rows.forEach((row, r) => {
        const originals = table.originalRows[r];
        if (!originals) return;
        // Column 0 is the row number; status cells already have their dictionary spelling.
        for (let c = 1; c < row.length; c++) {
          const original = originals[c];
          if (!original || isStatusWord(row[c]!)) continue;
          row[c] = restore(original, { model, input: mode }).text;
        }
      });
    }
  }
}
