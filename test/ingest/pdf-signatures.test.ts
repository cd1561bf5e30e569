import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { signedPdf } from '../../scripts/realistic/esign-pdf.js';
import { pdfSignatures, pdfText } from '../../src/ingest/pdf-signatures.js';
import { convert } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';

const PAGE = ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI', 'Số: 12/BC-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
  'Quảng Ngãi, ngày 12 tháng 9 năm 2025', 'BÁO CÁO', 'Kết quả công tác quý III', 'I. KẾT QUẢ', 'Các nhiệm vụ đã hoàn thành đúng hạn.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];

describe('PDF signature fields', () => {
  it('reads the signature dictionary and the signer certificate of a /Sig widget', async () => {
    const pdf = await signedPdf({ pages: [PAGE, ['Trang hai.']], signaturePage: 2, time: "D:20250912101523+07'00'", contactInfo: 'vanthu@quangngai.gov.vn' });
    assert.deepEqual(pdfSignatures(pdf), [{
      signer: 'Nguyễn Văn An', signerIsPerson: true, organization: 'Ủy ban nhân dân tỉnh Quảng Ngãi', email: 'vanthu@quangngai.gov.vn',
      time: '2025-09-12T10:15:23+07:00', source: 'pdf-signature', page: 2,
    }]);
  });

  it('prefers /Name to the certificate and reads no organisation as a person', async () => {
    const pdf = await signedPdf({ pages: [PAGE], name: 'Ủy ban nhân dân tỉnh Quảng Ngãi', certificate: false });
    const [s] = pdfSignatures(pdf);
    assert.equal(s?.signer, 'Ủy ban nhân dân tỉnh Quảng Ngãi');
    assert.equal(s?.signerIsPerson, false);
    assert.equal(s?.time, null);
  });

  it('gives meta.eSignatures in the converted result, and the signer when the printed name is missing', async () => {
    const pdf = await signedPdf({ pages: [PAGE], time: "D:20250912101523+07'00'" });
    const r = await convert({ path: 'signed.pdf', data: pdf }, { segment: {} }) as DocumentResult;
    assert.equal(r.meta?.eSignatures?.[0]?.source, 'pdf-signature');
    assert.equal(r.meta?.eSignatures?.[0]?.signer, 'Nguyễn Văn An');
    assert.equal(r.signature?.position, 'PHÓ CHỦ TỊCH');
    assert.equal(r.signature?.name, 'Nguyễn Văn An');
    assert.equal(r.signature?.signerSource, 'e-signature');
    assert.equal(r.meta?.issuer?.name, 'TỈNH QUẢNG NGÃI');
  });

  it('keeps a signing box drawn in the text layer out of the structure, beside the field', async () => {
    const overlayLines = ['Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi', 'Email: ubnd@quangngai.gov.vn', 'Thời gian ký: 12.09.2025 10:15:23 +07:00'];
    const pdf = await signedPdf({ pages: [PAGE], name: 'Ủy ban nhân dân tỉnh Quảng Ngãi', certificate: false, overlayLines });
    const r = await convert({ path: 'signed.pdf', data: pdf }, { segment: {} }) as DocumentResult;
    assert.ok(overlayLines.every((l) => r.text.original.includes(l)), 'the text keeps the box');
    assert.deepEqual(r.meta?.eSignatures?.map((s) => s.source), ['pdf-signature', 'page-overlay']);
    assert.equal(r.meta?.eSignatures?.[1]?.email, 'ubnd@quangngai.gov.vn');
    assert.equal(r.meta?.issuer?.name, 'TỈNH QUẢNG NGÃI');
    assert.equal(r.signature?.name, null, 'an organisation is no signer');
    assert.ok(!JSON.stringify(r.sections).includes('Ký bởi'));
  });

  it('finds none in an unsigned PDF or in bytes that are no PDF', async () => {
    assert.deepEqual(pdfSignatures(new TextEncoder().encode('not a pdf')), []);
    const plain = await PDFDocument.create();
    plain.addPage();
    assert.deepEqual(pdfSignatures(await plain.save()), []);
  });

  it('decodes PDF text strings (UTF-16BE with its mark, PDFDocEncoding)', () => {
    assert.equal(pdfText('\xfe\xff\x00A\x1e\xa1'), 'Aạ');
    assert.equal(pdfText('Ha Noi'), 'Ha Noi');
  });
});
