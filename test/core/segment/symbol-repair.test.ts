import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repairSymbol, symbolMentions } from '../../../src/core/segment/symbol-repair.js';

describe("a number's symbol repaired against the document's own acronyms", () => {
  it("puts a misread organ part right against the issuer's initials", () => {
    assert.equal(repairSymbol('TB-DHĐIL', ['PHÒNG CÔNG TÁC SINH VIÊN', 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC'], []), 'TB-ĐHĐL');
    assert.equal(repairSymbol('QĐ-UBNĐ', ['ỦY BAN NHÂN DÂN'], []), 'QĐ-UBND');
  });

  it("puts it right against the document's other mentions of a symbol", () => {
    const mentions = symbolMentions(['Kèm theo Thông báo số …/TB-ĐHĐL ngày …', 'Căn cứ Nghị định số 30/2020/NĐ-CP']);
    assert.deepEqual(mentions, ['TB-ĐHĐL', 'NĐ-CP']);
    assert.equal(repairSymbol('TB-DHDL', [], mentions), 'TB-ĐHĐL');
  });

  it('keeps a part that is already an acronym, that is far from all, or that two acronyms are equally near', () => {
    assert.equal(repairSymbol('TB-ĐHĐL', ['TRƯỜNG ĐẠI HỌC ĐIỆN LỰC'], []), null);
    assert.equal(repairSymbol('TB-SGDĐT', ['TRƯỜNG ĐẠI HỌC ĐIỆN LỰC'], []), null);
    assert.equal(repairSymbol('TB-ABCX', [], ['TB-ABCD', 'TB-ABCE']), null);
    assert.equal(repairSymbol('TB', ['TRƯỜNG ĐẠI HỌC ĐIỆN LỰC'], []), null);
    // A letter is never added: "UBND" stays beside a province's "ỦY BAN NHÂN DÂN TỈNH" (UBNDT).
    assert.equal(repairSymbol('QĐ-UBND', ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH'], []), null);
    assert.equal(repairSymbol('QĐ-UBN', ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH'], []), null);
  });
});
