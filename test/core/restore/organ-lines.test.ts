import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { organLineSpots } from '../../../src/core/restore/organ-lines.js';
import { loadModel } from '../../../src/model/load.js';

/** A made-up header whose left column names a police department ("Phòng An …"), the motto beside it on the same OCR lines. */
const HEADER = ['CÔNG AN TỈNH AN BÌNH  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'PHÒNG AN CHÍNH TRỊ NỘI BỘ  Độc lập - Tự do - Hạnh phúc'].join('\n');

describe('organ lines of a header as evidence', () => {
  it('finds the organ columns read with marks, not the motto beside them, nor lines read without marks', () => {
    const spots = organLineSpots(HEADER);
    const at = (word: string, from = 0) => spots.get(HEADER.indexOf(word, from));
    assert.equal(at('PHÒNG'), undefined, 'read with marks: left to the channel');
    assert.equal(at('AN C'), 'an');
    assert.equal(at('CỘNG'), undefined, 'the motto is no organ');
    assert.equal(organLineSpots('PHONG AN CHINH TRI NOI BO').size, 0, 'no marks read on the line: nothing to trust');
    assert.equal(organLineSpots('Phòng an ninh chính trị').size, 0, 'not in capitals');
    assert.equal(organLineSpots('KẾT QUẢ THỰC HIỆN NĂM 2023').size, 0, 'no organ word opens it');
  });

  it('keeps "AN" of an organ line as read where the language model would make it "ĂN" (phòng ăn, a dining room)', () => {
    const model = loadModel();
    for (const input of ['vie-ocr', 'ocr', 'clean'] as const) {
      const on = restore(HEADER, { model, input }).text, off = restore(HEADER, { model, input, organLines: false }).text;
      assert.ok(on.includes('PHÒNG AN CHÍNH TRỊ NỘI BỘ'), `${input}: ${on}`);
      // Without the evidence the language model reads "ăn" (so this test can fail); clean text trusts its marks more already.
      if (input !== 'clean') assert.ok(off.includes('PHÒNG ĂN'), `${input}: ${off}`);
    }
    // English-model OCR reads no marks on the line: it is restored as before.
    const bare = 'PHONG AN CHINH TRI NOI BO';
    assert.equal(restore(bare, { model, input: 'ocr' }).text, restore(bare, { model, input: 'ocr', organLines: false }).text);
  });
});
