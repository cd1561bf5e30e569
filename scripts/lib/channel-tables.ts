/**
 * Channel counts → smoothed log-probability tables stored in the model header, with the small,
 * documented correction for simscan's known biases against real English-model OCR (ocr-pairs
 * README): ă→i (README: about 50 %; 30 % used, as ư→i is common too), ã→4 about 25 %, 70 % of
 * ư→w mass moved to ư→u; and ư→ur, ư→ir at least 5 % each (seen in the real sample, rare in
 * simscan output); ô (every tone) → é at least 15 %: the fast English model users meet (Debian's
 * tessdata_fast) reads ô as é in 32 % of corpus renders (session 18), the best_int model that made
 * ocr-pairs/eng in 3 % (docs/eng-real-s21.md).
 */
import { stripMarks, splitTone } from '../../src/core/vi-text/index.js';
import type { ChannelTables } from '../../src/core/restore/channel.js';
import type { ChannelCounts } from './learn-channel.js';

const PRIOR_WEIGHT = 2; // pseudo-count for "letter read as its mark-free self"
const MIN_P = 2e-4;

function realOcrCorrection(g: string, probs: Map<string, number>): void {
  const base = splitTone(g).base;
  const setShare = (o: string, share: number) => {
    const cur = probs.get(o) ?? 0;
    if (cur >= share) return;
    const scale = (1 - share) / (1 - cur);
    for (const [k, v] of probs) probs.set(k, v * scale);
    probs.set(o, share);
  };
  if (base === 'ă') setShare('i', 0.3);
  if (g === 'ã') setShare('4', 0.25);
  if (base === 'ư') {
    const w = probs.get('w') ?? 0;
    probs.set('w', w * 0.3);
    probs.set('u', (probs.get('u') ?? 0) + w * 0.7);
    // Real English-model OCR also splits ư into two letters ("churc" chức, "tur" tử, "cir" cứ),
    // which simscan's single font rarely does.
    setShare('ur', 0.05);
    setShare('ir', 0.05);
  }
  // The fast model's é for ô ("nép" nộp, "hé" hồ, "déng" động); the renders show it for plain ô
  // mostly, the real pages for every tone of it.
  if (base === 'ô') setShare('é', 0.15);
}

export function channelTables(c: ChannelCounts, correctForRealOcr: boolean): ChannelTables {
  const emit: ChannelTables['emit'] = {};
  for (const g of [...c.emit.keys()].sort()) {
    const counts = c.emit.get(g)!;
    let total = 0;
    for (const v of counts.values()) total += v;
    const self = stripMarks(g).toLowerCase();
    const probs = new Map<string, number>();
    const seen = c.emitSeen.get(g);
    for (const [o, n] of counts) if ((seen?.get(o) ?? n) >= 2 || o === self) probs.set(o, n / (total + PRIOR_WEIGHT));
    probs.set(self, (probs.get(self) ?? 0) + PRIOR_WEIGHT / (total + PRIOR_WEIGHT));
    if (correctForRealOcr) realOcrCorrection(g, probs);
    emit[g] = [...probs]
      .filter(([, p]) => p >= MIN_P)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([o, p]) => [o, +Math.log(p).toFixed(3)]);
  }
  const pairs: ChannelTables['pairs'] = {};
  for (const o of [...c.pairs.keys()].sort()) {
    const list: [string, number][] = [];
    const seen = c.pairsSeen.get(o);
    for (const [g, n] of c.pairs.get(o)!) {
      if ((seen?.get(g) ?? n) < 2) continue;
      list.push([g, +Math.log(n / (c.gtTokens.get(g)! + 1)).toFixed(3)]);
    }
    if (list.length) pairs[o] = list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }
  let maxEmit = 1;
  for (const list of Object.values(emit)) for (const [o] of list) maxEmit = Math.max(maxEmit, o.length);
  return { emit, pairs, unseen: Math.log(MIN_P / 4), maxEmit: Math.min(maxEmit, 3) };
}
