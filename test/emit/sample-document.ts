/** The sample report through the real pipeline (restoration with the committed model, structure), for the writer tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convert, type ConvertOptions } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';
import { documentJson } from '../../src/emit/json.js';
import { loadModel } from '../../src/model/load.js';

export const SAMPLE_PATH = fileURLToPath(new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url));

const cache = new Map<string, Promise<DocumentResult>>();

/** As the batch has it: converted, then validated by the JSON writer. `restore: false` and `segment: false` turn the stages off. */
export function sampleDocument(options: { restore?: boolean; segment?: boolean } = {}): Promise<DocumentResult> {
  const key = JSON.stringify(options);
  if (!cache.has(key)) {
    const convertOptions: ConvertOptions = {
      restore: options.restore === false ? false : { model: loadModel() },
      segment: options.segment === false ? false : {},
    };
    cache.set(key, convert({ path: 'bao-cao-ngoc-ky.ocr.txt', data: readFileSync(SAMPLE_PATH) }, convertOptions).then((r) => documentJson(r).result));
  }
  return cache.get(key)!;
}

/** Every section of a tree, depth first (the reading order of their headings). */
export function allSections<S extends { children: S[] }>(sections: S[]): S[] {
  return sections.flatMap((s) => [s, ...allSections(s.children)]);
}
