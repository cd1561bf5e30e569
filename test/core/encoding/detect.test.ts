import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, detectEncoding } from '../../../src/core/encoding/index.js';
import { latin1, utf8 } from './helpers.js';

const SENTENCE = 'Báo cáo kết quả công tác cải cách hành chính năm 2023 của Đảng ủy xã Ngọc Kỳ';
const TCVN3 = 'B\xb8o c\xb8o k\xd5t qu\xb6 c\xabng t\xb8c c\xb6i c\xb8ch h\xb5nh ch\xddnh n\xa8m 2023 c\xf1a \xa7\xb6ng \xf1y x\xb7 Ng\xe4c K\xfa';
const VNI = 'Baùo caùo keát quaû coâng taùc caûi caùch haønh chính naêm 2023 cuûa Ñaûng uûy xaõ Ngoïc Kyø';
const VIQR = "Ba'o ca'o ke^'t qua? co^ng ta'c ca?i ca'ch ha`nh chi'nh na(m 2023 cu?a DDa?ng u?y xa~ Ngo.c Ky`";

describe('decodeText: Unicode inputs', () => {
  it('reads UTF-8 without a BOM', () => {
    const r = decodeText(utf8(SENTENCE));
    assert.equal(r.text, SENTENCE);
    assert.equal(r.encoding, 'utf-8');
    assert.deepEqual(r.diagnostics, []);
  });
  it('removes a UTF-8 BOM and notes it', () => {
    const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Kết quả\r\n')]));
    assert.equal(r.text, 'Kết quả\r\n');
    assert.equal(r.encoding, 'utf-8');
    assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['encoding/bom', 'info']]);
  });
  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('Việt Nam\r\n\f2', 'utf16le')]);
    const be = Buffer.from('Việt Nam', 'utf16le').swap16();
    assert.deepEqual([decodeText(le).text, decodeText(le).encoding], ['Việt Nam\r\n\f2', 'utf-16le']);
    const rb = decodeText(new Uint8Array([0xfe, 0xff, ...be]));
    assert.deepEqual([rb.text, rb.encoding], ['Việt Nam', 'utf-16be']);
  });
  it('recognises UTF-16 LE without a BOM from its zero bytes instead of calling it binary', () => {
    const r = decodeText(new Uint8Array(Buffer.from('Báo cáo năm 2023\r\n', 'utf16le')));
    assert.equal(r.encoding, 'utf-16le');
    assert.equal(r.text, 'Báo cáo năm 2023\r\n');
  });
  it('returns NFC text for decomposed UTF-8 input', () => {
    assert.equal(decodeText(utf8('Vie\u0302\u0323t')).text, 'Việt');
  });
  it('keeps CRLF, CR and form feeds exactly', () => {
    assert.equal(decodeText(utf8('a\r\nb\rc\f\nd')).text, 'a\r\nb\rc\f\nd');
  });
  it('leaves European UTF-8 text alone', () => {
    const s = 'Café crème brûlée, naïve façade, über résumé Ñandú';
    assert.deepEqual([decodeText(utf8(s)).text, decodeText(utf8(s)).encoding], [s, 'utf-8']);
  });
});

describe('decodeText: legacy detection', () => {
  it('detects TCVN3 bytes', () => {
    const r = decodeText(latin1(TCVN3 + '\r\n'));
    assert.equal(r.encoding, 'tcvn3');
    assert.equal(r.text, SENTENCE + '\r\n');
    assert.ok(r.confidence > 0.8);
  });
  it('detects VNI bytes', () => {
    const r = decodeText(latin1(VNI));
    assert.equal(r.encoding, 'vni');
    assert.equal(r.text, SENTENCE);
  });
  it('detects windows-1258 bytes', () => {
    // cp1258 writes tones as combining bytes: 0xEC acute, 0xCC grave, 0xD2 hook, 0xDE tilde, 0xF2 dot.
    const r = decodeText(latin1('Vi\xea\xf2t Nam, ng\xfd\xf5\xcci d\xe2n'));
    assert.equal(r.encoding, 'windows-1258');
    assert.equal(r.text, 'Việt Nam, người dân');
  });
  it('repairs TCVN3 and VNI mojibake inside valid UTF-8', () => {
    const t = decodeText(utf8(TCVN3));
    assert.deepEqual([t.encoding, t.text], ['tcvn3', SENTENCE]);
    assert.equal(t.diagnostics[0]?.ruleId, 'encoding/mojibake');
    const v = decodeText(utf8(VNI));
    assert.deepEqual([v.encoding, v.text], ['vni', SENTENCE]);
  });
  it('detects dense VIQR in ASCII text', () => {
    const r = decodeText(utf8(VIQR));
    assert.deepEqual([r.encoding, r.text], ['viqr', SENTENCE]);
  });
  it('does not read English with apostrophes and question marks as VIQR', () => {
    const s = "What's this? I'm sure it's fine. Go. Do you agree? Yes, we're done.\n";
    const r = decodeText(utf8(s));
    assert.deepEqual([r.encoding, r.text], ['utf-8', s]);
  });
  it('does not read stripped Vietnamese as VIQR', () => {
    const s = 'Ket qua tuyen truyen cong tac cai cach hanh chinh nam 2023. Cac xa da lam tot.';
    assert.deepEqual([decodeText(utf8(s)).encoding, decodeText(utf8(s)).text], ['utf-8', s]);
  });
  it('lets an explicit encoding override detection', () => {
    const r = decodeText(utf8(VIQR), { encoding: 'utf-8' });
    assert.deepEqual([r.encoding, r.text, r.confidence], ['utf-8', VIQR, 1]);
    assert.equal(decodeText(latin1(TCVN3), { encoding: 'vni' }).encoding, 'vni');
  });
  it('reports the detected encoding with a confidence', () => {
    assert.deepEqual(detectEncoding(latin1(VNI)).encoding, 'vni');
    assert.deepEqual(detectEncoding(utf8(SENTENCE)), { encoding: 'utf-8', confidence: 1 });
  });
});

describe('decodeText: bad input', () => {
  it('flags NUL bytes as binary without throwing', () => {
    const r = decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
    assert.equal(r.diagnostics[0]?.ruleId, 'encoding/binary');
    assert.equal(r.diagnostics[0]?.severity, 'error');
    assert.equal(typeof r.text, 'string');
  });
  it('names a Word document (a ZIP with word/ inside) and says what to do instead', () => {
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0, 0, 0, ...new TextEncoder().encode('word/document.xml'), 0, 0, 0, 0]);
    const r = decodeText(docx);
    assert.equal(r.diagnostics[0]?.ruleId, 'encoding/binary');
    assert.match(r.diagnostics[0]?.message ?? '', /a Word document \(\.docx\).*save it as PDF or as plain text/);
  });
  it('says to unpack a ZIP archive named as an input and convert its folder', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, ...new TextEncoder().encode('008.txt'), 0, 0, 0, 0]);
    const d = decodeText(zip).diagnostics[0];
    assert.equal(d?.ruleId, 'encoding/binary');
    assert.equal(d?.message, 'this is a ZIP archive, not a document: unpack it and convert the folder of its files');
  });
  it('flags a high share of control characters as binary', () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    assert.equal(decodeText(bytes).diagnostics[0]?.ruleId, 'encoding/binary');
  });
  it('reports invalid UTF-8 that is no legacy encoding, with its place, and replaces the bad bytes', () => {
    const r = decodeText(new Uint8Array([...utf8('dòng một\ndòng hai\f\n'), 0xc3, 0x28, ...utf8(' tiếp')]));
    assert.equal(r.encoding, 'utf-8');
    const d = r.diagnostics.find((x) => x.ruleId === 'encoding/invalid-utf8');
    assert.equal(d?.severity, 'error');
    assert.deepEqual(d?.place, { page: 2, line: 2 });
    assert.ok(r.text.includes('\ufffd'));
    assert.ok(r.text.startsWith('dòng một\ndòng hai\f\n'));
  });
  it('says to name the encoding when a file is neither UTF-8 nor a legacy encoding it knows', () => {
    const d = decodeText(new Uint8Array([...utf8('dòng một\ndòng hai\f\n'), 0xc3, 0x28, ...utf8(' tiếp')])).diagnostics.find((x) => x.ruleId === 'encoding/invalid-utf8');
    assert.match(d?.message ?? '', /not UTF-8 \(invalid at byte 23\).*name it with --encoding \(utf-8, .*viscii\)/);
  });
  it('handles empty input', () => {
    assert.deepEqual(decodeText(new Uint8Array(0)), { text: '', encoding: 'utf-8', confidence: 1, diagnostics: [] });
  });
  it('warns about an odd byte count in UTF-16', () => {
    const r = decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]));
    assert.equal(r.encoding, 'utf-16le');
    assert.equal(r.diagnostics[0]?.ruleId, 'encoding/odd-utf16');
  });
});
