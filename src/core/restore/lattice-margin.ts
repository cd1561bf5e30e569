/**
 * The decoder's laid-out lattice (decoder.ts) and word evidence's LM margin read from it.
 *
 * Word evidence (word-evidence.ts lmMargin) asks, for every unsure word, the three trigrams that
 * contain it between its decoded neighbours, for the choice and each ranked alternative: up to
 * twelve `lm.trigram` calls a word, each a probe of the LM's whole-trigram cache and, on a miss
 * (half of them), three more probes and binary searches spread over the model. The decoder has
 * just looked most of those scores up in the document's table (arc-table.ts) and holds the blocks
 * they sit in (latPair, latRows), so here they are read there instead: the table's score is the
 * same double `lm.trigram` returns for the bundled LM (the same backoff rule on the same codebook
 * values; arc-table.test.ts), and the sums are made in lmWindow's order, so the margin is the same.
 */
import type { ArcTable } from './arc-table.js';

/**
 * The segment's lattice in flat typed arrays: position p (0, 1 are <s>, the last </s>) has
 * latLen[p] candidates from latStart[p] in latIds / latChan; latList[p] is its list in the arc
 * table, latPair[p] the pair block of positions (p-1, p) and latRows[p] the triple block of
 * (p-2, p-1, p) (arc-table.ts).
 */
export interface Lattice {
  positions: number;
  latStart: Int32Array; latLen: Int32Array; latIds: Int32Array; latChan: Float64Array;
  latList: Int32Array; latPair: Int32Array; latRows: Int32Array;
}

/** lmMargin's bound (nats). */
const CAP = 15;

/**
 * lmMargin(lm, slots, results, i - 2) for the slot at lattice position i, the path being the
 * decoded choices and `ranked` the slot's ranked candidates (at least two): the three trigrams
 * containing each of them between the path's words, the choice's sum minus the best alternative's,
 * within ±CAP. Every block it reads was made by the decoder's layers i, i+1 and i+2.
 */
export function latticeMargin(table: ArcTable, lat: Lattice, path: Int32Array, i: number, ranked: readonly number[]): number {
  const { latStart, latLen, latIds, latPair, latRows, positions } = lat;
  const off = latStart[i]!, n = latLen[i]!;
  const pu = path[i - 2]!, pv = path[i - 1]!, px = path[i + 1]!, nV = latLen[i - 1]!, nX = latLen[i + 1]!;
  const u = latIds[latStart[i - 2]! + pu]!, v = latIds[latStart[i - 1]! + pv]!, x = latIds[latStart[i + 1]! + px]!;
  // The word after next: none when x is </s> (lmWindow's `last`: two trigrams).
  const third = i + 2 < positions;
  const py = third ? path[i + 2]! : 0, nY = third ? latLen[i + 2]! : 0, y = third ? latIds[latStart[i + 2]! + py]! : -1;
  const m = ranked.length;
  table.reserve(nV + n + m * nX + nY, 0, n + m * (nX + nY));
  const uv = table.pairEntry(latPair[i - 1]! + pu, nV, pv, u, v);
  const rowUV = table.row(latRows[i]! + pu * nV + pv, n);
  const xy = third ? table.pairEntry(latPair[i + 2]! + px, nY, py, x, y) : -1;
  let chosen = 0, best = -Infinity;
  for (let r = 0; r < m; r++) {
    const k = ranked[r]!, c = latIds[off + k]!;
    const vc = table.pairEntry(latPair[i]! + pv, n, k, v, c);
    const cx = table.pairEntry(latPair[i + 1]! + k, nX, px, c, x);
    const t1 = table.arc(rowUV + k, uv, vc, c);
    const t2 = table.arc(table.row(latRows[i + 1]! + pv * n + k, nX) + px, vc, cx, x);
    const t3 = third ? table.arc(table.row(latRows[i + 2]! + k * nX + px, nY) + py, cx, xy, y) : 0;
    const window = t1 + t2 + t3;
    if (r === 0) chosen = window;
    else best = Math.max(best, window);
  }
  return Math.max(-CAP, Math.min(CAP, chosen - best));
}
