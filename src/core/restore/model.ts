/** The in-memory restoration model, built from the model file bytes (pure: no fs here). */
import { stripMarks } from '../vi-text/index.js';
import { OcrChannel, type ChannelTables } from './channel.js';
import { TrigramLM } from './language-model.js';
import { FIRST_WORD_ID } from './lm-tokens.js';
import { decodeModelFile } from './model-format.js';
import type { NameModel } from './name-model.js';
import type { VieChannel } from './vie-channel.js';
import type { ConfidenceCalibration } from './calibration.js';

export interface RestoreModel {
  vocab: readonly string[];
  vocabIndex: ReadonlyMap<string, number>;
  /** Mark-free lower-case skeleton → vocabulary ids, most frequent first. */
  skeletonIndex: ReadonlyMap<string, readonly number[]>;
  lm: TrigramLM;
  /** Channel for English-model OCR output. */
  channel: OcrChannel;
  stats: Record<string, unknown>;
  meta: Record<string, unknown>;
  /** ln P(written Title-case inside a sentence | word) per id, and the corpus-wide rate (absent in older models). */
  titleLogRate?: Float32Array;
  titlePrior?: number;
  /** Channel for Vietnamese-model OCR output (dictionaries/vi-ocr-vie.json; absent → 'vie-ocr' reads as 'clean'). */
  vieChannel?: VieChannel;
  /** Personal-name model (dictionaries/vi-names.json; absent → no name evidence). */
  names?: NameModel;
  /** Word confidence as P(right) (dictionaries/vi-confidence.json; absent → the decoder's posterior). */
  confidence?: ConfidenceCalibration;
}

export function modelFromBytes(bytes: Uint8Array): RestoreModel {
  const { header, sections } = decodeModelFile(bytes);
  if (header.format !== 'baocao-restore' || !Array.isArray(header.vocab)) throw new Error('not a baocao restoration model');
  const vocab = header.vocab as string[];
  const lm = new TrigramLM(sections);
  if (lm.vocabSize !== vocab.length) throw new Error('model vocabulary and language model disagree');
  const vocabIndex = new Map<string, number>();
  const skeletonIndex = new Map<string, number[]>();
  for (let id = FIRST_WORD_ID; id < vocab.length; id++) {
    const form = vocab[id]!;
    vocabIndex.set(form, id);
    const skel = stripMarks(form);
    const list = skeletonIndex.get(skel);
    if (list) list.push(id);
    else skeletonIndex.set(skel, [id]);
  }
  // Ids are assigned by descending corpus frequency, so each list is already most-frequent-first.
  const channel = new OcrChannel(header.channel as ChannelTables, vocab, vocabIndex, skeletonIndex, (id) => lm.unigram(id));
  const stats = (header.stats ?? {}) as Record<string, unknown>;
  const titleLogRate = sections.titleLogRate instanceof Float32Array && sections.titleLogRate.length === vocab.length ? sections.titleLogRate : undefined;
  return {
    vocab, vocabIndex, skeletonIndex, lm, channel, stats,
    meta: (header.meta ?? {}) as Record<string, unknown>,
    ...(titleLogRate && typeof stats.titlePrior === 'number' ? { titleLogRate, titlePrior: stats.titlePrior } : {}),
  };
}
