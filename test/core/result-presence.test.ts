import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hasStructure, isRestored, validateDocumentResult, type DocumentResult } from '../../src/core/schema.js';
import { loadModel } from '../../src/model/load.js';
import { convert } from '../../src/pipeline/index.js';

const sample = { path: 'sample.txt', data: new Uint8Array(readFileSync(new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url))) };
const STRUCTURE = ['meta', 'preamble', 'sections', 'closing', 'signature', 'recipients', 'recipientsInfo', 'annexes', 'figures', 'structureFrom'] as const;

describe('fields present exactly when their stage ran', () => {
  it('a restored, segmented document has review, restoreMode and every structure field', async () => {
    const r = await convert(sample, { restore: { model: loadModel() } });
    assert.ok(isRestored(r) && hasStructure(r));
    // Narrowed: no optional chaining needed on what the guards promise.
    if (isRestored(r)) assert.ok(Array.isArray(r.review) && r.text.restored.length > 0);
    if (hasStructure(r)) assert.equal(typeof r.meta.confidence, 'number');
    assert.ok(validateDocumentResult(r).ok);
  });

  it('without restoration or segmentation those fields are absent, and the guards say no', async () => {
    const r = await convert(sample, { restore: false, segment: false });
    assert.equal(isRestored(r), false);
    assert.equal(hasStructure(r), false);
    assert.deepEqual(['review', 'restoreMode', ...STRUCTURE].filter((k) => k in r), []);
    assert.ok(validateDocumentResult(r).ok);
  });

  it('refuses a result with only part of a stage\'s fields', async () => {
    const r = await convert(sample, { restore: { model: loadModel() } });
    const noReview: DocumentResult = { ...r, review: undefined };
    delete noReview.review;
    const check = validateDocumentResult(noReview);
    assert.ok(!check.ok && /text\.restored, review and restoreMode: all three or none/.test(check.message));
    const noMeta: DocumentResult = { ...r };
    delete noMeta.meta;
    const check2 = validateDocumentResult(noMeta);
    assert.ok(!check2.ok && /structure fields and structureFrom: all or none/.test(check2.message));
  });
});
