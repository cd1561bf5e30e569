/**
 * `--adapt <file>` of convert, queue add and serve, checked when the command runs (imported then:
 * commands without it do not load the model to read the option): a damaged file, or one made for
 * another model, is a usage error before anything is converted. Carried by path and content hash.
 */
import { resolve } from 'node:path';
import type { AdaptSetting } from '../batch/adapt-setting.js';
import { adaptationFileHash, loadAdaptation } from '../model/adaptation-file.js';

/** The setting, or the message to print (exit code 2). */
export function checkedAdapt(path: string): AdaptSetting | { problem: string } {
  try {
    loadAdaptation(path);
    return { path: resolve(path), sha256: adaptationFileHash(path) };
  } catch (e) {
    return { problem: `--adapt: ${(e as Error).message}` };
  }
}
