import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutESignatureOverlays } from '../../../src/core/segment/e-signatures.js';
import { isoTime } from '../../../src/core/segment/e-signature-values.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { segmentLines } from '../../../src/core/segment/segment.js';

/** A provincial report as OCR reads it with a signing box at the top right and one over the signature. */
const SIGNED = `TRUNG TAM CONG BAO VA TIN HOC
Ky boi: Uy ban nhan dan tinh Quang Ngai
ỦY BAN NHÂN DÂN  Email: ubnd@quangngai.gov.vn
TỈNH QUẢNG NGÃI  Cơ quan: Tỉnh Quảng Ngãi
Số: 123/BC-UBND  Thời gian ký: 12.09.2025 10:15:23 +07:00
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 12 tháng 9 năm 2025
BÁO CÁO
Kết quả thực hiện nhiệm vụ quý III
I. KẾT QUẢ
Nội dung báo cáo.
Nơi nhận:  KT. CHỦ TỊCH
- Như trên;  PHÓ CHỦ TỊCH
- Lưu: VT.
Người ký: Nguyễn Văn An
Ngày ký: 12/09/2025 10:15`;

describe('e-signature boxes on the page', () => {
  it('keeps the box lines out of the issuer, number, place and date, and records them', () => {
    const { structure } = segmentLines(linesFromText(SIGNED));
    assert.deepEqual(structure.meta.issuer, { name: 'TỈNH QUẢNG NGÃI', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(structure.meta.number, '123/BC-UBND');
    assert.equal(structure.meta.date, '2025-09-12');
    assert.equal(structure.meta.place, 'Quảng Ngãi');
    const [top, bottom] = structure.meta.eSignatures ?? [];
    assert.equal(top?.signer, 'Uy ban nhan dan tinh Quang Ngai');
    assert.equal(top?.signerIsPerson, false);
    assert.equal(top?.organization, 'Tỉnh Quảng Ngãi');
    assert.equal(top?.email, 'ubnd@quangngai.gov.vn');
    assert.equal(top?.time, '2025-09-12T10:15:23+07:00');
    assert.equal(top?.source, 'page-overlay');
    assert.deepEqual(top?.provenance, { page: 1, lineStart: 1, lineEnd: 5 });
    assert.equal(bottom?.signer, 'Nguyễn Văn An');
    assert.equal(bottom?.time, '2025-09-12T10:15:00');
  });

  it('without recognition the box is read as the issuer (the failure it prevents)', () => {
    const { structure } = segmentLines(linesFromText(SIGNED), { eSignatures: false });
    assert.notDeepEqual(structure.meta.issuer, { name: 'TỈNH QUẢNG NGÃI', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(structure.meta.eSignatures, undefined);
  });

  it('takes the signer from a person\'s e-signature only when the printed name is missing, and says so', () => {
    const { structure } = segmentLines(linesFromText(SIGNED));
    assert.equal(structure.signature?.position, 'PHÓ CHỦ TỊCH');
    assert.equal(structure.signature?.name, 'Nguyễn Văn An');
    assert.equal(structure.signature?.signerSource, 'e-signature');
    const printed = segmentLines(linesFromText(`${SIGNED}\nTrần Thị Bình`.replace('Người ký: Nguyễn Văn An\n', '')));
    assert.equal(printed.structure.signature?.name, 'Trần Thị Bình');
    assert.equal(printed.structure.signature?.signerSource, 'printed');
  });

  it('keeps a box drawn between the position and the name, or over the body, out of both', () => {
    const text = `${SIGNED.split('\n').slice(0, 11).join('\n')}\nNội dung báo cáo.\nKý bởi: Sở Nội vụ tỉnh Quảng Ngãi\nThời gian ký: 12.09.2025 10:15:23 +07:00\nCác nhiệm vụ còn lại.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nKý bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\nThời gian ký: 12.09.2025 10:15:23 +07:00\nTrần Văn Bình`;
    const { structure } = segmentLines(linesFromText(text));
    assert.equal(structure.signature?.position, 'PHÓ CHỦ TỊCH');
    assert.equal(structure.signature?.name, 'Trần Văn Bình');
    assert.equal(structure.signature?.signerSource, 'printed');
    assert.ok(!JSON.stringify(structure.sections).includes('Ký bởi'), 'no box line in the body');
    assert.ok(JSON.stringify(structure.sections).includes('Các nhiệm vụ còn lại'));
    assert.equal(structure.meta.eSignatures?.length, 3);
  });

  it('never takes an organisation as the signer', () => {
    const text = SIGNED.split('\n').slice(0, 15).join('\n');
    const { structure } = segmentLines(linesFromText(text));
    assert.equal(structure.signature?.name ?? null, null);
  });

  it('leaves prose that mentions signing alone', () => {
    const prose = linesFromText('Quyết định này có hiệu lực kể từ ngày ký.\nCơ quan: Sở Tư pháp tỉnh\nEmail: sotuphap@example.vn\nNgày ký kết hợp đồng là 12/09/2025.\nThời gian ký kết: quý IV năm 2025.');
    const r = withoutESignatureOverlays(prose);
    assert.equal(r.signatures.length, 0);
    assert.equal(r.lines.length, prose.length);
  });

  it('keeps the lines it leaves out in the text: only the structure skips them', () => {
    const lines = linesFromText(SIGNED);
    const r = withoutESignatureOverlays(lines);
    assert.ok(r.lines.length < lines.length);
    assert.equal(r.lines.find((l) => l.lineStart === 3)?.text, 'ỦY BAN NHÂN DÂN');
    assert.equal(r.lines.find((l) => l.lineStart === 3)?.original, lines[2]!.original);
  });

  it('takes what OCR left of a box (a timestamp fragment, specks) out of the header', () => {
    const text = '53.10.2025 07:51:45 +07:00 Í\nki\nỦY BAN NHÂN DÂN THÀNH PHỐ  CỘNG HÒA XÃ NỘI non:\nHỒ CHÍ MINH.\nSỞ GIÁO DỤC VÀ ĐÀO TẠO  Độc lập - Tự do - Hạnh phúc\nSố: 5155/SGDĐT-GDTXNNĐH  Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\nVề hướng dẫn đánh giá\nKính gửi: Ủy ban nhân dân phường';
    const { structure } = segmentLines(linesFromText(text));
    assert.deepEqual(structure.meta.issuer, { name: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', parent: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH' });
    assert.equal(structure.meta.number, '5155/SGDĐT-GDTXNNĐH');
    assert.equal(structure.meta.eSignatures?.length, 1);
    assert.equal(structure.meta.eSignatures?.[0]?.signer, null);
  });

  it('reads signing times as ISO 8601', () => {
    assert.equal(isoTime('12.09.2025 10:15:23 +07:00'), '2025-09-12T10:15:23+07:00');
    assert.equal(isoTime("D:20250912101523+07'00'"), '2025-09-12T10:15:23+07:00');
    assert.equal(isoTime('31.02.2025'), null);
  });
});
