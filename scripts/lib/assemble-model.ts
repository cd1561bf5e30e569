/**
 * Corpus token stream + channel counts → model bytes: vocabulary selection (phonotactically valid
 * syllables, plus frequent other forms such as abbreviations), n-gram counts, Kneser-Ney backoff
 * trigram model, 8-bit quantisation, channel tables.
 */
import { isVietnameseSyllable } from '../../src/core/vi-text/index.js';
import { FIRST_WORD_ID, MAX_VOCAB, SPECIAL_TOKENS, UNK } from '../../src/core/restore/lm-tokens.js';
import { encodeModelFile } from '../../src/core/restore/model-format.js';
import type { ChannelTables } from '../../src/core/restore/channel.js';
import type { CorpusAccumulator } from './corpus-pass.js';
import { countNgrams, estimate } from './kneser-ney.js';
import { buildCodebook, quantize } from './quantize.js';

export interface AssembleOptions {
  minSyllableCount: number;
  minOtherCount: number;
  minBigram: number;
  minTrigram: number;
  /** Extra metadata copied into the header (sources, hashes). */
  meta?: Record<string, unknown>;
}

export function selectVocabulary(acc: CorpusAccumulator, o: AssembleOptions): number[] {
  const chosen: number[] = [];
  acc.forms.forEach((form, f) => {
    const c = acc.formCounts[f]!;
    if (c >= o.minOtherCount || (c >= o.minSyllableCount && isVietnameseSyllable(form))) chosen.push(f);
  });
  chosen.sort((a, b) => acc.formCounts[b]! - acc.formCounts[a]! || (acc.forms[a]! < acc.forms[b]! ? -1 : 1));
  if (chosen.length + FIRST_WORD_ID > MAX_VOCAB) chosen.length = MAX_VOCAB - FIRST_WORD_ID;
  return chosen;
}

export function assembleModel(acc: CorpusAccumulator, channel: ChannelTables, o: AssembleOptions) {
  const chosen = selectVocabulary(acc, o);
  const formToId = new Int32Array(acc.forms.length).fill(UNK);
  chosen.forEach((f, i) => (formToId[f] = i + FIRST_WORD_ID));
  const vocab = [...SPECIAL_TOKENS, ...chosen.map((f) => acc.forms[f]!)];
  // Remap the stream in place: form ids become vocabulary ids.
  const s = acc.stream.data;
  for (let i = 0; i < acc.stream.length; i++) {
    const t = s[i]!;
    if (t >= FIRST_WORD_ID) s[i] = formToId[t - FIRST_WORD_ID]!;
  }
  const lm = estimate(countNgrams(s, acc.stream.length, vocab.length), o.minBigram, o.minTrigram);
  const qBiP = buildCodebook(lm.biLogP), qBiBow = buildCodebook(lm.biBow), qTriP = buildCodebook(lm.triLogP);
  const sections = {
    uniLogP: lm.uniLogP, uniBow: lm.uniBow, biStart: lm.biStart, biW: lm.biW,
    biP: quantize(lm.biLogP, qBiP), biBow: quantize(lm.biBow, qBiBow), qBiP, qBiBow,
    triStart: lm.triStart, triW: lm.triW, triP: quantize(lm.triLogP, qTriP), qTriP,
  };
  const { titleLogRate, titlePrior } = titleRates(acc, chosen, vocab.length);
  (sections as Record<string, Float32Array | Uint8Array | Uint16Array | Uint32Array>).titleLogRate = titleLogRate;
  const upperWithD = chosen.filter((f) => acc.forms[f]!.includes('đ') && (acc.upperCounts.get(f) ?? 0) >= 3);
  const stats = {
    ...lm.stats, vocabulary: vocab.length, corpusLines: acc.lines, corpusWords: acc.words, acronymsWithD: upperWithD.length,
    titlePrior: +titlePrior.toFixed(6),
  };
  const header = { format: 'baocao-restore', vocab, channel, stats, meta: o.meta ?? {} };
  return { bytes: encodeModelFile(header, sections), stats };
}

/** Smoothing weight (in occurrences) pulling a word's title rate towards the corpus-wide rate. */
const TITLE_PSEUDO = 20;

/**
 * ln P(written Title-case | word, inside a segment) per vocabulary id, smoothed towards the
 * corpus-wide rate: "Trịnh", "Hải" are mostly names, "trình", "hai" hardly ever.
 */
function titleRates(acc: CorpusAccumulator, chosen: number[], vocabSize: number) {
  let titles = 0;
  for (const c of acc.titleCounts.values()) titles += c;
  const titlePrior = acc.innerWords ? Math.max(titles / acc.innerWords, 1e-6) : 0.05;
  const titleLogRate = new Float32Array(vocabSize).fill(Math.log(titlePrior));
  chosen.forEach((f, i) => {
    const rate = ((acc.titleCounts.get(f) ?? 0) + TITLE_PSEUDO * titlePrior) / (acc.formCounts[f]! + TITLE_PSEUDO);
    titleLogRate[i + FIRST_WORD_ID] = Math.log(rate);
  });
  return { titleLogRate, titlePrior };
}
