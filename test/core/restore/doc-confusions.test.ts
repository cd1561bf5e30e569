import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDocumentConfusions, DocumentConfusions, DEFAULT_DOC_CONFUSIONS } from '../../../src/core/restore/doc-confusions.js';
import type { ChannelTables } from '../../../src/core/restore/channel-types.js';
import type { DecodedSegment } from '../../../src/core/restore/doc-cache.js';
import { tinyModel } from './tiny-model.js';

/** A channel that reads ô as o nearly always and as é rarely (as the learnt one does). */
const TABLES: ChannelTables = {
  emit: { ô: [['o', Math.log(0.95)], ['é', Math.log(0.03)]], ê: [['é', Math.log(0.95)], ['e', Math.log(0.05)]] },
  pairs: {}, unseen: -10, maxEmit: 3,
};
const t = DEFAULT_DOC_CONFUSIONS;

describe("the document's own OCR confusions", () => {
  it('raises a reading the document shows its OCR makes far more often than the channel expects', () => {
    const doc = new DocumentConfusions(TABLES);
    for (let i = 0; i < 10; i++) doc.observe('khéng', 'không');
    assert.ok(doc.logRatio('mén', 'môn', t) > 1);
    // The letters the channel expected for ô are now less likely than it said.
    assert.ok(doc.logRatio('mon', 'môn', t) < 0);
  });

  it('leaves the channel as learnt when the document agrees with it or shows nothing', () => {
    const doc = new DocumentConfusions(TABLES);
    assert.equal(doc.logRatio('mén', 'môn', t), 0);
    for (let i = 0; i < 20; i++) doc.observe('tién', 'tiên');
    assert.ok(Math.abs(doc.logRatio('mén', 'mên', t)) < 0.05);
  });

  it('caps one letter\'s change and ignores words whose letters do not align one to one', () => {
    const doc = new DocumentConfusions(TABLES);
    for (let i = 0; i < 1000; i++) doc.observe('khéng', 'không');
    doc.observe('khoong', 'không');
    assert.equal(doc.logRatio('mén', 'môn', { ...t, cap: 2 }), 2);
    assert.equal(doc.logRatio('méen', 'môn', t), 0);
  });

  it('decodes an unsure word again with the adapted channel, and does nothing when switched off', () => {
    const model = tinyModel();
    const id = (w: string) => model.vocabIndex.get(w)!;
    const make = (): (DecodedSegment & { texts: string[] })[] => [
      ...Array.from({ length: 6 }, () => ({
        slots: [{ ids: [id('công')], chan: [0] }], wordSlots: [0], keys: ['cong'], texts: ['céng'],
        results: [{ choice: 0, confidence: 1, ranked: [0] }],
      })),
      // One more "céng", unsure: the channel put another word first and công (é for ô) behind it.
      { slots: [{ ids: [id('tuyên'), id('công')], chan: [0, -1] }], wordSlots: [0], keys: ['cen'], texts: ['céng'],
        results: [{ choice: 0, confidence: 0.5, ranked: [0, 1] }] },
    ];
    const tables: ChannelTables = { ...TABLES, emit: { ...TABLES.emit, 'ô': [['o', Math.log(0.97)], ['é', Math.log(0.01)]] } };
    const segs = make();
    applyDocumentConfusions(model.lm, segs, 1, tables, model.vocab, t);
    const last = segs.at(-1)!;
    assert.equal(last.slots[0]!.ids[last.results[0]!.choice], id('công'));
    const off = make();
    applyDocumentConfusions(model.lm, off, 1, tables, model.vocab, { ...t, weight: 0 });
    assert.equal(off.at(-1)!.results[0]!.choice, 0);
  });
});
