import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { detectKind } from '../../../src/index.js';
import { ingestWord } from '../../../src/ingest/word/index.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/word/${name}`, import.meta.url)));

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"';

/** An .odt as LibreOffice zips it: the mimetype first and stored, then content.xml. */
async function odt(styles: string, body: string, mimetype = 'application/vnd.oasis.opendocument.text'): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}>${styles}<office:body><office:text>${body}</office:text></office:body></office:document-content>`);
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

const lines = (r: ReturnType<typeof ingestWord>) => r.pages.map((p) => p.lines);

describe('OpenDocument text (.odt) input', () => {
  it('is told from text and from a .docx by its bytes, whatever its name', () => {
    const bytes = fixture('bao-cao-odt.odt');
    assert.equal(detectKind(bytes, 'renamed.bin'), 'word');
    assert.equal(detectKind(bytes, 'bao-cao.odt'), 'word');
    assert.equal(detectKind(fixture('bao-cao-odt.fodt'), 'flat.xml'), 'word');
    assert.equal(detectKind(new TextEncoder().encode('<p>application/vnd.oasis.opendocument.text is the .odt type</p>'), 'note.xml'), 'text', 'XML that only names the type is text');
    assert.equal(ingestWord(bytes).encoding, 'odt+tcvn3');
  });

  it('lays the header and signature tables out side by side and keeps the page break (LibreOffice-made file)', () => {
    const r = ingestWord(fixture('bao-cao-odt.odt'));
    assert.equal(r.pages.length, 2);
    assert.deepEqual(r.pages[0]!.lines.slice(0, 3), [
      'ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'XÃ HÒA AN          Độc lập - Tự do - Hạnh phúc',
      'Số: 41/BC-UBND     Hòa An, ngày 12 tháng 6 năm 2011',
    ]);
    assert.deepEqual(r.pages[1]!.lines.filter((l) => l !== ''), [
      'Trang hai: tiếp tục nâng cao chất lượng phục vụ người dân.',
      'Nơi nhận:        TM. ỦY BAN NHÂN DÂN',
      '- UBND huyện;    CHỦ TỊCH',
      '- Lưu: VT.       Trần Văn Bình',
    ]);
    assert.equal(r.paragraphs[0]?.page, 1);
    assert.equal(r.paragraphs.at(-1)?.page, 2);
  });

  it("writes the list style's numbering before its items (roman, a start value) and decodes the .VnTime paragraph", () => {
    const page = ingestWord(fixture('bao-cao-odt.odt')).pages[0]!.lines;
    assert.deepEqual(page.slice(5), [
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      'II. TỒN TẠI, HẠN CHẾ',
      'Công tác chỉ đạo, điều hành được thực hiện kịp thời.',
      '3. Hoàn thành kế hoạch thu ngân sách.',
      '4. Giải quyết đúng hạn hồ sơ đất đai.',
    ]);
  });

  it('reads the flat .fodt the same as the zipped .odt', () => {
    assert.deepEqual(lines(ingestWord(fixture('bao-cao-odt.fodt'))), lines(ingestWord(fixture('bao-cao-odt.odt'))));
  });

  it('reads spaces, tabs, line breaks and spans; leaves notes and annotations out; reads text boxes after their paragraph', async () => {
    const r = ingestWord(await odt('', [
      '<text:p>Số:<text:s text:c="3"/>12/BC<text:tab/>Hà Nội</text:p>',
      '<text:p>dòng một<text:line-break/>dòng <text:span>hai</text:span><text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>chú thích</text:p></text:note-body></text:note></text:p>',
      '<text:p>neo<draw:frame><draw:text-box><text:p>trong hộp</text:p></draw:text-box></draw:frame><office:annotation><text:p>nhận xét</text:p></office:annotation></text:p>',
      '<text:h text:outline-level="1">  Tiêu   đề </text:h>',
    ].join('')));
    assert.deepEqual(lines(r), [['Số:   12/BC    Hà Nội', 'dòng một', 'dòng hai', 'neo', 'trong hộp', 'Tiêu đề']]);
  });

  it('decodes runs by their font (.VnTime; .VnTimeH in capitals), unnamed-font paragraphs by statistics, and applies fo:text-transform', async () => {
    const styles = '<office:font-face-decls><style:font-face style:name="VT" svg:font-family="&apos;.VnTime&apos;"/><style:font-face style:name=".VnTimeH" svg:font-family=".VnTimeH"/></office:font-face-decls>'
      + '<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties style:font-name="VT"/></style:style>'
      + '<style:style style:name="H" style:family="paragraph"><style:text-properties style:font-name=".VnTimeH"/></style:style>'
      + '<style:style style:name="U" style:family="text"><style:text-properties fo:text-transform="uppercase"/></style:style></office:automatic-styles>';
    const r = ingestWord(await odt(styles, [
      '<text:p text:style-name="H">ñy ban nh©n d©n</text:p>',
      '<text:p><text:span text:style-name="T1">Sè:</text:span> 12/BC-UBND</text:p>',
      '<text:p>C«ng t¸c chØ ®¹o, ®iÒu hµnh ®­îc thùc hiÖn kÞp thêi.</text:p>',
      '<text:p>Gửi: <text:span text:style-name="U">báo cáo</text:span></text:p>',
      '<text:p>“English” text – with dashes.</text:p>',
    ].join('')));
    assert.deepEqual(lines(r), [['ỦY BAN NHÂN DÂN', 'Số: 12/BC-UBND', 'Công tác chỉ đạo, điều hành được thực hiện kịp thời.', 'Gửi: BÁO CÁO', '“English” text – with dashes.']]);
    assert.equal(r.encoding, 'odt+tcvn3');
    assert.ok(r.diagnostics.some((d) => d.ruleId === 'encoding/legacy-font' && /3 runs/.test(d.message)));
  });

  it('numbers nested lists by level (restarting under a higher one), skips list headers, and breaks pages from paragraph styles', async () => {
    const styles = '<office:automatic-styles><text:list-style style:name="L1">'
      + '<text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>'
      + '<text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>'
      + '<text:list-level-style-bullet text:level="3" text:bullet-char="-"/></text:list-style>'
      + '<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>'
      + '<style:style style:name="PA" style:family="paragraph"><style:paragraph-properties fo:break-after="page"/></style:style></office:automatic-styles>';
    const item = (text: string, inner = '') => `<text:list-item><text:p>${text}</text:p>${inner}</text:list-item>`;
    const r = ingestWord(await odt(styles, [
      '<text:list text:style-name="L1">',
      item('MỞ ĐẦU', `<text:list>${item('Bối cảnh')}${item('Mục tiêu', `<text:list>${item('ngắn hạn')}</text:list>`)}</text:list>`),
      '<text:list-header><text:p>(không đánh số)</text:p></text:list-header>',
      item('NỘI DUNG', `<text:list>${item('Kết quả')}</text:list>`),
      '</text:list>',
      '<text:p text:style-name="PA">hết trang một</text:p>',
      '<text:p text:style-name="PB">trang ba</text:p>',
    ].join('')));
    assert.deepEqual(lines(r), [
      ['I. MỞ ĐẦU', 'I.1. Bối cảnh', 'I.2. Mục tiêu', '- ngắn hạn', '(không đánh số)', 'II. NỘI DUNG', 'II.1. Kết quả', 'hết trang một'],
      ['trang ba'],
    ]);
  });

  it("draws an item's style override in that style's format while it counts in its list, and symbol-font bullets as shapes", async () => {
    const styles = '<office:font-face-decls><style:font-face style:name="Wingdings" svg:font-family="Wingdings"/></office:font-face-decls><office:automatic-styles>'
      + '<text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style>'
      + '<text:list-style style:name="A"><text:list-level-style-number text:level="1" style:num-format="a" style:num-suffix=")"/></text:list-style>'
      + '<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="\uf0a7"><style:text-properties style:font-name="Wingdings"/></text:list-level-style-bullet></text:list-style>'
      + '</office:automatic-styles>';
    const r = ingestWord(await odt(styles, [
      '<text:list xml:id="l1" text:style-name="N"><text:list-item><text:p>một</text:p></text:list-item>',
      '<text:list-item text:style-override="A"><text:p>hai</text:p></text:list-item></text:list>',
      '<text:list text:style-name="B"><text:list-item><text:p>chấm</text:p></text:list-item></text:list>',
      '<text:list text:continue-list="l1" text:style-name="N"><text:list-item><text:p>ba</text:p></text:list-item></text:list>',
      '<text:list text:style-name="N"><text:list-item><text:p>lại một</text:p></text:list-item></text:list>',
    ].join('')));
    assert.deepEqual(lines(r), [['1. một', 'b) hai', '▪ chấm', '3. ba', '1. lại một']]);
  });

  it("numbers headings by the document's outline numbering, levels restarting under a higher one", async () => {
    const styles = '<office:styles><text:outline-style style:name="Outline">'
      + '<text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/>'
      + '<text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="."/>'
      + '<text:outline-level-style text:level="3" style:num-format=""/></text:outline-style></office:styles>';
    const r = ingestWord(await odt(styles, [
      '<text:h text:outline-level="1">KẾT QUẢ</text:h><text:h text:outline-level="2">Kinh tế</text:h><text:h text:outline-level="3">Nông nghiệp</text:h>',
      '<text:h text:outline-level="2">Xã hội</text:h><text:p>Nội dung.</text:p><text:h text:outline-level="1">PHƯƠNG HƯỚNG</text:h><text:h text:outline-level="2">Mục tiêu</text:h>',
    ].join('')));
    assert.deepEqual(lines(r), [['I. KẾT QUẢ', '1. Kinh tế', 'Nông nghiệp', '2. Xã hội', 'Nội dung.', 'II. PHƯƠNG HƯỚNG', '1. Mục tiêu']]);
  });

  it('refuses an OpenDocument spreadsheet or a plain ZIP as not-word, and a truncated .odt as damaged', async () => {
    const sheet = ingestWord(await odt('', '<text:p>x</text:p>', 'application/vnd.oasis.opendocument.spreadsheet'));
    assert.equal(sheet.diagnostics[0]?.ruleId, 'ingest/not-word');
    assert.match(sheet.diagnostics[0]!.message, /spreadsheet/);
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plain = ingestWord(new Uint8Array(await zip.generateAsync({ type: 'uint8array' })));
    assert.equal(plain.diagnostics[0]?.ruleId, 'ingest/word-damaged', 'a ZIP with no ODF parts is read as a damaged .docx');
    const bytes = fixture('bao-cao-odt.odt');
    for (const cut of [bytes.subarray(0, 200), bytes.subarray(0, Math.floor(bytes.length / 2)), bytes.subarray(0, bytes.length - 10)]) {
      const r = ingestWord(cut);
      assert.equal(r.pages.length, 0);
      assert.equal(r.diagnostics[0]?.ruleId, 'ingest/word-damaged');
      assert.match(r.diagnostics[0]!.message, /\.odt/);
    }
  });

  it('says no-text for an .odt with only an empty paragraph, and refuses junk named .odt', async () => {
    const empty = ingestWord(await odt('', '<text:p/>'));
    assert.equal(empty.diagnostics.at(-1)?.ruleId, 'ingest/no-text');
    assert.equal(empty.encoding, 'odt');
    assert.equal(detectKind(new TextEncoder().encode('not an odt'), 'x.odt'), 'word');
    assert.equal(ingestWord(new TextEncoder().encode('not an odt')).diagnostics[0]?.ruleId, 'ingest/not-word');
  });

  it("keeps text left in covered cells of a merge, in the cell covering it, and adds no line for an empty one", async () => {
    const cell = (text: string, span = '') => `<table:table-cell${span}><text:p>${text}</text:p></table:table-cell>`;
    const covered = (text: string) => `<table:covered-table-cell><text:p>${text}</text:p></table:covered-table-cell>`;
    const table = '<table:table>'
      + `<table:table-row>${cell('Gộp', ' table:number-columns-spanned="2"')}${covered('ẩn ngang')}${cell('C1')}</table:table-row>`
      + `<table:table-row>${cell('Dọc', ' table:number-rows-spanned="2"')}${cell('B2')}${cell('C2')}</table:table-row>`
      + `<table:table-row>${covered('ẩn dọc')}${cell('B3')}${covered('')}</table:table-row>`
      + `<table:table-row>${cell('Hết', ' table:number-columns-spanned="3"')}<table:covered-table-cell/>${covered('')}</table:table-row>`
      + '</table:table>';
    const r = ingestWord(await odt('', `<text:p>Trước</text:p>${table}<text:p>Sau</text:p>`));
    assert.deepEqual(lines(r), [['Trước', 'Gộp         C1', 'ẩn ngang', 'Dọc         B2    C2', 'ẩn dọc', 'B3', 'Hết', 'Sau']]);
  });
});
