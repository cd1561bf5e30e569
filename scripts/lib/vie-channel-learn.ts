/**
 * Learns the Vietnamese-model OCR channel from line-aligned (ground truth, OCR) pairs
 * (../shared/ocr-pairs/vie): tokens aligned per line (alignTokens, as for the English channel),
 * then each syllable factored into its tone and its toneless base. Tone flips (tổ→tố) are counted
 * in a 6×6 tone table; mark flips (ô→o, ơ→ô, đ→d) and letter confusions (rn→m) in per-letter
 * emissions of the base (alignChars). Mark flips are also pooled over each mark family, because
 * 24k tokens see only a few of each pair.
 */
import { splitTone, stripMarks } from '../../src/core/vi-text/index.js';
import { VIE_CHANNEL_FORMAT, type VieChannelTables } from '../../src/core/restore/vie-channel.js';
import { alignChars, alignTokens, editDistance } from './learn-channel.js';

export interface VieChannelCounts {
  tone: number[][];
  /** gt base letter → ocr substring → count */
  emit: Map<string, Map<string, number>>;
  linePairs: number;
  tokenPairs: number;
  changedTokens: number;
  toneFlips: number;
  markFlips: number;
  letterConfusions: number;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Letters that differ only by a vowel mark or the bar of đ: their confusions are pooled. */
export const MARK_FAMILIES = ['aăâ', 'eê', 'oôơ', 'uư', 'dđ'];
const familyOf = (ch: string) => MARK_FAMILIES.find((f) => f.includes(ch));

function words(line: string): string[] {
  return line.split(/\s+/).map((w) => w.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '').toLowerCase()).filter((w) => /^\p{L}+$/u.test(w));
}

export function learnVieChannel(linePairs: [string, string][]): VieChannelCounts {
  const c: VieChannelCounts = {
    tone: Array.from({ length: 6 }, () => new Array<number>(6).fill(0)), emit: new Map(),
    linePairs: 0, tokenPairs: 0, changedTokens: 0, toneFlips: 0, markFlips: 0, letterConfusions: 0,
  };
  const cost = (g: string, o: string) => {
    const a = stripMarks(g), b = stripMarks(o);
    if (a === b) return g === o ? 0 : 0.1;
    return 0.3 + editDistance(a, b) / Math.max(a.length, b.length, 1);
  };
  for (const [gtLine, ocrLine] of linePairs) {
    const gt = words(gtLine.normalize('NFC')), ocr = words(ocrLine.normalize('NFC'));
    if (gt.length === 0) continue;
    c.linePairs++;
    for (const [gi, oi] of alignTokens(gt, ocr, cost)) {
      const g = gt[gi]!, o = ocr[oi]!;
      if (cost(g, o) > 0.8) continue; // not the same word: a misalignment, not a confusion
      c.tokenPairs++;
      const gs = splitTone(g), os = splitTone(o);
      c.tone[gs.tone]![os.tone]!++;
      if (g !== o) c.changedTokens++;
      if (gs.tone !== os.tone) c.toneFlips++;
      const em = alignChars(gs.base, os.base);
      [...gs.base].forEach((ch, k) => {
        let e = c.emit.get(ch);
        if (!e) c.emit.set(ch, (e = new Map()));
        const out = em[k]!;
        bump(e, out);
        if (out === ch) return;
        if (out.length === 1 && familyOf(ch) !== undefined && familyOf(ch) === familyOf(out)) c.markFlips++;
        else c.letterConfusions++;
      });
    }
  }
  return c;
}

/** Add-k smoothing constants: tone table, per-letter emissions, pooled mark-family floor. */
const TONE_K = 0.5;
const SELF_PRIOR = 20;
const MIN_COUNT = 2;
const lp = (p: number) => +Math.log(p).toFixed(3);

export function vieChannelTables(c: VieChannelCounts, source: Record<string, unknown>): VieChannelTables {
  const tone = c.tone.map((row) => {
    const total = row.reduce((s, n) => s + n, 0) + TONE_K * 6;
    return row.map((n) => lp((n + TONE_K) / total));
  });
  // Pooled mark-flip rate: P(a letter comes out as another member of its family).
  let familyTotal = 0, familyFlips = 0;
  for (const [g, m] of c.emit) {
    const fam = familyOf(g);
    if (!fam) continue;
    for (const [o, n] of m) {
      familyTotal += n;
      if (o !== g && fam.includes(o) && o.length === 1) familyFlips += n;
    }
  }
  const familyRate = (familyFlips + 1) / (familyTotal + 2);
  const emit: VieChannelTables['emit'] = {};
  for (const g of [...c.emit.keys()].sort()) {
    const m = c.emit.get(g)!;
    let total = SELF_PRIOR;
    for (const n of m.values()) total += n;
    const probs = new Map<string, number>();
    for (const [o, n] of m) if (o !== g && n >= MIN_COUNT) probs.set(o, n / total);
    const fam = familyOf(g);
    if (fam) for (const o of fam) if (o !== g) probs.set(o, Math.max(probs.get(o) ?? 0, familyRate / (fam.length - 1)));
    let other = 0;
    for (const p of probs.values()) other += p;
    probs.set(g, Math.max(1 - other, 0.5));
    emit[g] = [...probs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([o, p]) => [o, lp(p)]);
  }
  let maxEmit = 1;
  for (const list of Object.values(emit)) for (const [o] of list) maxEmit = Math.max(maxEmit, [...o].length);
  return {
    format: VIE_CHANNEL_FORMAT, tone, emit,
    unseen: lp(0.5 / (c.tokenPairs + 1)), maxEmit: Math.min(maxEmit, 3),
    counts: {
      linePairs: c.linePairs, tokenPairs: c.tokenPairs, changedTokens: c.changedTokens, toneFlips: c.toneFlips,
      markFlips: c.markFlips, letterConfusions: c.letterConfusions, familyRate: +familyRate.toFixed(5),
    },
    source,
  };
}
