import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_WRITERS, documentJson, type DocumentWriter } from '../../src/index.js';
import { sampleDocument } from './sample-document.js';

describe('DOCUMENT_WRITERS', () => {
  it('types each per-document writer as present, so the README example compiles under strict TypeScript', async () => {
    // `npm test`'s typecheck fails on this file when the writers are typed Partial (TS2722).
    const md: DocumentWriter = DOCUMENT_WRITERS.md;
    const result = await sampleDocument();
    const json = documentJson(result);
    const [file] = await md({ result: json.result, json: json.text, source: new Uint8Array() });
    assert.equal(file?.suffix, '.md');
    assert.ok(String(file?.data).length > 0);
  });

  it('has no writer for the batch workbook', () => {
    assert.equal(DOCUMENT_WRITERS.xlsx, undefined);
  });
});
