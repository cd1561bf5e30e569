import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slotPosteriors } from '../../../src/core/restore/posterior.js';
import { unsurePosteriors } from '../../../src/core/restore/unsure-posteriors.js';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import { MAX_CANDIDATES } from '../../../src/core/restore/arc-table.js';
import { restore } from '../../../src/core/restore/index.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const slotsOf = (text: string): Slot[] => text.split(' ').map((w) => {
  const ids = [...(model.skeletonIndex.get(w) ?? [])];
  return { ids, chan: ids.map(() => 0) };
});

describe('forward–backward posteriors', () => {
  it('gives each slot a distribution over its candidates that sums to 1', () => {
    const slots = slotsOf('ket qua thuc hien cong tac cai cach hanh chinh');
    const rows = slotPosteriors(model.lm, slots, 1);
    assert.equal(rows.length, slots.length);
    rows.forEach((row, j) => {
      assert.equal(row.length, slots[j]!.ids.length);
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      for (const p of row) assert.ok(p >= 0 && p <= 1);
    });
  });

  it('puts most of the mass on the reading the context supports, as Viterbi chooses', () => {
    const slots = slotsOf('ket qua thuc hien');
    const rows = slotPosteriors(model.lm, slots, 1);
    const best = decodeSegment(model.lm, slots, 1);
    rows.forEach((row, j) => assert.equal(row.indexOf(Math.max(...row)), best[j]!.choice));
  });

  it('sums again only where the decoder was unsure, and those rows match the full sum closely', () => {
    const slots = slotsOf('ban giao ket qua cho dang uy xa');
    const results = decodeSegment(model.lm, slots, 1);
    const full = slotPosteriors(model.lm, slots, 1);
    const windows = unsurePosteriors(model.lm, slots, results, 1, 0.999);
    windows.forEach((row, j) => {
      if (!row) { assert.ok(results[j]!.confidence >= 0.999 || slots[j]!.ids.length === 1); return; }
      assert.ok(Math.abs(row[results[j]!.choice]! - full[j]![results[j]!.choice]!) < 0.05);
    });
  });
});

describe('posteriors over windows of any size', () => {
  it('gives the same rows whatever was summed before (scratch buffers grown and reused)', () => {
    const short = slotsOf('ket qua thuc hien');
    const long = slotsOf(Array.from({ length: 60 }, () => 'ban giao ket qua cho dang uy xa').join(' '));
    const first = slotPosteriors(model.lm, short, 1);
    const big = slotPosteriors(model.lm, long, 1);
    assert.equal(big.length, long.length);
    big.forEach((row) => assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-9));
    assert.deepEqual(slotPosteriors(model.lm, short, 1), first);
    assert.deepEqual(slotPosteriors(model.lm, long, 1), big);
  });

  it('sums over the first MAX_CANDIDATES candidates of a longer list, as the decoder does', () => {
    const ids = [...model.skeletonIndex.values()].flat().slice(0, MAX_CANDIDATES + 6);
    assert.equal(ids.length, MAX_CANDIDATES + 6);
    const rows = slotPosteriors(model.lm, [{ ids, chan: ids.map((_, k) => -k / 10) }], 1);
    assert.equal(rows[0]!.length, MAX_CANDIDATES);
  });
});

describe('word confidence', () => {
  it('is lower for an ambiguous word than for one with a single reading', () => {
    // "ban" alone is bàn, bán, ban …; "cong tac" has one reading the model knows.
    const r = restore('Ong ay ban\ncong tac', { model, input: 'stripped' });
    const ban = r.tokens.find((t) => t.original === 'ban')!, tac = r.tokens.find((t) => t.original === 'tac')!;
    assert.ok(ban.confidence < tac.confidence, `${ban.confidence} < ${tac.confidence}`);
    assert.ok(ban.confidence < 0.95);
  });

  it('keeps the decoder\'s own confidence beside it, and the evidence when asked', () => {
    const r = restore('ket qua thuc hien', { model, input: 'stripped', evidence: true });
    for (const t of r.tokens) {
      assert.equal(typeof t.decoderConfidence, 'number');
      assert.ok(t.evidence && t.evidence.posterior >= 0 && t.evidence.posterior <= 1);
    }
    assert.equal(restore('ket qua', { model, input: 'stripped' }).tokens[0]!.evidence, undefined);
  });

  it('can be computed without the posterior pass (the decoder\'s confidence then stands)', () => {
    const r = restore('Ong ay ban', { model, input: 'stripped', posterior: false, evidence: true });
    for (const t of r.tokens) assert.equal(t.evidence!.posterior, t.evidence!.decoder);
  });
});
