import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePageRanges, selectPages } from '../../src/ingest/page-ranges.js';
import { convert } from '../../src/pipeline/index.js';
import { runCli, ROOT } from '../cli/run-cli.js';

const scan = (name: string) => ({ path: name, data: new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url))) });

describe('page selections', () => {
  it('reads lists, ranges and open ends, and refuses what is not one with a sentence', () => {
    assert.deepEqual(parsePageRanges('1-3,6, 9-'), [{ from: 1, to: 3 }, { from: 6, to: 6 }, { from: 9, to: Infinity }]);
    assert.throws(() => parsePageRanges('3-1'), /runs backwards: write 1-3/);
    assert.throws(() => parsePageRanges('0'), /counted from 1/);
    assert.throws(() => parsePageRanges('a-b'), /not a page or a range/);
  });

  it('selects each page once in order; past the end is a warning, or an error when nothing is left', () => {
    assert.deepEqual(selectPages(10, parsePageRanges('6,1-3,2')), { numbers: [1, 2, 3, 6], diagnostics: [] });
    assert.deepEqual(selectPages(4, parsePageRanges('3-')).numbers, [3, 4]);
    const past = selectPages(2, parsePageRanges('2-5'));
    assert.deepEqual(past.numbers, [2]);
    assert.deepEqual(past.diagnostics.map((d) => [d.ruleId, d.severity]), [['ingest/pages-out-of-range', 'warning']]);
    const none = selectPages(2, parsePageRanges('5'));
    assert.deepEqual(none.numbers, []);
    assert.match(none.diagnostics[0]!.message, /none of the pages asked for \(5\) exists: the document has 2 pages/);
    assert.equal(none.diagnostics[0]!.severity, 'error');
  });
});

describe('--pages on scans', () => {
  for (const name of ['scanned-2p.pdf', 'pages-2p.tif']) {
    it(`reads only page 2 of the two-page ${name}, numbered 2 everywhere`, async () => {
      const totals: number[] = [];
      const r = await convert(scan(name), { ingest: { pages: parsePageRanges('2'), onPage: (_done: number, total: number) => totals.push(total) } });
      assert.deepEqual(totals, [1], 'one page OCR\'d');
      assert.deepEqual(r.pages.map((p) => p.number), [2]);
      assert.match(r.pages[0]!.lines.join(' '), /Trang hai/);
      assert.doesNotMatch(r.text.original, /NGỌC KỲ/);
      assert.ok(r.paragraphs.length > 0 && r.paragraphs.every((p) => p.page === 2));
      assert.ok(r.diagnostics.filter((d) => d.place).every((d) => d.place!.page === 2));
      // Every place of the result (paragraphs, diagnostics, the structure's provenance) names page 2.
      const preamble = r.preamble ?? [];
      assert.ok(preamble.length > 0 && preamble.every((p) => p.provenance.page === 2));
      const places = JSON.stringify(r).match(/"page":\d+/g) ?? [];
      assert.ok(places.length > 0 && places.every((p) => p === '"page":2'), places.join(' '));
    });
  }

  it('a range past the end of a scan is a diagnostic on the row, and bad syntax a usage error', async () => {
    const past = await runCli(['convert', 'fixtures/scans/pages-2p.tif', '--pages', '3-4', '--format', 'json', '-o', '-', '--no-restore'], ROOT);
    assert.equal(past.code, 1);
    assert.match(past.stderr, /ingest\/pages-out-of-range: none of the pages asked for \(3-4\) exists: the document has 2 pages/);
    const bad = await runCli(['convert', 'fixtures/scans/pages-2p.tif', '--pages', '2-1', '-o', '-'], ROOT);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--pages.*runs backwards: write 1-2/);
  });
});
