/** Convenience restore() that uses the committed model (loaded once per process). */
import { restore as restoreWith, type RestoreInput, type RestoreModel, type RestoreResult } from '../core/restore/index.js';
import { loadModel } from './load.js';

export function restore(text: string, options: { input?: RestoreInput; model?: RestoreModel } = {}): RestoreResult {
  return restoreWith(text, { input: options.input, model: options.model ?? loadModel() });
}
