/**
 * npx tsx scripts/trial-eng-channel.ts OUT [PAIRS_DIR…] — a trial model folder: dictionaries/ copied
 * to OUT with the English-OCR channel of vi-restore.bin learnt again from ../shared/ocr-pairs/eng
 * plus the given folders of NNN.gt.txt / NNN.ocr.txt pairs (e.g. those of scripts/gen-eng-pairs.sh),
 * and its candidate table rebuilt. A folder written DIR:N counts its pairs N times
 * (a confusion seen once still counts as a singleton, which the tables drop). Only the model's JSON header changes (scripts/lib/swap-channel.ts):
 * with no extra folder the file is byte-identical to the committed one. Measure the trial with
 * `npx tsx bench/eng-real-errors.ts --model OUT --base dictionaries` and
 * `BENCH_MODEL_DIR=OUT npm run bench:restore`; build:model stays the way to commit a model.
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnChannel, readLinePairs } from './lib/learn-channel.js';
import { channelTables } from './lib/channel-tables.js';
import { withChannel } from './lib/swap-channel.js';
import { MODEL_FILE, dictionariesDir } from '../src/model/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const [out, ...extra] = process.argv.slice(2);
if (!out) throw new Error('usage: trial-eng-channel.ts OUT [PAIRS_DIR…]');
mkdirSync(out, { recursive: true });
cpSync(dictionariesDir(), out, { recursive: true });
const linePairs = readLinePairs([join(shared, 'ocr-pairs', 'eng')]);
const weights = linePairs.map(() => 1);
for (const arg of extra) {
  const m = /^(.*):(\d+(?:\.\d+)?)$/.exec(arg);
  const pairs = readLinePairs([m ? m[1]! : arg]);
  linePairs.push(...pairs);
  weights.push(...pairs.map(() => (m ? Number(m[2]) : 1)));
}
const counts = learnChannel(linePairs, weights);
const channel = channelTables(counts, true);
writeFileSync(join(out, MODEL_FILE), withChannel(new Uint8Array(readFileSync(join(dictionariesDir(), MODEL_FILE))), channel, {}));
process.stderr.write(`channel: ${counts.linePairs} line pairs, ${counts.tokenPairs} token pairs, ${Object.keys(channel.pairs).length} memorised confusions\n`);
execFileSync('npx', ['tsx', join(root, 'scripts', 'build-candidates.ts')], { env: { ...process.env, BAOCAO_MODEL_OUT: out }, stdio: 'inherit' });
