/**
 * What ties a derived file (the OCR candidate table) to one restoration model: a hash of the
 * model's header (vocabulary, channel tables, statistics) and of its unigram log-probabilities,
 * everything a candidate list depends on, without hashing the whole 18 MB file.
 */
import { createHash } from 'node:crypto';
import type { RestoreModel } from '../core/restore/index.js';

export function modelFingerprint(bytes: Uint8Array, model: RestoreModel): string {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const unigrams = Float32Array.from({ length: model.vocab.length }, (_, id) => model.lm.unigram(id));
  return createHash('sha256')
    .update(bytes.subarray(12, 12 + headerLength))
    .update(new Uint8Array(unigrams.buffer))
    .digest('hex');
}
