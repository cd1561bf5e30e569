/**
 * Interpolated modified Kneser-Ney trigram estimation (Chen & Goodman 1998), pruned by count and
 * converted to backoff form: stored n-grams carry their interpolated log-probability, contexts
 * carry the backoff weight that renormalises what pruning removed.
 */
import { CountTable } from './count-table.js';
import { BOS, ID_BITS, bigramKey, trigramKey } from '../../src/core/restore/lm-tokens.js';

export interface Ngrams3 {
  vocabSize: number;
  uniCounts: Uint32Array;
  bigrams: CountTable;
  trigrams: CountTable;
}

/** Counts n-grams over a token stream of segments <s> … </s> with ids < vocabSize. */
export function countNgrams(stream: Int32Array, length: number, vocabSize: number): Ngrams3 {
  const uniCounts = new Uint32Array(vocabSize);
  const bigrams = new CountTable(22);
  const trigrams = new CountTable(24);
  let p2 = -1;
  let p1 = -1;
  for (let i = 0; i < length; i++) {
    const t = stream[i]!;
    uniCounts[t]!++;
    if (t === BOS) { p1 = BOS; p2 = -1; continue; }
    bigrams.add(bigramKey(p1, t));
    if (p2 >= 0) trigrams.add(trigramKey(p2, p1, t));
    p2 = p1;
    p1 = t;
  }
  return { vocabSize, uniCounts, bigrams, trigrams };
}

/** Modified KN discounts D1, D2, D3+ from counts-of-counts. */
export function discounts(values: Iterable<number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (const c of values) if (c >= 1 && c <= 4) n[c]!++;
  const [, n1, n2, n3, n4] = n as [number, number, number, number, number];
  const y = n1 / (n1 + 2 * n2);
  // Tiny or degenerate counts (a test corpus) leave a ratio undefined: use the usual defaults.
  const pick = (d: number, fallback: number, hi: number) => (Number.isFinite(d) ? Math.min(Math.max(d, 0.05), hi) : fallback);
  return [pick(1 - 2 * y * (n2 / n1), 0.5, 0.95), pick(2 - 3 * y * (n3 / n2), 1, 1.9), pick(3 - 4 * y * (n4 / n3), 1.5, 2.85)];
}

export interface BackoffTrigramModel {
  vocabSize: number;
  uniLogP: Float32Array;
  uniBow: Float32Array;
  /** Bigrams sorted by (v, w); biStart[v]..biStart[v+1] is v's range. */
  biStart: Uint32Array;
  biW: Uint16Array;
  biLogP: Float32Array;
  biBow: Float32Array;
  /** Trigrams grouped under their context bigram index. */
  triStart: Uint32Array;
  triW: Uint16Array;
  triLogP: Float32Array;
  stats: Record<string, number | number[]>;
}

const hi = (k: number) => Math.floor(k / ID_BITS);
const lo = (k: number) => k % ID_BITS;

export function estimate(ng: Ngrams3, minBigram: number, minTrigram: number): BackoffTrigramModel {
  const V = ng.vocabSize;
  const triKeys = ng.trigrams.sortedKeys();
  const triCounts = new Uint32Array(triKeys.length);
  const cont2 = new CountTable(22); // (v,w) -> distinct u
  for (let i = 0; i < triKeys.length; i++) {
    const k = triKeys[i]!;
    triCounts[i] = ng.trigrams.get(k);
    cont2.add(k % (ID_BITS * ID_BITS));
  }
  const biKeys = ng.bigrams.sortedKeys();
  const biRaw = new Uint32Array(biKeys.length);
  const k2 = new Uint32Array(biKeys.length);
  const cont1 = new Float64Array(V);
  for (let i = 0; i < biKeys.length; i++) {
    const k = biKeys[i]!;
    biRaw[i] = ng.bigrams.get(k);
    k2[i] = hi(k) === BOS ? biRaw[i]! : cont2.get(k);
    cont1[lo(k)]! += 1;
  }
  // Unigrams: continuation counts, with a tiny uniform floor so every word has mass.
  let cont1Sum = 0;
  for (let w = 0; w < V; w++) if (w !== BOS) cont1Sum += cont1[w]!;
  const p1 = new Float64Array(V);
  for (let w = 0; w < V; w++) p1[w] = w === BOS ? 0 : (cont1[w]! + 0.1) / (cont1Sum + 0.1 * (V - 1));

  const D2 = discounts(k2);
  const D3 = discounts(triCounts);
  const disc = (d: [number, number, number], c: number) => (c === 0 ? 0 : c === 1 ? d[0] : c === 2 ? d[1] : d[2]);

  // Bigram level.
  const p2 = new Float64Array(biKeys.length);
  const gamma2 = new Float64Array(V);
  const biStartAll = new Uint32Array(V + 1);
  for (let i = 0, j = 0; i < biKeys.length; i = j) {
    const v = hi(biKeys[i]!);
    let total = 0, dsum = 0;
    for (j = i; j < biKeys.length && hi(biKeys[j]!) === v; j++) { total += k2[j]!; dsum += disc(D2, k2[j]!); }
    const g = total > 0 ? dsum / total : 1;
    gamma2[v] = g;
    for (let t = i; t < j; t++) p2[t] = (total > 0 ? Math.max(k2[t]! - disc(D2, k2[t]!), 0) / total : 0) + g * p1[lo(biKeys[t]!)]!;
  }
  for (let i = 0; i < biKeys.length; i++) biStartAll[hi(biKeys[i]!) + 1]!++;
  for (let v = 0; v < V; v++) biStartAll[v + 1]! += biStartAll[v]!;
  const biIndex = (v: number, w: number): number => {
    let a = biStartAll[v]!, b = biStartAll[v + 1]!;
    while (a < b) { const m = (a + b) >> 1; const mw = lo(biKeys[m]!); if (mw < w) a = m + 1; else if (mw > w) b = m; else return m; }
    return -1;
  };

  // Trigram level: interpolated probabilities, pruned, with renormalising backoff per context.
  const keepTri = new Uint8Array(triKeys.length);
  const p3 = new Float64Array(triKeys.length);
  const ctxBow = new Float64Array(biKeys.length).fill(1);
  const ctxHasTri = new Uint8Array(biKeys.length);
  let nTri = 0;
  for (let i = 0, j = 0; i < triKeys.length; i = j) {
    const ctx = hi(triKeys[i]!);
    let total = 0, dsum = 0;
    for (j = i; j < triKeys.length && hi(triKeys[j]!) === ctx; j++) { total += triCounts[j]!; dsum += disc(D3, triCounts[j]!); }
    const g = dsum / total;
    const u = hi(ctx), v = lo(ctx);
    let keptP3 = 0, keptP2 = 0;
    for (let t = i; t < j; t++) {
      if (triCounts[t]! < minTrigram) continue;
      const w = lo(triKeys[t]!);
      const bi = biIndex(v, w);
      const lower = bi >= 0 ? p2[bi]! : gamma2[v]! * p1[w]!;
      p3[t] = Math.max(triCounts[t]! - disc(D3, triCounts[t]!), 0) / total + g * lower;
      keepTri[t] = 1;
      nTri++;
      keptP3 += p3[t]!;
      keptP2 += lower;
    }
    if (keptP3 > 0) {
      const ci = biIndex(u, v);
      ctxHasTri[ci] = 1;
      ctxBow[ci] = Math.max(1 - keptP3, 1e-9) / Math.max(1 - keptP2, 1e-9);
    }
  }

  // Bigram pruning (kept if frequent or a trigram context), then renormalise unigram backoff.
  const keepBi = new Uint8Array(biKeys.length);
  const keptP2 = new Float64Array(V), keptP1 = new Float64Array(V);
  let nBi = 0;
  for (let i = 0; i < biKeys.length; i++) {
    if (biRaw[i]! >= minBigram || ctxHasTri[i]) {
      keepBi[i] = 1;
      nBi++;
      const v = hi(biKeys[i]!);
      keptP2[v]! += p2[i]!;
      keptP1[v]! += p1[lo(biKeys[i]!)]!;
    }
  }
  const uniLogP = new Float32Array(V), uniBow = new Float32Array(V);
  for (let w = 0; w < V; w++) {
    uniLogP[w] = w === BOS ? -99 : Math.log(p1[w]!);
    uniBow[w] = keptP2[w]! > 0 ? Math.log(Math.max(1 - keptP2[w]!, 1e-9) / Math.max(1 - keptP1[w]!, 1e-9)) : 0;
  }
  const biStart = new Uint32Array(V + 1);
  const biW = new Uint16Array(nBi), biLogP = new Float32Array(nBi), biBow = new Float32Array(nBi);
  const triStart = new Uint32Array(nBi + 1);
  const triW = new Uint16Array(nTri), triLogP = new Float32Array(nTri);
  // Walk bigrams and trigrams together: both are sorted by (v,w) resp. ((u,v),w).
  let b = 0, t = 0, ti = 0;
  for (let i = 0; i < biKeys.length; i++) {
    if (!keepBi[i]) continue;
    const key = biKeys[i]!;
    biStart[hi(key) + 1]!++;
    biW[b] = lo(key);
    biLogP[b] = Math.log(p2[i]!);
    biBow[b] = Math.log(ctxBow[i]!);
    triStart[b] = t;
    while (ti < triKeys.length && hi(triKeys[ti]!) < key) ti++;
    for (; ti < triKeys.length && hi(triKeys[ti]!) === key; ti++) {
      if (!keepTri[ti]) continue;
      triW[t] = lo(triKeys[ti]!);
      triLogP[t] = Math.log(p3[ti]!);
      t++;
    }
    b++;
  }
  triStart[b] = t;
  for (let v = 0; v < V; v++) biStart[v + 1]! += biStart[v]!;
  return {
    vocabSize: V, uniLogP, uniBow, biStart, biW, biLogP, biBow, triStart, triW, triLogP,
    stats: {
      bigramsSeen: biKeys.length, trigramsSeen: triKeys.length, bigramsKept: nBi, trigramsKept: nTri,
      discounts2: D2.map((d) => +d.toFixed(4)), discounts3: D3.map((d) => +d.toFixed(4)),
    },
  };
}
