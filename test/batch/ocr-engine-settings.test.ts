import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settingsFingerprint, type BatchSettings } from '../../src/batch/convert-file.js';

const base: BatchSettings = { outDir: '/out', formats: ['json', 'csv'], resume: true, restore: true };

describe('the OCR engine in the resume settings', () => {
  it('leaves earlier manifests valid for the default engine', () => {
    assert.equal(settingsFingerprint({ ...base, ocrEngine: 'wasm' }), settingsFingerprint(base));
  });

  it('converts again what another engine read', () => {
    const wasm = settingsFingerprint(base);
    assert.notEqual(settingsFingerprint({ ...base, ocrEngine: 'native' }), wasm);
    assert.notEqual(settingsFingerprint({ ...base, ocrEngine: 'auto' }), settingsFingerprint({ ...base, ocrEngine: 'native' }));
  });
});
