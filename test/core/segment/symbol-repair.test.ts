import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { repairSymbol, symbolMentions, unsurePartFromMentions, unsureSymbolPart } from '../../../src/core/segment/symbol-repair.js';

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

  it('changes a letter after the mentions only when two of them agree, never after one other OCR reading', () => {
    const names = ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'UBND THÀNH PHỐ ĐÀ NẴNG'];
    assert.equal(repairSymbol('SGDĐT-CTFTT', names, ['SGDĐT-CTITT']), null);
    assert.equal(repairSymbol('SGDĐT-CTFTT', names, ['SGDĐT-CTITT', 'SGDĐT-CTITT']), 'SGDĐT-CTITT');
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

describe("a number's type code repaired against the document's own type", () => {
  it('puts a misread type code right when it is one edit from the type of the title', () => {
    assert.equal(repairSymbol('TTI-UBND', ['TỈNH QUẢNG NGÃI', 'ỦY BAN NHÂN DÂN'], [], 'TTr'), 'TTr-UBND');
    assert.equal(repairSymbol('CI-UBND', [], [], 'CT'), 'CT-UBND');
  });

  it("keeps a code that is some type's abbreviation, that is far from the type's, or that is the type's", () => {
    assert.equal(repairSymbol('QĐ-UBND', [], [], 'QyĐ'), null, 'a Quy định issued under a Quyết định number');
    assert.equal(repairSymbol('TT-UBND', [], [], 'TTr'), null, 'TT is a Thông tư');
    assert.equal(repairSymbol('KH-UBND', [], [], 'TB'), null);
    assert.equal(repairSymbol('TB-UBND', [], [], 'TB'), null);
  });
});

describe('the symbol repair in the segment stage', () => {
  it("puts the header number's symbol right and says so", () => {
    const text = [
      'BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
      'Số: 2095/TB-DHĐIL  Hà Nội, ngày 27 tháng 8 năm 2025',
      'THÔNG BÁO',
      'Về việc tổ chức đăng ký môn học',
      '',
      '1. Sinh viên đăng ký trực tuyến.',
    ].join('\n');
    const { structure, diagnostics } = segmentLines(linesFromText(text));
    assert.equal(structure.meta.number, '2095/TB-ĐHĐL');
    assert.equal(structure.meta.numberSymbol, 'TB-ĐHĐL');
    assert.ok(diagnostics.some((d) => d.ruleId === 'segment/symbol-repaired' && d.severity === 'info'));
  });
});

/** A letter's header whose symbol OCR read with an S for the 8 of "PA83". */
const PAS3_HEADER = [
  'CÔNG AN TP ĐÀ NẴNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'PHÒNG AN NINH CHÍNH TRỊ  Độc lập - Tự do - Hạnh phúc',
  'Số: 115/CV-PAS3  Đà Nẵng, ngày 26 tháng 4 năm 2018',
  'V/v phối hợp xác minh thông tin',
  'Kính gửi: Ủy ban nhân dân các quận, huyện.',
];

describe('a symbol whose letters and digits cannot be told apart', () => {
  it('names an organ part with a digit-like letter between a letter and a digit', () => {
    assert.equal(unsureSymbolPart('CV-PAS3'), 'PAS3');
    assert.equal(unsureSymbolPart('CV-PAO3'), 'PAO3');
    assert.equal(unsureSymbolPart('CV-PA83'), null);
    assert.equal(unsureSymbolPart('QĐ-BCĐ389'), null);
    assert.equal(unsureSymbolPart('TB-ĐHĐL'), null);
    assert.equal(unsureSymbolPart('SGDĐT-CTrTT'), null);
  });

  it('leaves meta.number empty and flagged rather than give a symbol it may have wrong', () => {
    const text = [
      ...PAS3_HEADER,
      'Phòng đề nghị các đơn vị phối hợp xác minh thông tin theo danh sách kèm theo./.',
    ].join('\n');
    const { structure, diagnostics } = segmentLines(linesFromText(text), { fromOcr: true });
    assert.equal(structure.meta.number, null);
    assert.equal(structure.meta.numberSymbol, 'CV-PAS3');
    assert.deepEqual(structure.meta.uncertain, ['number']);
    assert.ok(diagnostics.some((d) => d.ruleId === 'segment/uncertain-symbol'));
  });

  it("reads the unsure letter as the digit the document's other lines name the organ with, twice", () => {
    assert.equal(unsurePartFromMentions('PAS3', ['Trước tình hình trên, phòng PA83 — Công an thành phố', '- Lưu PA83 (Đ4).']), 'PA83');
    assert.equal(unsurePartFromMentions('PAO3', ['Phòng PA03 đề nghị', '- Lưu: VT, PA03.']), 'PA03');
  });

  it('keeps the part unsure after one mention, after two readings that differ, or when the part as read is there too', () => {
    assert.equal(unsurePartFromMentions('PAS3', ['- Lưu PA83 (Đ4).']), null);
    assert.equal(unsurePartFromMentions('PAS3', ['phòng PA83, PA83', 'phối hợp với PA53']), null);
    assert.equal(unsurePartFromMentions('PAS3', ['phòng PA83', 'Lưu PA83', 'Lưu PAS3']), null);
    assert.equal(unsurePartFromMentions('PAS3', ['phòng PA83X và PA830']), null);
  });

  it('puts the header number right when the organ is named bare twice elsewhere, and says so', () => {
    const text = [
      ...PAS3_HEADER,
      'Phòng PA83 đề nghị các đơn vị phối hợp xác minh thông tin theo danh sách kèm theo./.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu PA83.',
    ].join('\n');
    const { structure, diagnostics } = segmentLines(linesFromText(text), { fromOcr: true });
    assert.equal(structure.meta.number, '115/CV-PA83');
    assert.equal(structure.meta.numberSymbol, 'CV-PA83');
    assert.ok(diagnostics.some((d) => d.ruleId === 'segment/symbol-repaired'));
    assert.ok(!diagnostics.some((d) => d.ruleId === 'segment/uncertain-symbol'));
  });
});
