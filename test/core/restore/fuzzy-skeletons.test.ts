import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FUZZY_MAX, FuzzySkeletons, fuzzyKey } from '../../../src/core/restore/fuzzy-skeletons.js';


/** The search's definition, skeleton by skeleton: weighted edit distance (junk 0.5, letter 1), đ reads d. */
function distance(token: string, skeleton: string): number {
  const t = [...fuzzyKey(token)], s = [...skeleton], n = t.length;
  const junk = (ch: string) => !(ch >= 'a' && ch <= 'z');
  let prev = [0];
  for (let i = 1; i <= n; i++) prev.push(prev[i - 1]! + (junk(t[i - 1]!) ? 0.5 : 1));
  for (const letter of s) {
    const cur = [prev[0]! + 1];
    for (let i = 1; i <= n; i++) {
      const k = t[i - 1]!, same = k === letter || (letter === 'đ' && k === 'd');
      cur.push(Math.min(prev[i - 1]! + (same ? 0 : junk(k) ? 0.5 : 1), cur[i - 1]! + (junk(k) ? 0.5 : 1), prev[i]! + 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

function bruteNear(skeletons: string[], token: string): { skeleton: string; cost: number }[] {
  const n = [...fuzzyKey(token)].length;
  if (n === 0 || n > 9) return [];
  const found = skeletons.filter((s) => /^[a-zđ]+$/.test(s) && s.length >= Math.max(1, n - 3) && s.length <= n + 2)
    .map((skeleton) => ({ skeleton, cost: distance(token, skeleton) })).filter((x) => x.cost <= FUZZY_MAX);
  const best = Math.min(...found.map((x) => x.cost));
  return found.filter((x) => x.cost <= best + 1).sort((a, b) => a.cost - b.cost || (a.skeleton < b.skeleton ? -1 : 1));
}

describe('fuzzy skeleton search against the distance of every skeleton', () => {
  let seed = 18;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (chars: string, min: number, max: number) => {
    let s = '';
    const len = min + Math.floor(random() * (max - min + 1));
    for (let i = 0; i < len; i++) s += chars[Math.floor(random() * chars.length)];
    return s;
  };
  const skeletons = [...new Set(Array.from({ length: 400 }, () => pick('adhnoiuđçg', 1, 6)))];
  const fuzzy = new FuzzySkeletons(skeletons);

  it('finds the same skeletons at the same distances, nearest first', () => {
    for (let i = 0; i < 300; i++) {
      const token = pick('adhnoiuxé1¢€ﬁ', 1, 7);
      assert.deepEqual(fuzzy.near(token), bruteNear(skeletons, token), token);
    }
  });

  it('lists the same skeletons unordered, nearest distance first', () => {
    for (let i = 0; i < 100; i++) {
      const token = pick('adhnoi1¢', 1, 6);
      const near = fuzzy.near(token), unordered = fuzzy.nearUnordered(token);
      assert.deepEqual([...unordered].sort(), near.map((x) => x.skeleton).sort(), token);
      const cost = new Map(near.map((x) => [x.skeleton, x.cost]));
      for (let k = 1; k < unordered.length; k++) assert.ok(cost.get(unordered[k - 1]!)! <= cost.get(unordered[k]!)!, token);
    }
  });
});
