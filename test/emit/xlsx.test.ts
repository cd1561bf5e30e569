import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { CELL_LIMIT } from '../../src/emit/cell-limit.js';
import type { SheetColumn } from '../../src/emit/sheet-types.js';
import { BatchWorkbook } from '../../src/emit/xlsx.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const COLUMNS: SheetColumn[] = [
  { header: 'code', type: 'text', width: 8 },
  { header: 'pages', type: 'number', width: 6 },
  { header: 'date', type: 'date', width: 12 },
  { header: 'text', type: 'text', width: 40 },
];

async function workbook(rows: (string | number | null)[][], rowLimit?: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-xlsx-'));
  dirs.push(dir);
  const path = join(dir, 'book.xlsx');
  const book = new BatchWorkbook(path, { rowLimit });
  await book.sheet('Documents', COLUMNS, async (w) => rows.forEach((r) => w.add(r)));
  await book.close();
  return path;
}

describe('the batch workbook', () => {
  it('holds typed cells: dates as dates, numbers as numbers, codes as text with no apostrophe', async () => {
    const path = await workbook([['0125', 4, '2023-12-29', '=SUM(A1)'], ['-', null, '', 'Ngọc Kỳ']]);
    const sheet = XLSX.read(await readFile(path), { cellDates: true }).Sheets.Documents!;
    assert.deepEqual(sheet.A2, { ...sheet.A2, t: 's', v: '0125' });
    assert.equal(sheet.B2!.t, 'n');
    assert.equal(sheet.B2!.v, 4);
    assert.equal(sheet.C2!.t, 'd');
    assert.equal((sheet.C2!.v as Date).toISOString(), '2023-12-29T00:00:00.000Z');
    assert.equal(sheet.C2!.w, '29/12/2023');
    assert.equal(sheet.D2!.v, '=SUM(A1)', 'text, not a formula, and no guard');
    assert.equal(sheet.D2!.f, undefined);
    assert.equal(sheet.A3!.v, '-');
    assert.equal(sheet.B3, undefined, 'an unknown number is an empty cell');
    assert.equal(sheet.A1!.v, 'code');
  });

  it('freezes the header row and sets column widths', async () => {
    const path = await workbook([['1', 1, null, 'x']]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Documents')!;
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(sheet.getColumn(4).width, 40);
    assert.equal(sheet.getRow(1).font?.bold, true);
  });

  it('continues a sheet past the row limit on "Name (2)", each part with the header', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`r${i + 1}`, i + 1, null, 't']);
    const path = await workbook(rows, 4);
    const book = XLSX.read(await readFile(path));
    assert.deepEqual(book.SheetNames, ['Documents', 'Documents (2)', 'Documents (3)']);
    const codes = book.SheetNames.flatMap((n) => (XLSX.utils.sheet_to_json(book.Sheets[n]!) as { code: string }[]).map((r) => r.code));
    assert.deepEqual(codes, ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    assert.equal(XLSX.utils.sheet_to_json(book.Sheets['Documents']!).length, 3, 'header + 3 rows = the limit of 4');
  });

  it('cuts a cell over 32,767 characters with a visible marker', async () => {
    const path = await workbook([['1', 1, null, 'â'.repeat(40_000)]]);
    const cell = XLSX.read(await readFile(path)).Sheets.Documents!.D2!.v as string;
    assert.equal(cell.length, CELL_LIMIT);
    assert.match(cell, /\[cut: 40000 characters, full text in the JSON\]$/);
  });
});

describe('the batch workbook\'s sheet dimensions', () => {
  it('says each sheet\'s extent in a <dimension> before its views, so readers that trust it see every row', async () => {
    const rows = [['01', 3, '2024-01-05', 'một'], ['02', 4, '2024-01-06', 'hai'], ['03', 5, '2024-01-07', 'ba']];
    const path = await workbook(rows, 3); // a row limit of 3: "Documents" holds 2 rows, "Documents (2)" 1
    const zip = await (await import('jszip')).default.loadAsync(await readFile(path));
    const first = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const second = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    assert.match(first, /<dimension ref="A1:D3"\/><sheetViews>/);
    assert.match(second, /<dimension ref="A1:D2"\/><sheetViews>/);
    // SheetJS reads a sheet's full extent from <dimension> alone when told to stop early.
    const head = XLSX.read(await readFile(path), { sheetRows: 1 });
    assert.equal(head.Sheets.Documents!['!fullref'], 'A1:D3');
    const all = XLSX.read(await readFile(path), { cellDates: true });
    assert.equal(all.Sheets['Documents (2)']!.A2!.v, '03');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    assert.equal(back.getWorksheet('Documents')!.getCell('D3').value, 'hai');
  });
});
