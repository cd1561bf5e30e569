import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { ConfidenceCalibration, FEATURES } from '../../../src/core/restore/calibration.js';
import { restore } from '../../../src/core/restore/index.js';
import { lmMargin } from '../../../src/core/restore/word-evidence.js';
import { decodeSegment, type Slot, type SlotResult } from '../../../src/core/restore/decoder.js';
import type { NgramScorer } from '../../../src/core/restore/language-model.js';
import { BOS, EOS, FIRST_WORD_ID } from '../../../src/core/restore/lm-tokens.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
// A calibration that reads every feature, so evidence left over from another word would show.
const weights = { weights: FEATURES.map((_, k) => ((k % 3) - 1) / 4), bias: 0.5, reviewBelow: 0.5 };
const calibrated = { ...model, confidence: new ConfidenceCalibration({ format: 'baocao-confidence', features: [...FEATURES], modes: { stripped: weights, ocr: weights } }) };

describe('word evidence kept as columns over the emitted words', () => {
  it('gives every decoded word the same confidence with or without its evidence object', () => {
    const text = 'Ket qua thuc hien cong tac cai cach hanh chinh. Ket qua cua xa Ngoc Ky, ket qua tot.';
    for (const input of ['stripped', 'ocr'] as const) {
      const bare = restore(text, { model: calibrated, input }), kept = restore(text, { model: calibrated, input, evidence: true });
      assert.ok(bare.tokens.some((t) => t.confidence !== t.decoderConfidence), 'the calibration is applied');
      assert.deepEqual(bare.tokens.map((t) => t.confidence), kept.tokens.map((t) => t.confidence));
      for (const t of kept.tokens) assert.ok(t.evidence, `${t.original} has evidence`);
    }
  });

  it('counts the document\'s other readings of the same token, case aside', () => {
    const r = restore('Ket qua tot. ket qua xau. KET QUA', { model, input: 'stripped', evidence: true });
    const ket = r.tokens.filter((t) => t.original.toLowerCase() === 'ket');
    assert.equal(ket.length, 3);
    for (const t of ket) assert.equal(t.evidence!.docRepeats, 2);
    const agreeing = ket.filter((t) => t.restored.toLowerCase() === ket[0]!.restored.toLowerCase()).length;
    for (const t of ket) if (t.restored.toLowerCase() === ket[0]!.restored.toLowerCase()) assert.equal(t.evidence!.docAgree, (agreeing - 1) / 2);
  });

  it('gives words no decoder chose (acronyms) rule evidence and a decoder confidence too', () => {
    const r = restore('Quyet dinh cua xa, so 12/QD-UBND', { model, input: 'stripped', evidence: true });
    const acronym = r.tokens.find((t) => t.original === 'QD')!;
    assert.equal(acronym.evidence!.rule, true);
    assert.equal(acronym.decoderConfidence, 1);
    for (const t of r.tokens) assert.equal(typeof t.decoderConfidence, 'number');
  });

  it('builds rule words\' and decoded words\' evidence as objects of one shape (one V8 map for the calibration to read)', () => {
    // V8's own test of two objects' hidden classes; the flag must be set before the function is parsed.
    setFlagsFromString('--allow-natives-syntax');
    const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    const r = restore('Quyet dinh cua xa, so 12/QD-UBND', { model, input: 'stripped', evidence: true });
    const rule = r.tokens.find((t) => t.original === 'QD')!.evidence!, word = r.tokens.find((t) => t.original === 'Quyet')!.evidence!;
    assert.equal(rule.rule, true);
    assert.equal(word.rule, false);
    assert.deepEqual(Object.keys(rule), Object.keys(word));
    assert.equal(sameMap(rule, word), true);
  });
});

describe('LM margin of a word (lmMargin)', () => {
  /** The definition: the three trigrams around each reading (lm.trigram), the choice's sum minus the best alternative's, capped at ±15. */
  function byDefinition(lm: NgramScorer, lattice: readonly Slot[], results: readonly SlotResult[], j: number): number {
    const r = results[j]!;
    if (r.ranked.length < 2) return 15;
    const at = (k: number) => (k < 0 ? BOS : k >= lattice.length ? EOS : lattice[k]!.ids[results[k]!.choice]!);
    const u = at(j - 2), v = at(j - 1), x = at(j + 1), y = at(j + 2), last = j + 1 >= lattice.length;
    const window = (c: number) => lm.trigram(u, v, c) + lm.trigram(v, c, x) + (last ? 0 : lm.trigram(c, x, y));
    const ids = lattice[j]!.ids;
    let best = -Infinity;
    for (let n = 1; n < r.ranked.length; n++) best = Math.max(best, window(ids[r.ranked[n]!]!));
    return Math.max(-15, Math.min(15, window(ids[r.choice]!) - best));
  }

  it('is the same double as the three lm.trigram sums per reading, on every slot of random lattices', () => {
    const words = model.vocab.length - FIRST_WORD_ID;
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let compared = 0;
    for (let round = 0; round < 300; round++) {
      const slots: Slot[] = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
        const n = 1 + Math.floor(random() * 10);
        const ids = Array.from({ length: n }, () => FIRST_WORD_ID + Math.floor(random() * words));
        return { ids, chan: ids.map(() => -random() * 4) };
      });
      const results = decodeSegment(model.lm, slots, 1);
      for (let j = 0; j < slots.length; j++) {
        const want = byDefinition(model.lm, slots, results, j);
        assert.ok(Object.is(lmMargin(model.lm, slots, results, j), want), `round ${round}, slot ${j}`);
        if (results[j]!.ranked.length >= 2) compared++;
      }
    }
    assert.ok(compared > 500, `${compared} slots with alternatives`);
  });
});
