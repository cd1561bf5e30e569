import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentResultSchema, ReadableDocumentResultSchema, SCHEMA_VERSION, validateDocumentResult } from '../../src/core/schema.js';
import { convert } from '../../src/pipeline/index.js';

const text = 'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc\nSố: 12/BC-UBND  Quảng Ngãi, ngày 12 tháng 9 năm 2025\nBÁO CÁO\nKết quả\nI. KẾT QUẢ\nNội dung.\nKý bởi: Nguyễn Văn An\nThời gian ký: 12.09.2025 10:15:23 +07:00\n';

describe('schema 1.3: e-signatures', () => {
  it('validates a result with meta.eSignatures and signature.signerSource', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
    const checked = validateDocumentResult(r);
    assert.ok(checked.ok, checked.ok ? '' : checked.message);
    assert.equal(r.schemaVersion, SCHEMA_VERSION);
    assert.equal(r.meta?.eSignatures?.[0]?.signer, 'Nguyễn Văn An');
    assert.equal(r.signature?.signerSource, 'e-signature');
  });

  it('reads JSON written by 1.2 (no e-signature fields) as a saved result', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode('Báo cáo ngắn.\n') }, { segment: {} });
    const old = { ...r, schemaVersion: '1.2' };
    assert.equal(DocumentResultSchema.safeParse(old).success, false, 'new output is always 1.3');
    assert.equal(ReadableDocumentResultSchema.safeParse(old).success, true);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '2.0' }).success, false);
  });
});

describe('schema 1.4: a signer read back against the names model', () => {
  it('validates signature.nameAsRead and signature.uncertain, and refuses an unknown uncertain field', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
    const signature = { ...r.signature!, name: 'Trịnh Văn Toàn', nameAsRead: 'FSzTfịnh Văn Toàn', uncertain: ['name'] };
    assert.ok(validateDocumentResult({ ...r, signature }).ok);
    assert.equal(DocumentResultSchema.safeParse({ ...r, signature: { ...signature, uncertain: ['date'] } }).success, false);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.3' }).success, true);
  });
});

describe('schema 1.6: notes on a PDF page', () => {
  it('validates pages[].annotations, refuses an empty note, and reads 1.5 JSON', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
    const note = { subtype: 'FreeText', text: 'Chuyển phòng Tổ chức.', author: 'Văn thư', modified: '2025-10-02T08:30:00+07:00', rect: [330, 700, 560, 740] };
    const noted = { ...r, pages: r.pages.map((p) => ({ ...p, annotations: [note] })) };
    assert.ok(validateDocumentResult(noted).ok);
    assert.equal(DocumentResultSchema.safeParse({ ...noted, pages: [{ ...noted.pages[0], annotations: [{ ...note, text: '' }] }] }).success, false);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.5' }).success, true);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.6' }).success, true);
  });
});

describe('schema 1.7: ink words over the signature block, a position inferred', () => {
  it('validates pages[].inkWords and signature.uncertain position, refuses a line 0, and reads 1.6 JSON', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
    assert.ok(validateDocumentResult({ ...r, signature: { ...r.signature!, position: 'PHÓ GIÁM ĐỐC', uncertain: ['position'] } }).ok);
    const inked = { ...r, pages: r.pages.map((p) => ({ ...p, inkWords: [{ line: 1, text: 'dau' }] })) };
    assert.ok(validateDocumentResult(inked).ok);
    assert.equal(DocumentResultSchema.safeParse({ ...inked, pages: [{ ...inked.pages[0], inkWords: [{ line: 0, text: 'dau' }] }] }).success, false);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.6' }).success, true);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.7' }).success, true);
  });
});

describe('schema 1.8: header fields a person set on the review page', () => {
  it('validates fieldCorrections, refuses an unknown field or action, and reads 1.7 JSON', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
    const decided = { ...r, fieldCorrections: [{ field: 'number', before: '12/BC-UBND', after: '13/BC-UBND', time: '2026-12-07T08:00:00.000Z', action: 'typed' }, { field: 'signer', before: null, after: 'Nguyễn Văn An', time: '2026-12-07T08:00:01.000Z', action: 'typed' }] };
    assert.ok(validateDocumentResult(decided).ok);
    assert.equal(DocumentResultSchema.safeParse({ ...decided, fieldCorrections: [{ ...decided.fieldCorrections[0], field: 'title' }] }).success, false);
    assert.equal(DocumentResultSchema.safeParse({ ...decided, fieldCorrections: [{ ...decided.fieldCorrections[0], action: 'alternative' }] }).success, false);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.7' }).success, true);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.9' }).success, false);
    assert.equal(SCHEMA_VERSION, '1.8');
  });
});

describe('schema 1.8: pen values written into the restored text, lines read from red ink', () => {
  it('validates pages[].penValues and pages[].redLines, refuses an unknown field, a negative offset and a line 0, and reads 1.7 JSON', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
    const value = { field: 'number', line: 3, start: 5, end: 7, replaced: '2J' };
    const penned = { ...r, pages: r.pages.map((p) => ({ ...p, penValues: [value] })) };
    assert.ok(validateDocumentResult(penned).ok);
    assert.equal(DocumentResultSchema.safeParse({ ...penned, pages: [{ ...penned.pages[0], penValues: [{ ...value, field: 'year' }] }] }).success, false);
    assert.equal(DocumentResultSchema.safeParse({ ...penned, pages: [{ ...penned.pages[0], penValues: [{ ...value, start: -1 }] }] }).success, false);
    assert.ok(validateDocumentResult({ ...r, pages: r.pages.map((p) => ({ ...p, redLines: [4] })) }).ok);
    assert.equal(DocumentResultSchema.safeParse({ ...r, pages: r.pages.map((p) => ({ ...p, redLines: [0] })) }).success, false);
    assert.equal(ReadableDocumentResultSchema.safeParse({ ...r, schemaVersion: '1.7' }).success, true);
    assert.equal(SCHEMA_VERSION, '1.8');
  });
});
