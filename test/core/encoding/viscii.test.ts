import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, detectEncoding } from '../../../src/core/encoding/index.js';

/** Bytes as glibc's `iconv -t VISCII` writes these phrases (independent of baocao's table). */
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const MOTTO = hex('43b56e672068f2612078e32068b569206368fc206e6768ee61205669ae74204e616d');
const ISSUER = hex('9c592042414e204e48c24e2044c24e2058c3204e479a43204b9f');
const SLOGAN = hex('d0b563206ca770202d2054f120646f202d2048d56e68207068fa63');
const BODY = hex('42e16f2063e16f206baa74207175e4207468f163206869ae6e206e6869ae6d2076f8206ee56d20323032332063fc61209c792062616e206e68e26e2064e26e2078e33b20f0ab206e6768b82063a470207472ea6e2078656d2078e9742c2068b2207472fe206b696e68207068ed2e');
const BODY_TEXT = 'Báo cáo kết quả thực hiện nhiệm vụ năm 2023 của Ủy ban nhân dân xã; đề nghị cấp trên xem xét, hỗ trợ kinh phí.';
const CRLF = hex('0d0a');

function join(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('VISCII', () => {
  it('is read when asked with --encoding viscii, capitals on control codes included', () => {
    assert.equal(decodeText(MOTTO, { encoding: 'viscii' }).text, 'Cộng hòa xã hội chủ nghĩa Việt Nam');
    assert.equal(decodeText(ISSUER, { encoding: 'viscii' }).text, 'ỦY BAN NHÂN DÂN XÃ NGỌC KỲ');
    assert.equal(decodeText(hex('02050614191e'), { encoding: 'viscii' }).text, 'ẲẴẪỶỸỴ');
  });

  it('is detected in a report that is not UTF-8, keeping its line breaks', () => {
    const bytes = join(ISSUER, CRLF, MOTTO, CRLF, SLOGAN, CRLF, BODY, CRLF);
    const r = decodeText(bytes);
    assert.equal(r.encoding, 'viscii');
    assert.equal(r.text, ['ỦY BAN NHÂN DÂN XÃ NGỌC KỲ', 'Cộng hòa xã hội chủ nghĩa Việt Nam', 'Độc lập - Tự do - Hạnh phúc', BODY_TEXT, ''].join('\r\n'));
    assert.ok(!r.diagnostics.some((d) => d.severity === 'error'), 'no error: the file is read');
    assert.equal(detectEncoding(bytes).encoding, 'viscii');
  });
});
