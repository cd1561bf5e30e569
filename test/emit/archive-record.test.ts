import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARCHIVE_COLUMNS, archiveFacts, archiveRow } from '../../src/emit/archive.js';
import { parseArchiveSettings } from '../../src/emit/archive-settings.js';
import { SCHEMA_VERSION, type DocumentResult } from '../../src/core/schema.js';
import { structureOf } from '../../src/emit/sheets.js';

const SHA = 'ab'.repeat(32);

/** A one-page text document whose first lines are `lines`, with a header read over lines 1..headerEnd. */
function result(lines: string[], meta: Partial<NonNullable<DocumentResult['meta']>> = {}, headerEnd = lines.length): DocumentResult {
  const text = lines.join('\n');
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { path: 'hs/a.txt', kind: 'text', sha256: SHA, bytes: text.length, pages: 1, encoding: 'utf-8' },
    text: { original: text, restored: text },
    restoreMode: 'clean',
    review: [],
    pages: [],
    paragraphs: lines.map((l, i) => ({ text: l, restored: l, page: 1, lineStart: i + 1, lineEnd: i + 1 })),
    meta: {
      type: { code: 'BC', name: 'Báo cáo' }, number: '01/BC-UBND', issuer: null, place: null, date: '2024-01-05', dateText: 'ngày 05 tháng 01 năm 2024',
      title: null, motto: true, completedFrom: [], provenance: { page: 1, lineStart: 1, lineEnd: headerEnd }, confidence: 1, ...meta,
    },
    preamble: [], sections: [], closing: null, signature: null, recipients: [], recipientsInfo: null, annexes: [], figures: [],
    diagnostics: [],
  } as DocumentResult;
}

const HEADER = ['ỦY BAN NHÂN DÂN', 'XÃ NGỌC KỲ', 'Số: 01/BC-UBND', 'Ngọc Kỳ, ngày 05 tháng 01 năm 2024'];
const settings = parseArchiveSettings(JSON.stringify({ fonds: 'G09', defaults: { access: 'Công khai' }, files: [{ folder: 'hs', fileCode: '01/HS', access: 'Hạn chế' }] }));
const row = (r: DocumentResult, s = settings, path = 'loose/a.txt') => archiveRow(path, archiveFacts(r, structureOf(r)), s, undefined, r.source.sha256);
const column = (header: string) => ARCHIVE_COLUMNS.findIndex((c) => c.header === header);

describe('the archive record ties each row to its input', () => {
  it('ends with the path and the SHA-256 of the input, after the 20 fields of the circular', () => {
    assert.equal(ARCHIVE_COLUMNS.length, 22);
    assert.equal(ARCHIVE_COLUMNS[19]!.header, 'Tình trạng vật lý');
    assert.deepEqual(ARCHIVE_COLUMNS.slice(20).map((c) => c.header), ['Tệp (path)', 'SHA-256 của tệp']);
    assert.deepEqual(row(result(HEADER)).slice(20), ['loose/a.txt', SHA]);
  });
});

describe('the archive record of a document marked secret or urgent', () => {
  it('says the secrecy mark in Ghi chú and does not give a secret document the default access', () => {
    for (const [mark, name] of [['MẬT', 'Mật'], ['TỐI MẬT', 'Tối mật'], ['TUYỆT MẬT', 'Tuyệt mật']] as const) {
      const r = result([...HEADER, mark, 'BÁO CÁO'], {}, 6);
      const cells = row(r);
      assert.match(String(cells[column('Ghi chú')]), new RegExp(`Độ mật: ${name}`), mark);
      assert.equal(cells[column('Chế độ sử dụng')], '', 'never the default "Công khai"');
      // A hồ sơ that names its own access is the archivist's decision, kept.
      assert.equal(row(r, settings, 'hs/a.txt')[column('Chế độ sử dụng')], 'Hạn chế');
    }
  });

  it('says an urgency mark in Ghi chú', () => {
    const cells = row(result([...HEADER, 'HỎA TỐC', 'QUYẾT ĐỊNH'], {}, 6));
    assert.match(String(cells[column('Ghi chú')]), /Độ khẩn: Hỏa tốc/);
    assert.equal(cells[column('Chế độ sử dụng')], 'Công khai');
  });

  it('reads no mark from a body line or a word inside the header', () => {
    const cells = row(result([...HEADER, 'BÁO CÁO', 'Kết quả bảo vệ bí mật nhà nước', 'MẬT'], {}, 6));
    assert.equal(cells[column('Ghi chú')], '');
    assert.equal(cells[column('Chế độ sử dụng')], 'Công khai');
  });
});

describe('the archive record of a document with a field to check', () => {
  it('keeps the symbol when the number is not legible, and says which fields a person must check', () => {
    const r = result(HEADER, { number: null, numberSymbol: 'QĐ-UBND', uncertain: ['number', 'date'] });
    const cells = row(r);
    assert.equal(cells[column('Số của văn bản')], '');
    assert.equal(cells[column('Ký hiệu của văn bản')], 'QĐ-UBND');
    assert.match(String(cells[column('Ghi chú')]), /Cần kiểm tra: số, ngày/);
  });
});

describe('the archive record of a document in another language', () => {
  it('leaves Ngôn ngữ empty rather than saying Tiếng Việt', () => {
    const r = { ...result(['REPORT', 'This is an annual report of the company.']), restoreMode: 'not-vietnamese' };
    assert.equal(row(r)[column('Ngôn ngữ')], '');
    assert.equal(row(result(HEADER))[column('Ngôn ngữ')], 'Tiếng Việt');
  });
});

describe('the page count of the archive record', () => {
  const long = Array.from({ length: 60 }, (_, i) => `${i + 1}. Tiếp tục thực hiện tốt công tác cải cách hành chính trên địa bàn, nâng cao chất lượng phục vụ.`);
  const of = (r: DocumentResult) => row(r)[column('Số lượng trang của văn bản')];

  it('is left empty, with a note, for a text or Word file of one page too long to be one (its file records no page breaks)', () => {
    // The same report as .docx and .txt said 1 page, as .odt and .pdf 3.
    for (const kind of ['text', 'word'] as const) {
      const r = result([...HEADER, ...long]);
      r.source = { ...r.source, kind };
      assert.equal(of(r), null, kind);
      assert.match(String(row(r)[column('Ghi chú')]), /không ghi ngắt trang/);
    }
  });

  it('is kept for a short one-page file, a file with its pages, and a PDF or scan', () => {
    assert.equal(of(result(HEADER)), 1);
    const paged = result([...HEADER, ...long]);
    paged.source = { ...paged.source, pages: 3 };
    assert.equal(of(paged), 3);
    const pdf = result([...HEADER, ...long]);
    pdf.source = { ...pdf.source, kind: 'pdf' };
    assert.equal(of(pdf), 1);
  });
});
