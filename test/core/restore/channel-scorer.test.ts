import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelEmissions } from '../../../src/core/restore/channel-emissions.js';
import { EmissionMemo } from '../../../src/core/restore/emission-memo.js';
import { IdScores, TopJoints } from '../../../src/core/restore/candidate-ranking.js';
import { LetterCodes, TokenEmissions, type CapitalDMode } from '../../../src/core/restore/channel-scorer.js';
import type { ChannelTables } from '../../../src/core/restore/channel.js';

const L = Math.log;
const TABLES: ChannelTables = {
  emit: {
    'ư': [['w', L(0.4)], ['u', L(0.3)], ['ir', L(0.1)], ['', L(0.01)]],
    'ủ': [['u', L(0.6)], ['ii', L(0.2)]],
    'ũ': [['ii', L(0.3)]],
    'ệ': [['é', L(0.5)], ['¢', L(0.2)]],
    'đ': [['d', L(0.9)]],
    'Đ': [['D', L(0.5)], ['P', L(0.3)]],
    'a': [['a', L(0.9)], ['4', L(0.05)], ['', L(0.01)]],
    'c': [['c', L(0.95)]],
    'n': [['n', L(0.95)], ['', L(0.02)]],
    'h': [['h', L(0.95)]],
  },
  pairs: {},
  unseen: L(0.0005),
  maxEmit: 3,
};

/** The alignment as first written: letters and substrings as strings, one column array per letter. */
function reference(em: ChannelEmissions, gt: string, ocr: string, capitalD: CapitalDMode, lenient: boolean): number {
  const g = [...gt];
  if (capitalD !== 0) for (let k = 0; k < g.length; k++) if (g[k] === 'đ' && (capitalD === 2 || k === 0)) g[k] = 'Đ';
  let prev = new Float64Array(ocr.length + 1).fill(-Infinity);
  prev[0] = 0;
  for (const ch of g) {
    const cur = new Float64Array(ocr.length + 1).fill(-Infinity);
    for (let j = 0; j <= ocr.length; j++) {
      if (prev[j] === -Infinity) continue;
      for (let k = 0; k <= TABLES.maxEmit && j + k <= ocr.length; k++) {
        const lp = prev[j]! + em.logP(ch, ocr.slice(j, j + k), lenient);
        if (lp > cur[j + k]!) cur[j + k] = lp;
      }
    }
    prev = cur;
  }
  return prev[ocr.length]!;
}

const VOCAB = ['<s>', 'cư', 'của', 'đủ', 'nhện', 'đành', 'cha', 'ưa', 'đđ', 'hũ'];
const TOKENS = ['cw', 'cua', 'ciia', 'du', 'Pu', 'nhén', 'nh¢n', 'dnh', 'dinh', 'ch4', 'wa', 'dd', 'hii', 'x', '', 'c1ia', 'nh¢¢n'];

describe('channel alignment through token emission tables', () => {
  const em = new ChannelEmissions(TABLES);
  const letters = new LetterCodes(VOCAB);

  it('scores every form exactly as the letter-by-letter alignment does, strict and lenient, for each capital-Đ pattern, with emissions shared by the tokens', () => {
    for (const lenient of [false, true]) {
      // One memo for all tokens, as the channel keeps it: a piece's emissions outlive the token.
      const memo = new EmissionMemo((g, o) => em.logP(g, o, lenient));
      for (const ocr of TOKENS) {
        const table = new TokenEmissions(ocr, TABLES.maxEmit, letters, memo);
        for (const cap of [0, 1, 2] as CapitalDMode[]) {
          for (let id = 1; id < VOCAB.length; id++) {
            assert.ok(Object.is(table.scoreId(id, cap), reference(em, VOCAB[id]!, ocr, cap, lenient)), `${VOCAB[id]} ← ${ocr} (${lenient}, ${cap})`);
          }
        }
      }
    }
  });

  it('scores strings outside the vocabulary too', () => {
    const table = new TokenEmissions('cwa', TABLES.maxEmit, letters, new EmissionMemo((g, o) => em.logP(g, o, false)));
    const codes = letters.encode('cưa');
    assert.ok(Object.is(table.score(codes, 0, codes.length, 0), reference(em, 'cưa', 'cwa', 0, false)));
  });

  it('never proves a form below its own score, on the listed tokens and random ones', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = [...'cuawinhédP4¢€1 '];
    const random = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rand() * 7) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
    for (const ocr of [...TOKENS, ...random]) {
      const table = new TokenEmissions(ocr, TABLES.maxEmit, letters, new EmissionMemo((g, o) => em.logP(g, o, true)));
      for (let id = 1; id < VOCAB.length; id++) for (const cap of [0, 1, 2] as CapitalDMode[]) {
        const score = table.scoreId(id, cap);
        assert.ok(table.mayReach(id, cap, score), `${VOCAB[id]} ← ${ocr}`);
        if (score > -Infinity) assert.ok(table.mayReach(id, cap, score - 1e-6), `${VOCAB[id]} ← ${ocr}`);
      }
    }
  });

  it('proves a form below when its letters cannot read the whole token, though each reads part of it well', () => {
    // Two letters read at most six characters of seven; each letter's best reading alone costs little.
    const table = new TokenEmissions('aaaaaaa', TABLES.maxEmit, letters, new EmissionMemo((g, o) => em.logP(g, o, true)));
    const ua = VOCAB.indexOf('ưa');
    assert.equal(table.scoreId(ua, 0), -Infinity);
    assert.ok(em.logP('ư', 'a', true) + em.logP('a', 'a', true) > -10);
    assert.equal(table.mayReach(ua, 0, -50), false);
    // Length, not position: 'cha' read from 'ca' must lose its h, so it is not worth what its letters' best readings add up to.
    const ca = new TokenEmissions('ca', TABLES.maxEmit, letters, new EmissionMemo((g, o) => em.logP(g, o, true)));
    const cha = VOCAB.indexOf('cha'), score = ca.scoreId(cha, 0);
    assert.ok(ca.mayReach(cha, 0, score) && !ca.mayReach(cha, 0, score + 0.5));
  });

  it('lets a symbol beside a marked vowel cost half an unseen edit in lenient mode only', () => {
    assert.equal(em.logP('ệ', '¢', false), L(0.2));
    assert.equal(em.logP('ệ', '€', false), TABLES.unseen);
    assert.equal(em.logP('ệ', '€', true), TABLES.unseen / 2);
    // A marked vowel read as characters only a sibling mark was seen as: the sibling's, discounted.
    assert.equal(em.logP('ữ', 'ii', false), L(0.3) - 3);
  });
});

describe('candidate ranking', () => {
  /** The full sort the ranking replaced: all finite scores by joint score, ties by id. */
  function fullSort(scores: Map<number, number>, prior: (id: number) => number, within: number, limit: number, extra: number[], extraLimit: number) {
    const sorted = [...scores].filter(([, lp]) => lp > -Infinity).sort((a, b) => b[1] + prior(b[0]) - (a[1] + prior(a[0])) || a[0] - b[0]);
    const head = sorted.length ? sorted[0]![1] + prior(sorted[0]![0]) : 0;
    const kept = sorted.filter(([id, lp]) => lp + prior(id) >= head - within);
    const out = kept.slice(0, limit).map(([id, logP]) => ({ id, logP }));
    for (const [id, logP] of kept.slice(limit)) if (out.length < extraLimit && extra.includes(id)) out.push({ id, logP });
    return out;
  }

  it('keeps the same head, ties and extras as sorting everything', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const board = new IdScores(500);
    for (let round = 0; round < 200; round++) {
      board.clear();
      const scores = new Map<number, number>();
      const priors = Array.from({ length: 500 }, () => -Math.round(rand() * 8));
      const prior = (id: number) => priors[id]!;
      const n = Math.floor(rand() * 120);
      for (let k = 0; k < n; k++) {
        const id = Math.floor(rand() * 500);
        const lp = rand() < 0.1 ? -Infinity : -Math.round(rand() * 20) / 2; // many ties
        board.set(id, lp);
        scores.set(id, lp);
      }
      const extra = Array.from({ length: 6 }, () => Math.floor(rand() * 500));
      const within = 4 + Math.floor(rand() * 10), limit = 1 + Math.floor(rand() * 16);
      assert.deepEqual(board.select(prior, within, limit, extra, limit + 4), fullSort(scores, prior, within, limit, extra, limit + 4), `round ${round}`);
    }
  });

  it('tracks the best joint scores, one per id, as scores rise', () => {
    const top = new TopJoints(2);
    assert.equal(top.floor(), -Infinity);
    top.update(1, -5);
    top.update(2, -7);
    assert.equal(top.floor(), -7);
    top.update(2, -3); // the same id rising does not count twice
    assert.equal(top.floor(), -5);
    top.update(3, -6);
    assert.equal(top.floor(), -5);
  });
});

describe('best joint scores kept in typed arrays', () => {
  /** The list as first written: plain arrays, spliced. */
  class Reference {
    ids: number[] = [];
    joints: number[] = [];
    constructor(readonly limit: number) {}
    floor(): number { return this.joints.length < this.limit ? -Infinity : this.joints[this.limit - 1]!; }
    update(id: number, joint: number): void {
      let at = this.ids.indexOf(id);
      if (at >= 0) { this.ids.splice(at, 1); this.joints.splice(at, 1); } else if (this.joints.length === this.limit && !(joint > this.joints[this.limit - 1]!)) return;
      at = this.joints.length;
      while (at > 0 && this.joints[at - 1]! < joint) at--;
      this.ids.splice(at, 0, id);
      this.joints.splice(at, 0, joint);
      if (this.ids.length > this.limit) { this.ids.pop(); this.joints.pop(); }
    }
  }

  it('gives the same floor as the spliced list through rises, ties and overflow', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const limit of [1, 3, 16]) {
      const top = new TopJoints(limit), ref = new Reference(limit);
      const best = new Map<number, number>();
      for (let step = 0; step < 2000; step++) {
        const id = Math.floor(random() * 40);
        // An id's score only rises; scores are coarse so that ties happen.
        const joint = Math.max(best.get(id) ?? -Infinity, -Math.round(random() * 20) / 2);
        best.set(id, joint);
        top.update(id, joint);
        ref.update(id, joint);
        assert.equal(top.floor(), ref.floor(), `limit ${limit}, step ${step}`);
      }
    }
  });
});
