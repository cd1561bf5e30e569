import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { nativeTesseractStatus } from '../../src/ingest/ocr/engine.js';
import { createNativeOcrPool, nativeArgs } from '../../src/ingest/ocr/native-pool.js';
import { createOcrPool, jobParameters, type OcrPool } from '../../src/ingest/ocr/pool.js';
import { symbolsFromHocr, type OcrPageResult } from '../../src/ingest/ocr/result.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));
const native = nativeTesseractStatus();
const skipNative = native.available ? false : `native tesseract cannot run here: ${native.reason}`;

/** Every character box lies inside one word box of the page, in reading order, and spells the words. */
function assertSymbolsOfWords(r: OcrPageResult): void {
  const symbols = r.symbols ?? [];
  assert.ok(symbols.length > 10, `${symbols.length} symbols`);
  assert.equal(symbols.map((s) => s.text).join(''), r.words.map((w) => w.text).join('').replace(/\s/g, ''));
  for (const s of symbols) {
    const [x0, y0, x1, y1] = s.bbox;
    assert.ok(x0 < x1 && y0 < y1, `box ${s.bbox}`);
    assert.ok(r.words.some((w) => x0 >= w.bbox[0] - 1 && x1 <= w.bbox[2] + 1 && y0 >= w.bbox[1] - 1 && y1 <= w.bbox[3] + 1), `"${s.text}" ${s.bbox} inside a word`);
  }
  // Reading order on one line: each character starts at or right of the previous one's start.
  for (let i = 1; i < symbols.length; i++) assert.ok(symbols[i]!.bbox[0] >= symbols[i - 1]!.bbox[0] - 2, `${symbols[i - 1]!.text} then ${symbols[i]!.text}`);
}

describe('character boxes per OCR job', () => {
  let wasm: OcrPool;
  let nativePool: OcrPool;
  before(() => { wasm = createOcrPool({ jobs: 1 }); nativePool = createNativeOcrPool({ jobs: 1 }); });
  after(async () => { await Promise.all([wasm.terminate(), nativePool.terminate()]); });

  it('tesseract.js gives each character its box, inside its word, only when asked', async () => {
    const plain = await wasm.recognize(fixture('line.png'), { psm: '7' });
    assert.equal(plain.symbols, undefined);
    const r = await wasm.recognize(fixture('line.png'), { psm: '7', symbols: true });
    assert.deepEqual(r.lines, plain.lines);
    assertSymbolsOfWords(r);
  });

  it('native tesseract gives the same characters from its hOCR, beside the same TSV words', { skip: skipNative }, async () => {
    const plain = await nativePool.recognize(fixture('line.png'), { psm: '7' });
    const r = await nativePool.recognize(fixture('line.png'), { psm: '7', symbols: true });
    assert.deepEqual(r.lines, plain.lines);
    assertSymbolsOfWords(r);
  });

  it('asks each engine for the job options as Tesseract parameters', () => {
    assert.deepEqual(jobParameters({ psm: '7' }), { tessedit_pageseg_mode: '7' });
    assert.deepEqual(jobParameters(undefined), {});
    const args = nativeArgs('7', undefined, { symbols: true }).join(' ');
    assert.match(args, /tessedit_create_hocr=1 -c hocr_char_boxes=1/);
    assert.doesNotMatch(nativeArgs('3').join(' '), /hocr/);
  });

  it('reads hOCR character spans with their entities and skips blank ones', () => {
    const hocr = "<span class='ocrx_cinfo' title='x_bboxes 1 2 3 4; x_conf 99.5'>&amp;</span>\n<span class='ocrx_cinfo' title='x_bboxes 5 2 9 4; x_conf 12.9'>à</span><span class='ocrx_cinfo' title='x_bboxes 9 2 9 4; x_conf 50'> </span>";
    assert.deepEqual(symbolsFromHocr(hocr), [{ text: '&', confidence: 99, bbox: [1, 2, 3, 4] }, { text: 'à', confidence: 12, bbox: [5, 2, 9, 4] }]);
  });
});
