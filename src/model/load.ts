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

export const MODEL_FILE = 'vi-restore.bin';
/** Vietnamese-model OCR channel (npm run build:vie-channel); optional. */
export const VIE_CHANNEL_FILE = 'vi-ocr-vie.json';
/** Personal-name model (npm run build:names); optional. */
export const NAMES_FILE = 'vi-names.json';

export function dictionariesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dictionaries'))) return join(dir, 'dictionaries');
    dir = dirname(dir);
  }
  throw new Error('cannot find the dictionaries/ folder above ' + fileURLToPath(import.meta.url));
}

const cache = new Map<string, RestoreModel>();

/** Throws if the model file is missing or corrupt (callers turn that into a diagnostic). */
export function loadModel(dir: string = dictionariesDir()): RestoreModel {
  const path = join(dir, MODEL_FILE);
  let model = cache.get(path);
  if (!model) {
    if (!existsSync(path)) throw new Error(`restoration model not found: ${path} (run npm run build:model)`);
    model = modelFromBytes(readFileSync(path));
    const vie = join(dir, VIE_CHANNEL_FILE);
    if (existsSync(vie)) model.vieChannel = new VieChannel(JSON.parse(readFileSync(vie, 'utf8')));
    const names = join(dir, NAMES_FILE);
    if (existsSync(names)) model.names = new NameModel(JSON.parse(readFileSync(names, 'utf8')));
    cache.set(path, model);
  }
  return model;
}
