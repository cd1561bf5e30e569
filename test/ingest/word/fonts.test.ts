import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { legacyEncodingOfFont, readRun, readUnnamedLegacy } from '../../../src/ingest/word/fonts.js';

describe('legacy Vietnamese fonts in Word files', () => {
  it('knows TCVN3 fonts by their ".Vn" names and VNI fonts by "VNI-"', () => {
    assert.equal(legacyEncodingOfFont('.VnTime'), 'tcvn3');
    assert.equal(legacyEncodingOfFont('.VnArialH'), 'tcvn3');
    assert.equal(legacyEncodingOfFont('VNI-Times'), 'vni');
    assert.equal(legacyEncodingOfFont('Times New Roman'), null);
    assert.equal(legacyEncodingOfFont(null), null);
  });

  it('decodes a run through its font: VNI, and TCVN3 capitals-only fonts upper-cased', () => {
    assert.deepEqual(readRun('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'VNI-Times'), { text: 'Cộng hòa xã hội chủ nghĩa Việt Nam', encoding: 'vni' });
    assert.deepEqual(readRun('céng hoµ x· héi chñ nghÜa viÖt nam', '.VnTimeH'), { text: 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', encoding: 'tcvn3' });
  });

  it('leaves Unicode text that kept its old font name as it is', () => {
    assert.deepEqual(readRun('Cộng hoà', '.VnTime'), { text: 'Cộng hoà', encoding: null });
  });

  it('decodes an unnamed-font paragraph only when it reads as Vietnamese throughout', () => {
    assert.equal(readUnnamedLegacy('B¸o c¸o kÕt qu¶ c«ng t¸c n¨m 2024').text, 'Báo cáo kết quả công tác năm 2024');
    const english = '“Immunotoxicity—the risk is real,” Toxicological Sciences · View at Publisher';
    assert.deepEqual(readUnnamedLegacy(english), { text: english, encoding: null });
  });
});
