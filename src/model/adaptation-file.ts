/**
 * archive.json (`baocao learn`) read, validated and made ready for the loaded model. Every
 * problem is an AdaptationFileError with a sentence a person can act on: a file that cannot be
 * read, is not JSON, is not an adaptation, has another format version, or was made for another
 * restoration model (its fingerprint) is refused, never half used.
 */
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ADAPTATION_FORMAT, ADAPTATION_VERSION, prepareAdaptation, type Adaptation, type AdaptationData } from '../core/restore/adaptation.js';
import type { RestoreModel } from '../core/restore/index.js';
import { modelFingerprint } from './fingerprint.js';
import { dictionariesDir, loadModel, MODEL_FILE } from './load.js';

export class AdaptationFileError extends Error {}

const count = z.number().int().nonnegative();
const counted = z.array(z.tuple([z.string().min(1), count]));

export const AdaptationSchema = z.object({
  format: z.literal(ADAPTATION_FORMAT),
  version: z.number().int(),
  model: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
  sources: z.object({ documents: count, corrections: count, texts: count, syllables: count }),
  names: counted,
  places: counted,
  acronyms: counted,
  ngrams: z.object({ segments: count, unigrams: counted, bigrams: counted, trigrams: counted }),
});

const fingerprints = new Map<string, string>();

/** Fingerprint of the restoration model in `dir` (the bundled one by default), once per process. */
export function bundledModelFingerprint(dir: string = dictionariesDir()): string {
  let f = fingerprints.get(dir);
  if (!f) fingerprints.set(dir, (f = modelFingerprint(readFileSync(join(dir, MODEL_FILE)), loadModel(dir))));
  return f;
}

/** The file parsed and checked (format, version, fields, model fingerprint). */
export function parseAdaptation(text: string, path: string, fingerprint: string): AdaptationData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AdaptationFileError(`${path}: not JSON (${(e as Error).message}); make it again with 'baocao learn'`);
  }
  const head = json as { format?: unknown; version?: unknown; model?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== ADAPTATION_FORMAT) {
    throw new AdaptationFileError(`${path}: not a baocao adaptation (no "format": "${ADAPTATION_FORMAT}"); make one with 'baocao learn <out-dir> -o archive.json'`);
  }
  if (head.version !== ADAPTATION_VERSION) {
    throw new AdaptationFileError(`${path}: adaptation format version ${String(head.version)}, this baocao reads version ${ADAPTATION_VERSION}; make it again with 'baocao learn'`);
  }
  const parsed = AdaptationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdaptationFileError(`${path}: damaged adaptation: ${issue.path.join('.') || '(top)'}: ${issue.message}; make it again with 'baocao learn'`);
  }
  if (parsed.data.model !== fingerprint) {
    throw new AdaptationFileError(`${path}: made for another restoration model (fingerprint ${parsed.data.model.slice(0, 12)}…, this baocao's model is ${fingerprint.slice(0, 12)}…); its n-grams and names would not match: run 'baocao learn' again with this baocao`);
  }
  return parsed.data as AdaptationData;
}

const prepared = new Map<string, Adaptation>();

/**
 * archive.json ready for `model` (the bundled one by default), cached per file content and model
 * (batch workers load it once per thread). Throws AdaptationFileError.
 */
export function loadAdaptation(path: string, model: RestoreModel = loadModel(), fingerprint?: string): Adaptation {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new AdaptationFileError(`${path}: is a folder; --adapt takes the archive.json that 'baocao learn' wrote`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof AdaptationFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AdaptationFileError(`${path}: cannot read the adaptation: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`);
  }
  const key = createHash('sha256').update(bytes).digest('hex');
  let cached = prepared.get(key);
  if (cached && cached.model === model) return cached;
  const data = parseAdaptation(bytes.toString('utf8'), path, fingerprint ?? bundledModelFingerprint());
  cached = prepareAdaptation(model, data);
  prepared.set(key, cached);
  return cached;
}

/** SHA-256 of the file (batch settings carry it, so --resume converts again when it changes). */
export function adaptationFileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
