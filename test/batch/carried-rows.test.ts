/**
 * The rows a worker carries back as CSV text must be the bytes the main thread makes from the
 * same document's record in the log (its stored rows parsed back, the path put first): the
 * tables of a batch are the same whichever way a document's rows reach them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carriedRows } from '../../src/batch/carried-rows.js';
import { parseStoredLines, rowsText } from '../../src/batch/rows-store.js';
import { TABLE_KEYS, type DocumentTables } from '../../src/emit/batch-tables.js';
import { csvRows } from '../../src/emit/csv.js';
import type { ArchiveFacts } from '../../src/emit/archive.js';
import type { Cell } from '../../src/emit/sheet-types.js';
import { CELL_LIMIT } from '../../src/emit/cell-limit.js';

/** What the main thread writes for a table from a record's stored line (batch-outputs.ts tableSpecs). */
function fromRecord(tables: DocumentTables, archive: ArchiveFacts, path: string): string[] {
  const lines = parseStoredLines(rowsText({ tables, archive }));
  return TABLE_KEYS.map((key) => csvRows((JSON.parse(lines.get(key)!) as Cell[][]).map((r) => [path, ...r])));
}

const ODD: Cell[] = [
  'plain', 'a, comma', 'a "quote"', 'two\r\nlines', 'lf\nonly', '=1+1', '+84 912', '-5', '@x', '\tlead tab', '0125', '3-5', '1/2', '12/2023', '05/01/2024',
  'Ủy ban nhân dân xã', 'e\u0301 decomposed', '\ud800 lone surrogate', '😀 astral', '', ' ', 'x'.repeat(CELL_LIMIT + 10), `="${'y'.repeat(CELL_LIMIT)}`,
  0, -0, 1.5, 1e21, -3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, null,
];

function randomTables(seed: number): DocumentTables {
  let s = seed;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) % 2147483648) % n);
  const table = () => Array.from({ length: rand(4) }, () => Array.from({ length: 1 + rand(6) }, () => ODD[rand(ODD.length)]!));
  return Object.fromEntries(TABLE_KEYS.map((k) => [k, table()])) as DocumentTables;
}

describe('rows carried back by a worker', () => {
  it('are the CSV bytes the main thread makes from the record for cells of every kind (quotes, line breaks, formulas, lossy numbers, NaN, cut cells)', () => {
    const archive = { number: '12', title: 'Báo cáo' } as ArchiveFacts;
    for (let seed = 1; seed <= 400; seed++) {
      const tables = randomTables(seed);
      const path = seed % 2 ? 'thư mục/báo cáo, số 1.txt' : '=path.txt';
      const carried = carriedRows(tables, archive, path);
      assert.deepEqual(carried.csv, fromRecord(tables, archive, path), `seed ${seed}`);
      assert.equal(carried.archive, parseStoredLines(rowsText({ tables, archive })).get('archive'));
    }
  });

  it('give an empty text for a table without rows and one CRLF line per row', () => {
    const tables = Object.fromEntries(TABLE_KEYS.map((k) => [k, []])) as unknown as DocumentTables;
    tables.paragraphs = [['p', 1, null]];
    const { csv } = carriedRows(tables, {} as ArchiveFacts, 'a.txt');
    assert.equal(csv[TABLE_KEYS.indexOf('paragraphs')], 'a.txt,p,1,\r\n');
    assert.deepEqual(csv.filter((t) => t === ''), Array(TABLE_KEYS.length - 1).fill(''));
  });
});
