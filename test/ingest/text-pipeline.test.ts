import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind, runPipeline, STAGES } from '../../src/pipeline/index.js';

describe('pipeline', () => {
  it('runs ingest, normalise and restore in that order from one list', () => {
    assert.deepEqual(STAGES.map((s) => s.name).slice(0, 3), ['ingest', 'normalise', 'restore']);
  });

  it('detects the kind from magic bytes before the extension', () => {
    assert.equal(detectKind(new TextEncoder().encode('%PDF-1.7'), 'scan.txt'), 'pdf');
    assert.equal(detectKind(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10]), 'x'), 'image');
    assert.equal(detectKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 'x'), 'image');
    assert.equal(detectKind(new TextEncoder().encode('Báo cáo'), 'report.txt'), 'text');
    assert.equal(detectKind(new Uint8Array(), 'page.tif'), 'image');
  });

  it('normalises paragraph text (NFC, tabs and space runs) but keeps the original as decoded', async () => {
    const decomposed = 'Ba\u0301o ca\u0301o\tna\u0306m   2023';
    const doc = await runPipeline({ path: 'x.txt', data: new TextEncoder().encode(decomposed) }, { restore: false });
    assert.equal(doc.original, decomposed.normalize('NFC'));
    assert.equal(doc.paragraphs[0]!.text, 'Báo cáo năm 2023');
  });

  it('stops after a failed ingest with the one clear error', async () => {
    const doc = await runPipeline({ path: 'x.txt', data: new Uint8Array() }, { restore: {} });
    assert.deepEqual(doc.diagnostics.map((d) => d.ruleId), ['ingest/empty']);
  });
});
