import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitIssuer } from '../../../src/core/segment/issuer.js';

describe("the header's left column split into issuer and parent", () => {
  it('takes no organ word closing the column as a unit ("… NỘI BỘ" is no ministry)', () => {
    assert.deepEqual(splitIssuer('CÔNG AN TP ĐÀ NẴNG PHÒNG AN CHÍNH TRỊ NỘI BỘ'), { name: 'PHÒNG AN CHÍNH TRỊ NỘI BỘ', parent: 'CÔNG AN TP ĐÀ NẴNG' });
  });

  it('takes a council as the parent of the unit it names', () => {
    assert.deepEqual(splitIssuer('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI'), { name: 'TỈNH QUẢNG NGÃI', parent: 'ỦY BAN NHÂN DÂN' });
    assert.deepEqual(splitIssuer('BỘ CÔNG THƯƠNG TRƯỜNG ĐẠI HỌC ĐIỆN LỰC'), { name: 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC', parent: 'BỘ CÔNG THƯƠNG' });
  });

  it('reads council words OCR glued together ("ỦYBAN", "NHÂNDÂN", "HỘIĐỒNG") as the council', () => {
    assert.deepEqual(splitIssuer('ỦYBAN NHÂN DÂN TỈNH QUẢNG NGÃI'), { name: 'TỈNH QUẢNG NGÃI', parent: 'ỦY BAN NHÂN DÂN' });
    assert.deepEqual(splitIssuer('UỶ BAN NHÂNDÂN XÃ NGỌC KỲ'), { name: 'XÃ NGỌC KỲ', parent: 'UỶ BAN NHÂN DÂN' });
    assert.deepEqual(splitIssuer('HỘIĐỒNG NHÂN DÂN HUYỆN TĨNH GIA'), { name: 'HUYỆN TĨNH GIA', parent: 'HỘI ĐỒNG NHÂN DÂN' });
  });

  it('given the lines, cuts a name only where an organ word starts a line when the word is read only fuzzily ("THƯƠNG" is no "TRƯỜNG")', () => {
    assert.deepEqual(splitIssuer(['BỘ NÔNG NGHIỆP', 'TRƯỜNG CAO ĐẲNG CÔNG THƯƠNG', 'MIỀN TRUNG']), { name: 'TRƯỜNG CAO ĐẲNG CÔNG THƯƠNG MIỀN TRUNG', parent: 'BỘ NÔNG NGHIỆP' });
    // A fuzzy organ word opening a line still starts the name (OCR's "TRUỜNC").
    assert.deepEqual(splitIssuer(['SỞ CÔNG THƯƠNG', 'TRUỜNC TRUNG CẤP NGHỀ']), { name: 'TRUỜNC TRUNG CẤP NGHỀ', parent: 'SỞ CÔNG THƯƠNG' });
  });

  it('leaves out a speck piece of the column (", ˆ" left of the motto): it neither splits nor joins the name', () => {
    assert.deepEqual(splitIssuer(['SỞ Y TẾ', ',  ˆ  ', 'BỆNH VIỆN ĐA KHOA TỈNH']), { name: 'BỆNH VIỆN ĐA KHOA TỈNH', parent: 'SỞ Y TẾ' });
    assert.deepEqual(splitIssuer(['—', 'PHÒNG GIÁO DỤC']), { name: 'PHÒNG GIÁO DỤC', parent: null });
  });

  it('reads lines as their join does when no organ word is fuzzy', () => {
    const lines = ['ỦYBAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI'];
    assert.deepEqual(splitIssuer(lines), splitIssuer(lines.join(' ')));
  });
});
