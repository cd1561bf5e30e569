/**
 * A converted output folder of many documents for the review benches: the sample report converted
 * once by a real batch, then its outputs copied under other names (and content hashes), each with
 * its record appended to the batch log as a batch would.
 */
import { createHash } from 'node:crypto';
import { cpSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run.js';
import { DoneIndex } from '../../src/batch/done-index.js';
import { appendRecord, closeLogs } from '../../src/batch/state-log.js';
import type { Format } from '../../src/emit/formats.js';

export const SAMPLE = 'bao-cao-ngoc-ky.ocr.txt';

/**
 * `copies` documents under `root`. `sameJson`: every copy's JSON a hard link to the sample's (for
 * benches that never open the copies: 10,000 JSON files cost no disk); else each its own source hash.
 */
export async function copiedFolder(root: string, formats: Format[], copies: number, options: { sameJson?: boolean } = {}): Promise<string> {
  const base = join(root, `base-${formats.join('-')}`);
  const input = join(root, SAMPLE);
  cpSync(new URL(`../../fixtures/${SAMPLE}`, import.meta.url), input);
  await runBatch([input], { outDir: base, formats, resume: false, restore: true, fsync: false }, 1);
  const out = join(root, `out-${formats.join('-')}-${copies}`);
  cpSync(base, out, { recursive: true });
  const index = new DoneIndex(base);
  const { manifest, rowsText } = index.get(SAMPLE)!;
  index.close();
  const json = JSON.parse(readFileSync(join(base, `${SAMPLE}.json`), 'utf8'));
  for (let i = 1; i < copies; i++) {
    const name = `hs-${i % 50}/bao-cao-${i}.txt`;
    const sha = createHash('sha256').update(String(i)).digest('hex');
    mkdirSync(join(out, `hs-${i % 50}`), { recursive: true });
    if (options.sameJson) linkSync(join(base, `${SAMPLE}.json`), join(out, `${name}.json`));
    else writeFileSync(join(out, `${name}.json`), JSON.stringify({ ...json, source: { ...json.source, path: `in/${name}`, sha256: sha } }));
    cpSync(join(base, `${SAMPLE}.txt`), join(out, `${name}.txt`));
    const files = (manifest.files ?? []).map((f) => ({ ...f, path: f.path.replace(SAMPLE, name) }));
    const row = { ...manifest.row, path: `in/${name}`, json: `${name}.json`, outputName: name, sha256: sha, outputs: manifest.row.outputs.map((o: string) => o.replace(SAMPLE, name)) };
    appendRecord(out, { name, manifest: { ...manifest, sha256: sha, input: name, files, row }, rowsText: rowsText! });
  }
  closeLogs(out);
  return out;
}
