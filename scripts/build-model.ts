/**
 * npm run build:model — builds dictionaries/vi-restore.bin from ../shared/corpus (n-gram
 * statistics only; no corpus text is stored) and ../shared/ocr-pairs/eng (OCR channel), and
 * writes dictionaries/SOURCES.md. Deterministic: same inputs, same bytes.
 *   BAOCAO_SHARED=/path/to/shared  overrides the data folder; BAOCAO_MODEL_OUT the output folder;
 *   BAOCAO_MODEL_OPTIONS (JSON) the pruning options, for trial models.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorpusAccumulator, readCorpus } from './lib/corpus-pass.js';
import { learnChannel, readLinePairs } from './lib/learn-channel.js';
import { channelTables } from './lib/channel-tables.js';
import { assembleModel, type AssembleOptions } from './lib/assemble-model.js';
import { writeSources } from './lib/write-sources.js';
import { BUILD_MODEL_OPTIONS } from './lib/model-options.js';
import { MODEL_FILE } from '../src/model/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
// BAOCAO_MODEL_OUT=/tmp/x writes the model elsewhere (for measuring before replacing the committed one).
const outDir = resolve(process.env.BAOCAO_MODEL_OUT ?? join(root, 'dictionaries'));

// BAOCAO_MODEL_OPTIONS='{"minTrigram":1}' overrides build options for a trial model (with BAOCAO_MODEL_OUT).
const OPTIONS: AssembleOptions = { ...BUILD_MODEL_OPTIONS, ...(JSON.parse(process.env.BAOCAO_MODEL_OPTIONS ?? '{}') as Partial<AssembleOptions>) };

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const log = (m: string) => process.stderr.write(m + '\n');

async function main(): Promise<void> {
  const t0 = Date.now();
  const corpusDir = join(shared, 'corpus');
  const corpusFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.txt.gz')).sort();
  const inputs = corpusFiles.map((f) => ({ path: `corpus/${f}`, sha256: sha256(readFileSync(join(corpusDir, f))) }));
  log('reading corpus …');
  const acc = new CorpusAccumulator();
  // BAOCAO_CORPUS_REPEAT='{"phapdien":2}' counts the files whose name starts so that many times (trial domain weighting).
  const repeat = JSON.parse(process.env.BAOCAO_CORPUS_REPEAT ?? '{}') as Record<string, number>;
  const times = (f: string) => Object.entries(repeat).find(([prefix]) => f.startsWith(prefix))?.[1] ?? 1;
  await readCorpus(corpusFiles.flatMap((f) => Array<string>(times(f)).fill(join(corpusDir, f))), acc, log);

  log('learning OCR channel from ocr-pairs/eng …');
  const counts = learnChannel(readLinePairs([join(shared, 'ocr-pairs', 'eng')]));
  const channel = channelTables(counts, true);
  log(`  ${counts.linePairs} line pairs, ${counts.tokenPairs} token pairs, ${Object.keys(channel.pairs).length} memorised confusions`);

  log('counting n-grams and estimating the language model …');
  const meta = { inputs, options: OPTIONS };
  const { bytes, stats } = assembleModel(acc, channel, { ...OPTIONS, meta });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, MODEL_FILE), bytes);
  const hash = sha256(bytes);
  writeSources(join(outDir, 'SOURCES.md'), {
    modelFile: MODEL_FILE, bytes: bytes.length, sha256: hash, inputs, stats,
    channel: { linePairs: counts.linePairs, tokenPairs: counts.tokenPairs, memorised: Object.keys(channel.pairs).length },
    options: { ...OPTIONS },
  });
  log(`wrote ${MODEL_FILE}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${hash}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  log(JSON.stringify(stats));
}

main().catch((e: unknown) => {
  log(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 1;
});
