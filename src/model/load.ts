/**
 * Loads the committed restoration model from dictionaries/ once per process. The folder is found
 * relative to the package root, so this works from src/ (tsx) and from dist/ (tsc) alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelFromBytes, type RestoreModel } from '../core/restore/index.js';
import { VieChannel } from '../core/restore/vie-channel.js';
import { NameModel } from '../core/restore/name-model.js';
import { CandidateTable } from '../core/restore/candidate-table.js';
import { ConfidenceCalibration } from '../core/restore/calibration.js';
import { modelFingerprint } from './fingerprint.js';

export const MODEL_FILE = 'vi-restore.bin';
/** Vietnamese-model OCR channel (npm run build:vie-channel); optional. */
export const VIE_CHANNEL_FILE = 'vi-ocr-vie.json';
/** Personal-name model (npm run build:names); optional. */
export const NAMES_FILE = 'vi-names.json';
/** English-OCR candidate lists computed ahead of time (npm run build:candidates); optional, a speed-up only. */
export const CANDIDATES_FILE = 'vi-ocr-candidates.bin';
/** Word confidence calibration (npm run build:confidence); optional: without it confidence is the decoder's posterior. */
export const CONFIDENCE_FILE = 'vi-confidence.json';

export function dictionariesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dictionaries'))) return join(dir, 'dictionaries');
    dir = dirname(dir);
  }
  throw new Error('cannot find the dictionaries/ folder above ' + fileURLToPath(import.meta.url));
}

const cache = new Map<string, RestoreModel>();

/**
 * Throws if the model file is missing or corrupt (callers turn that into a diagnostic).
 * `candidates: false` leaves the precomputed candidate table unused (same output, slower first document);
 * `calibration: false` leaves the confidence calibration unused (the build script calibrates from scratch).
 */
export function loadModel(dir: string = dictionariesDir(), options: { candidates?: boolean; calibration?: boolean } = {}): RestoreModel {
  const path = join(dir, MODEL_FILE);
  const useTable = options.candidates !== false;
  const cacheKey = path + (useTable ? '' : '\u0000no-candidates') + (options.calibration === false ? '\u0000no-calibration' : '');
  let model = cache.get(cacheKey);
  if (!model) {
    if (!existsSync(path)) throw new Error(`restoration model not found: ${path} (run npm run build:model)`);
    const bytes = readFileSync(path);
    model = modelFromBytes(bytes);
    const vie = join(dir, VIE_CHANNEL_FILE);
    if (existsSync(vie)) model.vieChannel = new VieChannel(JSON.parse(readFileSync(vie, 'utf8')));
    const names = join(dir, NAMES_FILE);
    if (existsSync(names)) model.names = new NameModel(JSON.parse(readFileSync(names, 'utf8')));
    const calibration = join(dir, CONFIDENCE_FILE);
    if (options.calibration !== false && existsSync(calibration)) model.confidence = new ConfidenceCalibration(JSON.parse(readFileSync(calibration, 'utf8')));
    const candidates = join(dir, CANDIDATES_FILE);
    if (useTable && existsSync(candidates)) {
      // A table built for another model (an older build) would answer wrongly: it is left unused.
      const table = new CandidateTable(readFileSync(candidates));
      if (table.fingerprint === modelFingerprint(bytes, model)) model.channel.useTable(table);
    }
    cache.set(cacheKey, model);
  }
  return model;
}
