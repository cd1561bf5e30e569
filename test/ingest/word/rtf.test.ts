import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { convert, detectKind } from '../../../src/index.js';
import { ingestWord } from '../../../src/ingest/word/index.js';

// bao-cao-tcvn3.rtf, vntimeh.rtf, so-danh.rtf: written by LibreOffice (Rich Text filter) from the
// .doc fixtures beside them (made from the .html). bao-cao-cp1258.rtf: hand-written, its UTF-8
// source is bao-cao-cp1258.rtf.txt (bytes beyond ASCII turned into \'hh through iconv CP1258).
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/word/${name}`, import.meta.url)));
const rtf = (body: string) => new TextEncoder().encode(`{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}${body}}`);
const lines = (data: Uint8Array) => ingestWord(data).pages.flatMap((p) => p.lines);

describe('Rich Text (.rtf) input', () => {
  it('is told by its "{\\rtf" bytes whatever its name, and a .rtf name that is not RTF is refused', () => {
    assert.equal(detectKind(fixture('so-danh.rtf'), 'so-danh.rtf'), 'word');
    assert.equal(detectKind(fixture('so-danh.rtf'), 'so-danh.txt'), 'word');
    // A byte-order mark or spaces before the RTF header (some writers put them): still Rich Text, as the reader takes it.
    assert.equal(detectKind(new Uint8Array([0xef, 0xbb, 0xbf, ...fixture('so-danh.rtf')]), 'so-danh.txt'), 'word');
    const r = ingestWord(new TextEncoder().encode('plain text saved as .rtf'));
    assert.equal(detectKind(new TextEncoder().encode('plain'), 'x.rtf'), 'word');
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/not-word');
  });

  it('gives the same text as the .doc it was saved from: tables side by side, the TCVN3 paragraph decoded', () => {
    for (const name of ['bao-cao-tcvn3', 'vntimeh', 'so-danh']) {
      assert.equal(ingestWord(fixture(`${name}.rtf`)).original, ingestWord(fixture(`${name}.doc`)).original, name);
    }
    assert.equal(ingestWord(fixture('bao-cao-tcvn3.rtf')).encoding, 'rtf+tcvn3');
    assert.equal(ingestWord(fixture('so-danh.rtf')).encoding, 'rtf');
  });

  it('reads windows-1258 runs (\\fcharset163) with their tone marks composed', () => {
    const r = ingestWord(fixture('bao-cao-cp1258.rtf'));
    assert.equal(r.encoding, 'rtf+cp1258+tcvn3');
    const all = r.pages.flatMap((p) => p.lines);
    assert.match(all[0]!, /^ỦY BAN NHÂN DÂN\s{4,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    assert.ok(all.includes('Số: 45/BC-UBND     An Bình, ngày 12 tháng 9 năm 2023'), all.join('\n'));
    assert.equal(r.original, r.original.normalize('NFC'));
  });

  it('decodes TCVN3 by the font name, and unnamed by the paragraph statistics', () => {
    const all = lines(fixture('bao-cao-cp1258.rtf'));
    assert.ok(all.includes('Công tác chỉ đạo được thực hiện.'), all.join('\n')); // .VnTime
    assert.ok(all.includes('Công tác chỉ đạo được thực hiện kịp thời.'), all.join('\n')); // Arial, ANSI
  });

  it('leaves out headers, footers, footnotes, pictures, field instructions and the document info', () => {
    const text = ingestWord(fixture('bao-cao-cp1258.rtf')).original;
    for (const gone of ['Đầu trang', 'Chân trang', 'Chú thích', 'HYPERLINK', '89504e47', 'Người soạn', 'Hand written', 'Normal']) {
      assert.ok(!text.includes(gone), gone);
    }
    assert.ok(text.includes('1. Thu thuế đúng hạn đạt 98%.'), text); // \pntext number and the field's result
    assert.ok(text.includes('I. Kết quả thu ngân sách'));
  });

  it('keeps \\uN characters and skips their \\ucN fallback', () => {
    assert.deepEqual(lines(rtf('\\uc1 \\u272?\\u7897?c l\\u7853?p\\uc2 \\u7853\\\'61\\\'62 x\\par')), ['Độc lậpậ x']);
    assert.deepEqual(lines(rtf('\\u-3913?x\\par')), ['\uf0b7x']);
  });

  it('draws a list bullet in a symbol font as the bullet it is', () => {
    const doc = '{\\rtf1\\ansi{\\fonttbl{\\f0 Times New Roman;}{\\f3\\fcharset2 Symbol;}{\\f4\\fcharset2 Wingdings;}}'
      + "{\\listtext\\f3 \\'b7\\tab}Tuy\\u7873?n truy\\u7873?n\\par{\\listtext\\f4 \\'a7\\tab}Ni\\u234?m y\\u7871?t\\par}";
    assert.deepEqual(lines(new TextEncoder().encode(doc)), ['• Tuyền truyền', '▪ Niêm yết']);
  });

  it('lays a nested table inside its cell, and page breaks (\\page, \\pagebb) start pages', () => {
    const r = ingestWord(fixture('bao-cao-cp1258.rtf'));
    assert.equal(r.pages.length, 3);
    assert.equal(r.pages[1]!.lines[0], 'II. PHƯƠNG HƯỚNG THÁNG 9');
    assert.match(r.pages[1]!.lines.join('\n'), /^1\s{4,}Trong\s{4,}Bảng$/m);
    assert.equal(r.pages[2]!.lines.find((l) => l.trim() !== ''), 'Nơi nhận:');
  });

  it("decodes paragraphs that take their font from their style (\\sN, through \\sbasedon), short lines and cells included", () => {
    // stylefont.rtf, hand-written: styles in .VnTime (and one based on it), in a \fcharset163 font and in VNI-Times,
    // used by paragraphs that set no \f of their own; "Sè: 12/BC-UBND" alone is too short to tell by its text.
    const r = ingestWord(fixture('stylefont.rtf'));
    assert.deepEqual(r.pages.flatMap((p) => p.lines), [
      'Số: 12/BC-UBND', 'Ngọc Kỳ', 'Hà Nội', 'Việt Nam', 'Times New Roman: 2001', 'Normal: café', 'Số    Kỳ',
      'Kết quả công tác năm 2001 của xã Ngọc Kỳ được thực hiện tốt.',
    ]);
    assert.equal(r.encoding, 'rtf+cp1258+tcvn3+vni');
  });

  it('reads a cut-short file up to the cut with a warning, and refuses one with no text', () => {
    const data = fixture('bao-cao-cp1258.rtf');
    const cut = ingestWord(data.subarray(0, Math.floor(data.length * 0.7)));
    assert.ok(cut.pages.length > 0);
    assert.ok(cut.diagnostics.some((d) => d.ruleId === 'ingest/word-damaged' && d.severity === 'warning'));
    const empty = ingestWord(data.subarray(0, 200));
    assert.equal(empty.pages.length, 0);
    assert.equal(empty.diagnostics.find((d) => d.severity === 'error')?.ruleId, 'ingest/word-damaged');
    assert.equal(ingestWord(rtf('{\\pict 0102}')).diagnostics[0]?.ruleId, 'ingest/no-text');
  });

  it('reads the number, date and signer of a report saved as RTF', async () => {
    const r = await convert({ path: 'bao-cao.rtf', data: fixture('bao-cao-tcvn3.rtf') }, { restore: false, segment: {} });
    assert.equal(r.source.kind, 'word');
    assert.equal(r.source.encoding, 'rtf+tcvn3');
    assert.equal(r.meta?.number, '27/BC-UBND');
    assert.equal(r.meta?.date, '2024-03-05');
    assert.equal(r.signature?.name, 'Lê Thị Hoa');
    assert.equal(r.signature?.position, 'CHỦ TỊCH');
  });
});

describe('Rich Text in DOS code page 850', () => {
  it('reads \\pc text as Latin (é, á, à), not as the Cyrillic of code page 866', () => {
    const data = new TextEncoder().encode("{\\rtf1\\pc\\deff0{\\fonttbl{\\f0 Courier;}}Caf\\'82 \\'a0 l\\'85\\par}");
    assert.deepEqual(lines(data), ['Café á là']);
  });
});
