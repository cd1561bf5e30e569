import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CELL_LIMIT } from '../../src/emit/cell-limit.js';
import { writeToString } from 'fast-csv';
import { csvText, fastCsvText, guardCell, toCsv, type CsvColumn } from '../../src/emit/csv.js';

type Row = { n: number | null; t: string };
const columns: CsvColumn<Row>[] = [
  { header: 'n', type: 'number', value: (r) => r.n },
  { header: 't', type: 'text', value: (r) => r.t },
];

describe('CSV for spreadsheets', () => {
  it('starts with a UTF-8 BOM and ends every row with CRLF', async () => {
    const csv = await toCsv(columns, [{ n: 1, t: 'Ngọc Kỳ' }]);
    assert.ok(csv.startsWith('\uFEFF'));
    assert.equal(csv, '\uFEFFn,t\r\n1,Ngọc Kỳ\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', async () => {
    const csv = await toCsv(columns, [{ n: 2, t: 'a, "b"\nc' }]);
    assert.equal(csv, '\uFEFFn,t\r\n2,"a, ""b""\nc"\r\n');
  });

  it('guards text cells that a spreadsheet would run as a formula', () => {
    for (const evil of ['=1+2', '+84 912', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) {
      assert.equal(guardCell(evil), `'${evil}`, evil);
    }
    for (const fine of ['Kết quả', '72/KH-UBND', 'a=b', '100%', '12']) assert.equal(guardCell(fine), fine);
  });

  it('keeps numbers with leading zeros or over 15 digits as text', () => {
    assert.equal(guardCell('0125'), "'0125");
    assert.equal(guardCell('02'), "'02");
    assert.equal(guardCell('1234567890123456789'), "'1234567890123456789");
    assert.equal(guardCell('125'), '125');
  });

  it('keeps a number or range that a spreadsheet would read as a day and month as text', () => {
    // Excel opens "3-5" as 5-Mar, "1/2" as 2-Jan, "12/2023" as Dec-23 (LibreOffice the d/m ones): a table cell or number lost.
    for (const partial of ['3-5', '1/2', '15/3', '12/2023', '2023-12', '3 - 5']) assert.equal(guardCell(partial), `'${partial}`, partial);
    // A whole date stays as written (the archive record's dd/mm/yyyy), as do codes and periods.
    for (const fine of ['05/01/2024', '2023-01-05', '01/BC-UBND', '2023-2025', '1/2/3/4', '12345/2023']) assert.equal(guardCell(fine), fine, fine);
  });

  it('writes numeric columns as bare numbers and empty cells for missing values', async () => {
    const csv = await toCsv(columns, [{ n: null, t: '' }, { n: 3.5, t: 'x' }]);
    assert.equal(csv, '\uFEFFn,t\r\n,\r\n3.5,x\r\n');
  });

  it('cuts a cell over 32,767 characters with a visible marker, guard included', () => {
    const long = 'Kết quả '.repeat(5000);
    const cell = csvText(long);
    assert.equal(cell.length, CELL_LIMIT);
    assert.ok(cell.startsWith('Kết quả Kết quả'));
    assert.match(cell, / … \[cut: 40000 characters, full text in the JSON\]$/);
    const guarded = csvText(`=${long}`);
    assert.equal(guarded.length, CELL_LIMIT);
    assert.ok(guarded.startsWith("'="), 'a cut formula-like cell keeps its guard');
    assert.equal(csvText('Kết quả'), 'Kết quả');
  });

  it('writes the bytes fast-csv writes, on random cells of commas, quotes, line breaks, bars, NULs and Vietnamese', async () => {
    // A small deterministic generator: the same cells every run.
    let seed = 12345;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const pieces = ['a', 'Kết quả', ',', '"', '""', '\r', '\n', '\r\n', '|', '\0', ' ', "'", '=', '\t', '1/2', '😀', '\uFFFF', ''];
    const cell = () => Array.from({ length: next(5) }, () => pieces[next(pieces.length)]!).join('');
    for (let round = 0; round < 300; round++) {
      const rows = Array.from({ length: 1 + next(4) }, () => Array.from({ length: next(5) }, cell));
      const expected = await writeToString(rows, { writeBOM: true, rowDelimiter: '\r\n', includeEndRowDelimiter: true });
      assert.equal(fastCsvText(rows), expected, JSON.stringify(rows));
    }
  });
});
