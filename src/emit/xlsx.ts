/**
 * The batch workbook (`baocao.xlsx`), written with exceljs's streaming writer: rows go to disk
 * as they are added, so a batch of any size is written in constant memory. Cells are typed:
 * numbers as numbers, ISO dates as real dates (dd/mm/yyyy), everything else as text with the
 * text format, so a code like 0125 stays 0125 with no apostrophe (that guard is for CSV only).
 * The header row is frozen and bold; a sheet that would pass the format's row limit continues
 * on "Name (2)", "Name (3)"….
 */
import ExcelJS from 'exceljs';
import type { Cell, SheetColumn } from './sheet-types.js';
import { fitCell } from './cell-limit.js';
import { addSheetDimensions, columnName } from './xlsx-dimension.js';

/** Rows of an .xlsx sheet, the header row included. */
export const SHEET_ROW_LIMIT = 1_048_576;

export interface SheetWriter {
  add(row: Cell[]): void;
  /**
   * Lets the zip compress what was added. exceljs's sheet stream has no backpressure: rows added
   * without a pause pile up in memory (a 10,000-document sheet took 640 MB); a pause after each
   * document keeps the workbook at ~50 MB whatever its size (bench:batch-tables).
   */
  rest(): Promise<void>;
  /** Data rows written so far, over all parts of the sheet. */
  readonly rows: number;
  /** Sheets used (1, or more once the row limit was passed). */
  readonly parts: number;
}

export interface WorkbookOptions {
  /** Rows per sheet, header included (a smaller value lets tests pass the limit). */
  rowLimit?: number;
}

export class BatchWorkbook {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly rowLimit: number;
  /** Each sheet part's zip entry and extent, for the dimensions put in once the zip is written. */
  private readonly extents = new Map<string, string>();

  constructor(private readonly filename: string, options: WorkbookOptions = {}) {
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
    this.book.creator = 'baocao';
    this.rowLimit = Math.max(2, options.rowLimit ?? SHEET_ROW_LIMIT);
  }

  /** Writes one sheet (and its continuations): `fill` adds the rows; the sheet is closed after. */
  async sheet(name: string, columns: SheetColumn[], fill: (sheet: SheetWriter) => Promise<void>): Promise<{ rows: number; parts: number }> {
    let sheet = this.open(name, columns);
    let inSheet = 0;
    const extent = () => this.extents.set(`xl/worksheets/sheet${sheet.id}.xml`, `A1:${columnName(Math.max(1, columns.length))}${inSheet + 1}`);
    let rows = 0;
    let parts = 1;
    const writer: SheetWriter = {
      add: (row) => {
        if (inSheet + 1 >= this.rowLimit) {
          extent();
          sheet.commit();
          parts += 1;
          sheet = this.open(`${name} (${parts})`, columns);
          inSheet = 0;
        }
        sheet.addRow(row.map((v, i) => typedValue(v, columns[i]?.type ?? 'text'))).commit();
        inSheet += 1;
        rows += 1;
      },
      rest: () => new Promise((resolve) => setImmediate(resolve)),
      get rows() {
        return rows;
      },
      get parts() {
        return parts;
      },
    };
    await fill(writer);
    extent();
    sheet.commit();
    return { rows, parts };
  }

  async close(): Promise<void> {
    await this.book.commit();
    await addSheetDimensions(this.filename, this.extents);
  }

  private open(name: string, columns: SheetColumn[]): ExcelJS.Worksheet {
    const sheet = this.book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ key: c.header, width: c.width, style: { numFmt: c.type === 'date' ? 'dd/mm/yyyy' : c.type === 'text' ? '@' : 'General' } }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    return sheet;
  }
}

/** A stored cell as the sheet holds it: a Date for an ISO date, a number, or text within the cell limit. */
export function typedValue(v: Cell, type: SheetColumn['type']): string | number | Date | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    // Excel dates are days in no time zone: a UTC midnight is that day everywhere.
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  // XML cannot hold lone surrogates; exceljs drops control characters, so a page break becomes a space.
  return fitCell(wellFormed(v.replace(/\f/g, ' ')));
}

const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
