/**
 * Learns the OCR-confusion channel from line-aligned (ground truth, OCR) pairs: tokens are aligned
 * per line by edit distance on their mark-free skeletons, then characters within each token pair,
 * giving counts of "ground-truth letter → OCR substring" and memorised "OCR token → syllable" pairs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stripMarks } from '../../src/core/vi-text/index.js';
import { ocrWordCore } from '../../src/core/restore/ocr-words.js';

export interface ChannelCounts {
  /** gt char → ocr substring → count */
  emit: Map<string, Map<string, number>>;
  /** ocr token → gt token → count */
  pairs: Map<string, Map<string, number>>;
  gtTokens: Map<string, number>;
  /** The same two tables counted once per observation whatever its weight: a confusion seen once
   * stays a singleton (channel-tables.ts drops those) however heavily its folder is weighted. */
  emitSeen: Map<string, Map<string, number>>;
  pairsSeen: Map<string, Map<string, number>>;
  linePairs: number;
  tokenPairs: number;
}

function bump<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** Levenshtein distance between two strings (code units). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Aligns two token lists; returns index pairs of substituted (matched) tokens. */
export function alignTokens(gt: string[], ocr: string[], cost: (g: string, o: string) => number): [number, number][] {
  const n = gt.length, m = ocr.length, GAP = 0.8;
  const d: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) d[i]![0] = i * GAP;
  for (let j = 1; j <= m; j++) d[0]![j] = j * GAP;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + GAP, d[i]![j - 1]! + GAP, d[i - 1]![j - 1]! + cost(gt[i - 1]!, ocr[j - 1]!));
  const out: [number, number][] = [];
  let i = n, j = m;
  while (i > 0 && j > 0) {
    if (d[i]![j] === d[i - 1]![j - 1]! + cost(gt[i - 1]!, ocr[j - 1]!)) { out.push([i - 1, j - 1]); i--; j--; }
    else if (d[i]![j] === d[i - 1]![j]! + GAP) i--;
    else j--;
  }
  return out.reverse();
}

/** Character alignment: for each gt char, the OCR substring it became (insertions join the left char). */
export function alignChars(gt: string, ocr: string): string[] {
  const g = [...gt], o = [...ocr];
  const sub = (a: string, b: string) => (a === b ? 0 : stripMarks(a).toLowerCase() === b ? 0.3 : 1);
  const n = g.length, m = o.length;
  const d: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) d[i]![0] = i;
  for (let j = 1; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub(g[i - 1]!, o[j - 1]!));
  const emit: string[] = new Array<string>(n).fill('');
  let i = n, j = m;
  let pending = '';
  while (i > 0 || j > 0) {
    const diag = i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + sub(g[i - 1]!, o[j - 1]!);
    const insert = j > 0 && (i === 0 || d[i]![j] === d[i]![j - 1]! + 1);
    // On a tie, an extra OCR letter belongs to the damaged letter on its left ("của"→"ctia":
    // ủ→"ti"), not to an intact one ("c"→"ct").
    if (insert && !(diag && g[i - 1] === o[j - 1])) {
      pending = o[j - 1]! + pending; j--;
    } else if (diag) {
      emit[i - 1] = o[j - 1]! + pending; pending = ''; i--; j--;
    } else {
      emit[i - 1] = pending; pending = ''; i--;
    }
  }
  if (pending && n > 0) emit[0] = pending + emit[0];
  return emit;
}

/** Lower-cases a word but keeps capital Đ (see OcrChannel: its emissions are learned apart). */
export function channelCase(word: string): string {
  return word.replace(/[^Đ]+/g, (x) => x.toLowerCase());
}

/** Reads every NNN.gt.txt / NNN.ocr.txt pair in the folders, line by line. */
export function readLinePairs(dirs: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.gt.txt')).sort()) {
      const gtLines = readFileSync(join(dir, f), 'utf8').split('\n');
      const ocrLines = readFileSync(join(dir, f.replace('.gt.txt', '.ocr.txt')), 'utf8').split('\n');
      gtLines.forEach((g, l) => out.push([g.normalize('NFC'), ocrLines[l] ?? '']));
    }
  }
  return out;
}

/** `weights[i]` (default 1) counts line pair i that many times, e.g. to weigh one OCR engine's pairs against another's. */
export function learnChannel(linePairs: [string, string][], weights?: readonly number[]): ChannelCounts {
  const c: ChannelCounts = { emit: new Map(), pairs: new Map(), gtTokens: new Map(), emitSeen: new Map(), pairsSeen: new Map(), linePairs: 0, tokenPairs: 0 };
  const bump2 = (m: Map<string, Map<string, number>>, a: string, b: string, by: number) => {
    let inner = m.get(a);
    if (!inner) m.set(a, (inner = new Map()));
    bump(inner, b, by);
  };
  const words = (line: string) => line.split(/\s+/).map((w) => ocrWordCore(w)).filter((w) => /\p{L}/u.test(w));
  const cost = (g: string, o: string) => {
    const s = stripMarks(g).toLowerCase();
    return editDistance(s, o) / Math.max(s.length, o.length, 1);
  };
  for (const [line, [gtLine, ocrLine]] of linePairs.entries()) {
    const w = weights?.[line] ?? 1;
    // Letters are learned lower-case, except capital Đ, which English-model OCR reads as P or B
    // while a small đ becomes d.
    const gt = words(gtLine).map(channelCase);
    const ocr = words(ocrLine).map((w) => w.toLowerCase());
    if (gt.length === 0) continue;
    c.linePairs++;
    for (const [gi, oi] of alignTokens(gt, ocr, cost)) {
      const g = gt[gi]!, o = ocr[oi]!;
      if (cost(g, o) > 0.6) continue;
      c.tokenPairs++;
      const lower = g.toLowerCase();
      bump(c.gtTokens, lower, w);
      bump2(c.pairs, o, lower, w);
      bump2(c.pairsSeen, o, lower, 1);
      const em = alignChars(g, o);
      [...g].forEach((ch, k) => {
        bump2(c.emit, ch, em[k]!, w);
        bump2(c.emitSeen, ch, em[k]!, 1);
      });
    }
  }
  return c;
}
