import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelEmissions } from '../../../src/core/restore/channel-emissions.js';
import { FuzzySkeletons, fuzzyShape } from '../../../src/core/restore/fuzzy-skeletons.js';
import { beamSkeletons } from '../../../src/core/restore/skeleton-beam.js';
import type { ChannelTables } from '../../../src/core/restore/channel.js';

const L = Math.log;
const TABLES: ChannelTables = {
  emit: {
    'ư': [['w', L(0.4)], ['u', L(0.3)], ['ir', L(0.1)], ['', L(0.01)]],
    'ủ': [['u', L(0.6)], ['ii', L(0.2)]],
    'ệ': [['é', L(0.5)], ['¢', L(0.2)], ['e', L(0.2)]],
    'đ': [['d', L(0.9)]],
    'a': [['a', L(0.9)], ['4', L(0.05)], ['', L(0.01)]],
    'â': [['a', L(0.5)], ['4', L(0.05)]],
    'c': [['c', L(0.95)], ['e', L(0.01)]],
    'n': [['n', L(0.9)], ['ri', L(0.05)], ['', L(0.02)]],
    'h': [['h', L(0.95)], ['li', L(0.02)]],
    'i': [['i', L(0.8)], ['1', L(0.1)], ['l', L(0.1)]],
  },
  pairs: {},
  unseen: L(0.0005),
  maxEmit: 3,
};
const SKELETONS = ['cua', 'cu', 'nhe', 'nha', 'nhan', 'an', 'ai', 'chi', 'nhi', 'ca', 'cha', 'uc', 'đa', 'đe', 'in', 'hu'];

/** The beam as first written: a Map per position, pairs sorted whole (the order the rewrite must keep). */
function reference(em: ChannelEmissions, ocr: string, beam: number, prefixes: Set<string> | undefined): string[] {
  const { reverse, unseen, maxEmit } = em;
  const n = ocr.length;
  const layers: Map<string, number>[] = Array.from({ length: n + 1 }, () => new Map());
  layers[0]!.set('', 0);
  const step = (next: Map<string, number>, key: string, v: number) => {
    if (prefixes && !prefixes.has(key)) return;
    if (v > (next.get(key) ?? -Infinity)) next.set(key, v);
  };
  for (let j = 0; j <= n; j++) {
    let layer = layers[j]!;
    if (layer.size > beam) {
      layer = new Map([...layer].sort((a, b) => b[1] - a[1]).slice(0, beam));
      layers[j] = layer;
    }
    for (const [skel, lp] of layer) {
      for (let k = 1; k <= maxEmit && j + k <= n; k++) {
        const seq = ocr.slice(j, j + k);
        const rev = reverse.get(seq);
        const next = layers[j + k]!;
        if (rev) for (const [s, l] of rev) step(next, skel + s, lp + l);
        if (k === 1 && /[a-z]/.test(seq) && !rev?.has(seq)) step(next, skel + seq, lp + unseen);
      }
    }
  }
  return [...layers[n]!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, beam).map(([s]) => s);
}

function prefixSet(skeletons: readonly string[]): Set<string> {
  const out = new Set<string>(['']);
  for (const s of skeletons) for (let i = 1; i <= s.length; i++) out.add(s.slice(0, i));
  return out;
}

describe('skeleton beam of the OCR channel', () => {
  const em = new ChannelEmissions(TABLES);
  const trie = new FuzzySkeletons(SKELETONS);
  const prefixes = prefixSet(SKELETONS);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const alphabet = [...'cuanhie4wé¢1ldrx'];
  const tokens = ['cwa', 'nh¢', 'nhé', 'ciia', 'ria', 'dlia', '4n', 'xyz', '', 'eue', 'nliri'];
  for (let t = 0; t < 300; t++) tokens.push(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));

  it('gives the skeletons and order of the Map-based beam, with and without the real-prefix test, narrow beams included', () => {
    for (const ocr of tokens) {
      for (const beam of [2, 3, 48]) {
        assert.deepEqual(beamSkeletons(ocr, em, TABLES.maxEmit, TABLES.unseen, beam, trie), reference(em, ocr, beam, prefixes), `${ocr} real ${beam}`);
        assert.deepEqual(beamSkeletons(ocr, em, TABLES.maxEmit, TABLES.unseen, beam, undefined), reference(em, ocr, beam, undefined), `${ocr} any ${beam}`);
      }
    }
  });

  it('tells a real skeleton\'s prefix through the trie, as the set of all prefixes did', () => {
    for (const s of [...prefixes, 'cuan', 'x', 'nhb', 'đ', 'đaa']) assert.equal(trie.hasPrefix(s), prefixes.has(s), s);
  });

  it('shapes a token by code points: a letter kept, anything else one junk mark', () => {
    assert.equal(fuzzyShape('v¢€'), 'v\u0000\u0000');
    assert.equal(fuzzyShape('x\u{1F600}n'), 'x\u0000n');
    assert.equal(fuzzyShape('huy¢én'), 'huy\u0000en');
  });
});
