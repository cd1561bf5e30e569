import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARCHIVE_COLUMNS, archiveFacts, archiveRow, hoSoOf, ordinalsInHoSo, recordIssuer } from '../../src/emit/archive.js';
import { parseArchiveSettings } from '../../src/emit/archive-settings.js';
import { SCHEMA_VERSION, type DocumentResult } from '../../src/core/schema.js';
import { structureOf } from '../../src/emit/sheets.js';

function result(meta: Partial<NonNullable<DocumentResult['meta']>>, pages = 2): DocumentResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { path: 'a.txt', kind: 'text', sha256: '0'.repeat(64), bytes: 10, pages, encoding: 'utf-8' },
    text: { original: 'x', restored: 'x' },
    pages: [],
    paragraphs: [{ text: 'báo cáo', page: 1, lineStart: 1, lineEnd: 1 }],
    meta: { type: null, number: null, issuer: null, place: null, date: null, dateText: null, title: null, motto: false, completedFrom: [], provenance: null, confidence: 0.5, ...meta },
    preamble: [], sections: [], closing: null, signature: null, recipients: [], recipientsInfo: null, annexes: [], figures: [],
    diagnostics: [],
  } as DocumentResult;
}

describe('the archive record (TT 02/2019/TT-BNV)', () => {
  it('has the 20 fields of the circular, in its order (then the input\'s path and hash)', () => {
    assert.equal(ARCHIVE_COLUMNS.length, 22);
    assert.equal(ARCHIVE_COLUMNS[0]!.header, 'Mã phông');
    assert.equal(ARCHIVE_COLUMNS[7]!.header, 'Ngày, tháng, năm văn bản');
    assert.equal(ARCHIVE_COLUMNS[7]!.type, 'date');
    assert.equal(ARCHIVE_COLUMNS[19]!.header, 'Tình trạng vật lý');
  });

  it('splits the number into number and symbol, keeping leading zeros and later parts', () => {
    const r = result({ number: '05/2023/NĐ-CP', type: { code: 'ND', name: 'Nghị định' }, date: '2023-03-01' });
    const f = archiveFacts(r, structureOf(r));
    assert.equal(f.number, '05');
    assert.equal(f.symbol, '2023/NĐ-CP');
    assert.equal(f.date, '2023-03-01');
    assert.equal(f.type, 'Nghị định');
    assert.equal(f.pages, 2);
    assert.equal(f.language, 'Tiếng Việt');
  });

  it('leaves a day that does not exist out of the date and writes it in the note', () => {
    const r = result({ date: null, dateText: 'ngày 31 tháng 4 năm 2023' });
    const f = archiveFacts(r, structureOf(r));
    assert.equal(f.date, '');
    assert.match(f.note, /ngày 31 tháng 4 năm 2023/);
  });

  it('leaves every field empty that nothing gave', () => {
    const r = result({});
    const row = archiveRow('a.txt', archiveFacts(r, structureOf(r)), { files: [] }, undefined);
    assert.equal(row.length, 22);
    assert.deepEqual(row.filter((c) => c !== '' && c !== null), ['Tiếng Việt', 2, 'a.txt']);
  });

  it('names a council issuer in its standard form and keeps any other as written', () => {
    assert.equal(recordIssuer({ parent: 'ỦY BAN NHÂN DÂN', name: 'XÃ NGỌC KỲ' }), 'Ủy ban nhân dân xã Ngọc Kỳ');
    assert.equal(recordIssuer({ parent: 'UBND', name: 'THỊ TRẤN ĐỒNG VĂN' }), 'Ủy ban nhân dân thị trấn Đồng Văn');
    assert.equal(recordIssuer({ parent: 'HỘI ĐỒNG NHÂN DÂN', name: 'TỈNH SƠN LA' }), 'Hội đồng nhân dân tỉnh Sơn La');
    assert.equal(recordIssuer({ parent: 'UBND TỈNH SƠN LA', name: 'SỞ Y TẾ' }), 'SỞ Y TẾ');
    assert.equal(recordIssuer(null), '');
  });

  it('takes the archivist fields from the settings: fonds, defaults, the hồ sơ of the longest folder', () => {
    const settings = parseArchiveSettings(JSON.stringify({
      fonds: 'G09',
      defaults: { access: 'Công khai' },
      files: [
        { folder: 'scans/2023', catalog: '2023', fileCode: '01/HS' },
        { folder: './scans/2023/mat/', catalog: '2023', fileCode: '02/HS', access: 'Hạn chế' },
      ],
    }));
    assert.equal(hoSoOf('scans/2023/a.txt', settings)?.fileCode, '01/HS');
    assert.equal(hoSoOf('scans/2023/mat/b.txt', settings)?.fileCode, '02/HS');
    assert.equal(hoSoOf('scans/2023-old/c.txt', settings), undefined, 'a folder matches whole path segments');
    const r = result({ number: '7/BC-UBND' });
    const row = archiveRow('scans/2023/mat/b.txt', archiveFacts(r, structureOf(r)), settings, 3);
    assert.deepEqual(row.slice(0, 7), ['G09', '2023', '02/HS', 3, '', '7', 'BC-UBND']);
    assert.equal(row[16], 'Hạn chế');
    assert.equal(archiveRow('other/x.txt', archiveFacts(r, structureOf(r)), settings, undefined)[16], 'Công khai');
  });

  it('numbers the documents of a hồ sơ in path order, 2 before 10', () => {
    const settings = parseArchiveSettings(JSON.stringify({ files: [{ folder: 'hs1' }, { folder: 'hs2' }] }));
    const ordinals = ordinalsInHoSo(['hs1/10.txt', 'hs2/b.txt', 'hs1/2.txt', 'loose.txt', 'hs1/1.txt'], settings);
    assert.deepEqual([...ordinals.entries()].sort(), [['hs1/1.txt', 1], ['hs1/10.txt', 3], ['hs1/2.txt', 2], ['hs2/b.txt', 1]]);
  });

  it('refuses a settings file it cannot read, naming the field', () => {
    assert.throws(() => parseArchiveSettings('{'), /not JSON/);
    assert.throws(() => parseArchiveSettings(JSON.stringify({ files: [{ catalog: '2023' }] })), /files\.0\.folder/);
    assert.throws(() => parseArchiveSettings(JSON.stringify({ fonds: 'G1', colour: 'red' })), /colour|Unrecognized/);
  });
});
