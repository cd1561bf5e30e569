/**
 * English-model OCR restored by another commit's code (BENCH_BASE=<ref>: its src/ unpacked by
 * base-source.ts) with a given model folder: the baseline row of bench:eng-real-errors and
 * bench:eng-heldout, printed beside the current code in the same run.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseSource } from './base-source.js';

export interface BaseRestorer { name: string; restore: (text: string) => string }

export async function baseRestorer(root: string, modelDir: string | undefined): Promise<BaseRestorer | undefined> {
  const ref = process.env.BENCH_BASE;
  if (!ref) return undefined;
  const tree = baseSource(root, ref);
  if (!tree) return undefined;
  const { restore } = await import(pathToFileURL(join(tree, 'src', 'core', 'restore', 'index.ts')).href) as typeof import('../../src/core/restore/index.js');
  const { loadModel } = await import(pathToFileURL(join(tree, 'src', 'model', 'load.ts')).href) as typeof import('../../src/model/load.js');
  const model = loadModel(modelDir ?? join(root, 'dictionaries'));
  return { name: `base ${ref}`, restore: (text) => restore(text, { model, input: 'ocr' }).text };
}
