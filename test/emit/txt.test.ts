import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';
import { DOCUMENT_WRITERS } from '../../src/emit/document-writers.js';
import { documentTxt } from '../../src/emit/txt.js';
import { loadModel } from '../../src/model/load.js';
import { sampleDocument } from './sample-document.js';

const decode = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data));

describe('txt writer', () => {
  it('writes text.restored of the sample byte for byte', async () => {
    const result = await sampleDocument();
    assert.ok(result.text.restored, 'the sample is restored');
    const bytes = documentTxt(result);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(result.text.restored, 'utf8'));
    assert.ok(decode(bytes).includes('Kết quả tuyên truyền công tác cải cách hành chính năm 2023'));
    assert.notEqual(bytes[0], 0xef, 'no byte order mark');
  });

  it('keeps the form feeds between the pages of a paged text', async () => {
    const data = new TextEncoder().encode('BAO CAO\nKet qua cong tac nam 2023\n\fTrang thu hai cua bao cao\n');
    const result = await convert({ path: 'paged.txt', data }, { restore: { model: loadModel() } });
    assert.equal(result.pages.length, 2);
    assert.ok(result.text.restored);
    const text = decode(documentTxt(result));
    assert.equal(text, result.text.restored);
    assert.equal(text.split('\f').length, 2, 'one form feed between the two pages');
    assert.match(text, /Kết quả/);
  });

  it('writes text.original when restoration did not run', async () => {
    const result = await sampleDocument({ restore: false });
    assert.equal(result.text.restored, null);
    assert.equal(decode(documentTxt(result)), result.text.original);
  });

  it('is the writer the batch runs for --format txt, one file named .txt', async () => {
    const result = await convert({ path: 'a.txt', data: new TextEncoder().encode('Dong mot\n\nDong hai\n') }, { restore: false });
    const files = await DOCUMENT_WRITERS.txt!({ result, json: '', source: new Uint8Array() });
    assert.deepEqual(files.map((f) => f.suffix), ['.txt']);
    assert.equal(decode(files[0]!.data), result.text.original);
  });
});
