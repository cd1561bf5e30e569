/** Convenience restore() that uses the committed model (loaded once per process). */
import { restore as restoreWith, type RestoreInput, type RestoreModel, type RestoreResult } from '../core/restore/index.js';
import { loadModel } from './load.js';

/** `names: false` turns off the personal-name evidence (dictionaries/vi-names.json). */
export function restore(text: string, options: { input?: RestoreInput; model?: RestoreModel; names?: boolean } = {}): RestoreResult {
  return restoreWith(text, { input: options.input, model: options.model ?? loadModel(), names: options.names });
}
