import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModelFile, encodeModelFile } from '../../../src/core/restore/model-format.js';
import { BOS, FIRST_WORD_ID } from '../../../src/core/restore/lm-tokens.js';
import { modelFromBytes } from '../../../src/core/restore/index.js';
import { tinyModel } from './tiny-model.js';

describe('model file format', () => {
  it('round-trips header and typed arrays', () => {
    const bytes = encodeModelFile({ a: 1 }, { x: new Float32Array([1.5, -2]), y: new Uint16Array([7, 8, 9]), z: new Uint8Array([3]) });
    const { header, sections } = decodeModelFile(bytes);
    assert.equal(header.a, 1);
    assert.deepEqual([...sections.x!], [1.5, -2]);
    assert.deepEqual([...sections.y!], [7, 8, 9]);
    assert.deepEqual([...sections.z!], [3]);
  });

  it('rejects a foreign file with an error, not a crash later', () => {
    assert.throws(() => modelFromBytes(new TextEncoder().encode('hello world, not a model')), /bad magic/);
  });
});

describe('trigram language model', () => {
  it('gives a proper distribution over the vocabulary after a seen and an unseen context', () => {
    const m = tinyModel();
    const id = (w: string) => m.vocabIndex.get(w)!;
    for (const [u, v] of [[id('kết'), id('quả')], [id('bàn'), id('cá')], [BOS, id('báo')]] as const) {
      let sum = 0;
      for (let w = 0; w < m.vocab.length; w++) if (w !== BOS) sum += Math.exp(m.lm.trigram(u, v, w));
      assert.ok(Math.abs(sum - 1) < 0.08, `sum ${sum}`);
    }
  });

  it('prefers the seen continuation', () => {
    const m = tinyModel();
    const id = (w: string) => m.vocabIndex.get(w)!;
    assert.ok(m.lm.trigram(id('kết'), id('quả'), id('thực')) > m.lm.trigram(id('kết'), id('quả'), id('cá')));
  });

  it('indexes syllables by their mark-free skeleton, most frequent first', () => {
    const m = tinyModel();
    const forms = (m.skeletonIndex.get('ban') ?? []).map((i) => m.vocab[i]);
    assert.ok(forms.includes('bàn') && forms.includes('bán') && forms.includes('ban'));
    assert.ok(Math.min(...(m.skeletonIndex.get('ban') ?? [])) >= FIRST_WORD_ID);
  });
});

describe('OCR channel', () => {
  it('proposes syllables for digit and symbol confusions with a cost', () => {
    const m = tinyModel();
    const top = (ocr: string) => m.channel.candidates(ocr).map((c) => m.vocab[c.id]);
    assert.ok(top('x4').includes('xã'));
    assert.ok(top('ctia').includes('của'));
    assert.ok(top('dugc').includes('được'));
  });

  it('scores a faithful reading above a far-fetched one', () => {
    const m = tinyModel();
    assert.ok(m.channel.score('xã', 'x4') > m.channel.score('xã', 'qqq'));
    assert.ok(m.channel.score('công', 'cong') > m.channel.score('của', 'cong'));
  });
});
