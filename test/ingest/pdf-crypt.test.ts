/**
 * Encrypted PDFs (owner password only, the empty user password): their signature fields, notes
 * and page streams read as the unencrypted file's. The fixtures are one signed, annotated PDF and
 * qpdf's encryptions of it (scripts/fixtures/encrypted-pdfs.ts); no qpdf is needed here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { rc4 } from '../../src/ingest/ocr/pdf-crypt.js';
import { PdfObjects } from '../../src/ingest/ocr/pdf-object-reader.js';
import { scanPages } from '../../src/ingest/ocr/pdf-objects.js';
import { pdfAnnotations } from '../../src/ingest/pdf-annotations.js';
import { isCleanText, pdfSignatures, pdfText } from '../../src/ingest/pdf-signatures.js';
import { signedPdf } from '../../scripts/realistic/esign-pdf.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/pdf/${name}.pdf`, import.meta.url)));
const PLAIN = fixture('noted-signed');
const ENCRYPTED = [['rc4-40', 'RC4 40-bit'], ['rc4-128', 'RC4 128-bit'], ['aes-128', 'AES-128'], ['aes-256', 'AES-256 (R6)'], ['aes-256-r5', 'AES-256 (R5)']] as const;
const SIGNATURE = { signer: 'Nguyễn Văn An', signerIsPerson: true, organization: 'Ủy ban nhân dân tỉnh Quảng Ngãi', email: 'vanthu@quangngai.gov.vn', time: '2025-09-12T10:15:23+07:00', source: 'pdf-signature', page: 1 };

describe('encrypted PDFs (standard security handler, empty user password)', () => {
  it('RC4 is the cipher of its published test vectors', () => {
    assert.equal(Buffer.from(rc4(Buffer.from('Key'), Buffer.from('Plaintext'))).toString('hex'), 'bbf316e8d940af0ad3');
    assert.equal(Buffer.from(rc4(Buffer.from('Secret'), Buffer.from('Attack at dawn'))).toString('hex'), '45a01f645fc35b383552544b9bf5');
  });

  for (const [name, describe] of ENCRYPTED) {
    it(`reads the signer, time and notes of the ${describe} file as those of the unencrypted one`, () => {
      const data = fixture(`noted-signed-${name}`);
      const pdf = new PdfObjects(data);
      assert.equal(pdf.encryption?.state, 'decryptable');
      assert.equal(pdf.encryption?.state === 'decryptable' && pdf.encryption.describe, describe);
      assert.deepEqual(pdfSignatures(data), [SIGNATURE]);
      assert.deepEqual(pdfAnnotations(pdf), pdfAnnotations(new PdfObjects(PLAIN)));
      // Streams are decrypted too: the page's layers read as the unencrypted page's.
      assert.deepEqual(scanPages(data).map((p) => p.layers), scanPages(PLAIN).map((p) => p.layers));
    });
  }

  it('reads a file whose /P is written as an unsigned number (4294967292 for -4), as some writers do', () => {
    // /P enters the file key of R2–R4 (RC4, AES-128); these files keep classic cross-reference tables, which the longer number shifts harmlessly.
    for (const name of ['rc4-40', 'rc4-128', 'aes-128']) {
      const data = fixture(`noted-signed-${name}`);
      const unsigned = Buffer.from(Buffer.from(data).toString('latin1').replace('/P -4', '/P 4294967292'), 'latin1');
      assert.notDeepEqual(unsigned, Buffer.from(data), name);
      assert.equal(new PdfObjects(unsigned).encryption?.state, 'decryptable', name);
      assert.deepEqual(pdfSignatures(unsigned), [SIGNATURE], name);
    }
  });

  it('takes a plain file as plain when an older "trailer" with /Encrypt lies inside it (an embedded file, a comment)', () => {
    const s = Buffer.from(PLAIN).toString('latin1');
    const at = s.indexOf('\n', Math.floor(s.length / 3)) + 1;
    const data = Buffer.from(`${s.slice(0, at)}%trailer << /Encrypt 99 0 R /Size 3 >>\n${s.slice(at)}`, 'latin1');
    assert.equal(new PdfObjects(data).encryption, undefined);
    assert.deepEqual(pdfSignatures(data), [SIGNATURE]);
  });

  it('leaves the strings of a file that needs a user password empty, never garbage', () => {
    const data = fixture('noted-signed-user-password');
    const pdf = new PdfObjects(data);
    assert.deepEqual(pdf.encryption, { state: 'unsupported', reason: 'it does not open with the empty password (a user password, or a missing /ID)' });
    const [s] = pdfSignatures(data);
    assert.equal(s?.time, null);
    // The certificate in /Contents is not encrypted (ISO 32000-2 §7.6.2), so the signer is still known.
    assert.equal(s?.signer, 'Nguyễn Văn An');
    assert.ok(Object.values(s!).every((v) => typeof v !== 'string' || isCleanText(v)));
    assert.deepEqual(pdfAnnotations(pdf), [[]]);
  });

  it('reads a certificate whose /Contents was encrypted like any string (as iText 5 does)', () => {
    const data = fixture('noted-signed-rc4-40');
    const pdf = new PdfObjects(data);
    const text = Buffer.from(data).toString('latin1');
    const m = /(\d+) 0 obj\s*<<[^]*?\/Contents\s*<([0-9a-fA-F]+)>/.exec(text.slice(text.search(/\/Type\s*\/Sig\b/) - 2000))!;
    const hex = m[2]!;
    const sigNum = Number([...text.matchAll(/(\d+) 0 obj/g)].filter((o) => o.index! < text.indexOf(hex)).pop()![1]);
    // RC4 is its own inverse: "decrypting" the plain DER with the object's key encrypts it.
    const encrypted = pdf.decryptString({ num: sigNum, gen: 0 }, Buffer.from(hex, 'hex').toString('latin1'))!;
    const altered = new Uint8Array(Buffer.from(text.replace(hex, Buffer.from(encrypted, 'latin1').toString('hex')), 'latin1'));
    assert.notEqual(encrypted.charCodeAt(0), 0x30, 'the DER is hidden');
    // Only the certificate names the signer in this fixture (no /Name).
    assert.equal(pdfSignatures(altered)[0]?.signer, 'Nguyễn Văn An');
  });

  it('keeps a signature string with control characters out (bytes never decrypted)', async () => {
    const pdf = await signedPdf({ pages: [['Trang một.']], time: 'D:2025\u0002\u0011\u0085x', location: '\u0002\u00a3\u0007', certificate: false });
    assert.deepEqual(pdfSignatures(pdf).map((s) => [s.time, s.organization]), [[null, null]]);
    assert.equal(isCleanText('Sở Thông tin và Truyền thông'), true);
    assert.equal(isCleanText('\u0002_£\u0002¦á0]='), false);
  });

  it('decodes PDFDocEncoding beyond latin1 (bullet, dashes, quotes, euro)', () => {
    assert.equal(pdfText('\x80 \x84 \x8dA\x8e \xa0'), '• — “A” €');
  });
});
