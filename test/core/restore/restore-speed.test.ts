import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { candidatesFor, sharedCandidates, DEFAULT_TUNING } from '../../../src/core/restore/candidates.js';
import { decodeSegment, RANKED_ALTERNATIVES, type Slot, type SlotResult } from '../../../src/core/restore/decoder.js';
import type { TrigramLM } from '../../../src/core/restore/language-model.js';
import { decodeModelFile } from '../../../src/core/restore/model-format.js';
import { BOS, EOS, FIRST_WORD_ID } from '../../../src/core/restore/lm-tokens.js';
import { loadModel } from '../../../src/model/load.js';
import { tinyModel, tinyModelBytes } from './tiny-model.js';

describe('stripped input: forms proposed per skeleton', () => {
  const model = loadModel();
  const stripped = (text: string, maxSkeleton?: number) => restore(text, { model, input: 'stripped', ...(maxSkeleton ? { tuning: { maxSkeleton } } : {}) }).text;

  it('proposes known words beyond the 8 most frequent forms of their skeleton (nhiệt đới, đừng, dãy)', () => {
    assert.equal(stripped('vung khi hau nhiet doi gio mua'), 'vùng khí hậu nhiệt đới gió mùa');
    assert.equal(stripped('dung de nguoi dan phai cho doi'), 'đừng để người dân phải chờ đợi');
    assert.equal(stripped('mot day nha cap bon'), 'một dãy nhà cấp bốn');
  });

  it('with only 8 forms, as before, those words could not come up', () => {
    assert.equal(stripped('vung khi hau nhiet doi gio mua', 8), 'vùng khí hậu nhiệt đôi gió mùa');
  });
});

describe('candidate lists shared across documents', () => {
  it('are the lists a fresh build gives, per mode and tuning', () => {
    const model = tinyModel();
    const text = 'Ket qua thuc hien cong tac cai cach hanh chinh cua xa Ngoc Ky';
    for (const mode of ['stripped', 'ocr'] as const) {
      restore(text, { model, input: mode });
      const shared = sharedCandidates(model, mode, DEFAULT_TUNING);
      assert.ok(shared.size > 5);
      for (const [word, list] of shared) assert.deepEqual(list, candidatesFor(model, word, mode, DEFAULT_TUNING));
    }
  });

  it('are kept apart for another tuning', () => {
    const model = tinyModel();
    restore('cai ban', { model, input: 'stripped', tuning: { maxSkeleton: 1 } });
    const one = sharedCandidates(model, 'stripped', { ...DEFAULT_TUNING, maxSkeleton: 1 }).get('ban')!;
    assert.equal(one.ids.length, 1);
    assert.ok(candidatesFor(model, 'ban', 'stripped', DEFAULT_TUNING).ids.length > 1);
  });
});

/** The decoder as it was before the typed-array lattice: every state's trigram looked up. */
function plainDecode(lm: TrigramLM, slots: readonly Slot[], w: number): number[] {
  const S = [{ ids: [BOS], chan: [0] }, { ids: [BOS], chan: [0] }, ...slots, { ids: [EOS], chan: [0] }];
  let score = [0];
  const backs: number[][] = [[], [0]];
  for (let i = 2; i < S.length; i++) {
    const A = S[i - 2]!.ids, B = S[i - 1]!.ids, C = S[i]!.ids;
    const floor = Math.max(...score) - 7;
    const next = new Array<number>(B.length * C.length).fill(-Infinity), back = new Array<number>(B.length * C.length).fill(0);
    for (let b = 0; b < B.length; b++) {
      const active = A.map((_, a) => a).filter((a) => score[a * B.length + b]! >= floor);
      if (!active.length) continue;
      for (let c = 0; c < C.length; c++) {
        let top = -Infinity, arg = 0;
        for (const a of active) {
          const v = score[a * B.length + b]! + lm.trigramFromContext(lm.bigramIndex(A[a]!, B[b]!), C[c]!, lm.bigram(B[b]!, C[c]!));
          if (v > top) { top = v; arg = a; }
        }
        next[b * C.length + c] = top + w * S[i]!.chan[c]!;
        back[b * C.length + c] = arg;
      }
    }
    score = next;
    backs.push(back);
  }
  // Backtrack from the best final state (a in the last slot, </s>).
  const path = new Array<number>(S.length).fill(0);
  path[S.length - 2] = score.indexOf(Math.max(...score));
  for (let i = S.length - 1; i >= 2; i--) path[i - 2] = backs[i]![path[i - 1]! * S[i]!.ids.length + path[i]!]!;
  return path.slice(2, S.length - 1);
}

describe('decodeSegment on the typed-array lattice', () => {
  const model = tinyModel();
  const words = model.vocab.length - FIRST_WORD_ID;
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

  it('finds the same best path as looking up every trigram', () => {
    for (let round = 0; round < 200; round++) {
      const slots: Slot[] = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        const n = 1 + Math.floor(random() * 5);
        const ids = Array.from({ length: n }, () => FIRST_WORD_ID + Math.floor(random() * words));
        return { ids, chan: ids.map(() => -random() * 4) };
      });
      const got: SlotResult[] = decodeSegment(model.lm, slots, 1);
      const want = plainDecode(model.lm, slots, 1);
      assert.deepEqual(got.map((r) => r.choice), want, `round ${round}`);
      for (const r of got) {
        assert.equal(r.ranked[0], r.choice);
        assert.ok(r.ranked.length <= RANKED_ALTERNATIVES + 1 && r.confidence > 0 && r.confidence <= 1);
      }
    }
  });
});

describe('language model records repacked at load', () => {
  it('answer every stored bigram and trigram as the stored sections say', () => {
    const { sections } = decodeModelFile(tinyModelBytes());
    const lm = tinyModel().lm;
    const s = sections as Record<string, ArrayLike<number>>;
    for (let v = 0; v + 1 < s.biStart!.length; v++) {
      for (let i = s.biStart![v]!; i < s.biStart![v + 1]!; i++) {
        const w = s.biW![i]!;
        assert.equal(lm.bigramIndex(v, w), i);
        assert.equal(lm.bigram(v, w), s.qBiP![s.biP![i]!]);
        assert.equal(lm.backoff(i), s.qBiBow![s.biBow![i]!]);
        for (let t = s.triStart![i]!; t < s.triStart![i + 1]!; t++) assert.equal(lm.trigramFromContext(i, s.triW![t]!, 0), s.qTriP![s.triP![t]!]);
      }
    }
  });
});

describe('language model look-ups of absent bigrams', () => {
  it('finds no bigram the sections do not store, and backs off to the unigram for it', () => {
    const { sections } = decodeModelFile(tinyModelBytes());
    const lm = tinyModel().lm;
    const s = sections as Record<string, ArrayLike<number>>;
    const V = s.uniLogP!.length;
    let absent = 0;
    for (let v = 0; v < V; v++) {
      const stored = new Set<number>();
      for (let i = s.biStart![v]!; i < s.biStart![v + 1]!; i++) stored.add(s.biW![i]!);
      for (let w = 0; w < V; w++) {
        if (stored.has(w)) continue;
        absent++;
        assert.equal(lm.bigramIndex(v, w), -1);
        assert.equal(lm.lookupBigram(v, w), -1);
        assert.equal(lm.lastLogP, s.uniBow![v]! + s.uniLogP![w]!);
        assert.equal(lm.lastBackoff, 0);
        assert.equal(lm.bigram(v, w), s.uniBow![v]! + s.uniLogP![w]!);
        assert.equal(lm.trigramFromContext(-1, w, -3), -3);
      }
    }
    assert.ok(absent > 0);
  });
});
