/**
 * An OpenDocument table row lists every position of its grid: a merged cell
 * (table:number-columns-spanned, table:number-rows-spanned) is followed, on its row and the rows
 * below, by table:covered-table-cell elements for the positions it covers. A covered cell is no
 * cell of its own, but some tools leave text in one; that text joins the cell covering it. This
 * tracks, per open table, which cell covers which column down to which row.
 */
import type { WordCell } from './layout.js';

/** Spans and repeats are read as at most this many columns or rows (a hostile file cannot make every cell cost more). */
const MAX_SPAN = 64;

interface Grid { row: number; col: number; covering: Map<number, { cell: WordCell; lastRow: number }> }

const count = (v: string | undefined) => Math.max(1, Math.min(MAX_SPAN, Number(v ?? 1) || 1));

export class CellGrid {
  private readonly grids: Grid[] = [];

  openTable(): void { this.grids.push({ row: -1, col: 0, covering: new Map() }); }

  closeTable(): void { this.grids.pop(); }

  openRow(): void {
    const g = this.grids[this.grids.length - 1];
    if (g) { g.row++; g.col = 0; }
  }

  /** A table:table-cell (`cell`, as the nest holds it) at the row's next position. */
  cell(cell: WordCell | undefined, attrs: Record<string, string>): void {
    const g = this.grids[this.grids.length - 1];
    if (!g) return;
    const cols = count(attrs['table:number-columns-spanned']), rows = count(attrs['table:number-rows-spanned']);
    if (cell && (cols > 1 || rows > 1)) for (let k = 0; k < cols; k++) g.covering.set(g.col + k, { cell, lastRow: g.row + rows - 1 });
    g.col += count(attrs['table:number-columns-repeated']);
  }

  /** A table:covered-table-cell at the row's next position: the cell covering it, when known. */
  covered(attrs: Record<string, string>): WordCell | undefined {
    const g = this.grids[this.grids.length - 1];
    if (!g) return undefined;
    const by = g.covering.get(g.col);
    g.col += count(attrs['table:number-columns-repeated']);
    return by && by.lastRow >= g.row ? by.cell : undefined;
  }
}
