/** Cells and columns shared by the CSV tables and the workbook sheets. */
export type Cell = string | number | null;
export type CellType = 'text' | 'number' | 'date';

/** A column of a CSV and of a sheet. Dates are ISO `YYYY-MM-DD` text in the rows. */
export interface SheetColumn {
  header: string;
  type: CellType;
  /** Sheet column width in characters. */
  width: number;
}
