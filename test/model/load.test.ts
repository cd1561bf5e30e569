import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../src/model/load.js';
import { restore } from '../../src/model/restore.js';

describe('committed model', () => {
  it('loads once and is reused', () => {
    assert.equal(loadModel(), loadModel());
  });

  it('restores a plain administrative sentence', () => {
    const r = restore('Uy ban nhan dan xa bao cao ket qua thuc hien cong tac cai cach hanh chinh nam 2023.', { input: 'stripped' });
    assert.equal(r.text, 'Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023.');
  });

  it('restores English-model OCR damage', () => {
    const r = restore('Can cir Ké hoach s6 72/KH-UBND ctia UBND x4 vé cai cach hanh chinh', { input: 'ocr' });
    assert.equal(r.text, 'Căn cứ Kế hoạch số 72/KH-UBND của UBND xã về cải cách hành chính');
  });
});
