/**
 * tsx scripts/build-heldout-model.ts — the held-out restoration models that scripts/build-confidence.ts
 * computes its calibration features with (cross-fitting). Never committed, never shipped.
 *  - Language model: the same build as npm run build:model (corpus-pass, assemble-model, same
 *    options) over the corpus minus every line the OCR pairs' pages were sampled from
 *    (scripts/lib/heldout-corpus.ts), so the calibration pages are text the model has not seen.
 *  - English-OCR channel: learnt from half the ocr-pairs/eng pages. `fold0/` has the channel of the
 *    odd-indexed pages and restores the even-indexed ones; `fold1/` the other way round (the same
 *    page parity build-confidence.ts uses for its folds), so no page is restored with a channel
 *    that memorised its own confusions.
 * vi-ocr-vie.json and vi-names.json are copied from dictionaries/ (the Vietnamese-model channel is
 * not held out; see docs/confidence.md). Deterministic: same inputs, same bytes.
 *   BAOCAO_SHARED=/path/to/shared;  BAOCAO_HELDOUT_DIR (default bench/.work/heldout-model)
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorpusAccumulator } from './lib/corpus-pass.js';
import { learnChannel } from './lib/learn-channel.js';
import { channelTables } from './lib/channel-tables.js';
import { assembleModel } from './lib/assemble-model.js';
import { BUILD_MODEL_OPTIONS } from './lib/model-options.js';
import { COVER, SHINGLE, holdsParagraph, pairParagraphs } from './lib/heldout-corpus.js';
import { MODEL_FILE, NAMES_FILE, VIE_CHANNEL_FILE } from '../src/model/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const outDir = resolve(process.env.BAOCAO_HELDOUT_DIR ?? join(root, 'bench', '.work', 'heldout-model'));
const pairsDir = join(shared, 'ocr-pairs');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const log = (m: string) => process.stderr.write(m + '\n');

/** ocr-pairs/eng line pairs of the pages whose index (in sorted order) has this parity. */
function engPairs(parity: number): [string, string][] {
  const dir = join(pairsDir, 'eng');
  const out: [string, string][] = [];
  readdirSync(dir).filter((x) => x.endsWith('.gt.txt')).sort().forEach((f, i) => {
    if (i % 2 !== parity) return;
    const gt = readFileSync(join(dir, f), 'utf8').split('\n'), ocr = readFileSync(join(dir, f.replace('.gt.txt', '.ocr.txt')), 'utf8').split('\n');
    gt.forEach((g, l) => out.push([g.normalize('NFC'), ocr[l] ?? '']));
  });
  return out;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const paragraphs = pairParagraphs(pairsDir), files = paragraphs.files;
  log(`${files.length} page inputs, ${paragraphs.sizes.length} paragraphs, ${paragraphs.runs.size} runs of ${SHINGLE} words`);
  const corpusDir = join(shared, 'corpus');
  const corpusFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.txt.gz')).sort();
  const acc = new CorpusAccumulator();
  let dropped = 0, droppedWords = 0;
  for (const f of corpusFiles) {
    const rl = createInterface({ input: createReadStream(join(corpusDir, f)).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (holdsParagraph(line, paragraphs)) { dropped++; droppedWords += line.split(' ').length; continue; }
      acc.addLine(line);
    }
    log(`  ${f}: ${acc.lines} lines kept, ${dropped} left out`);
  }
  // assembleModel remaps the token stream in place: keep a copy for the second fold.
  const stream = acc.stream.data.slice(0, acc.stream.length);
  const manifest: Record<string, unknown> = { shingle: SHINGLE, cover: COVER, paragraphs: paragraphs.sizes.length, inputsSha256: sha256(files.map((f) => `${f} ${sha256(readFileSync(join(pairsDir, f)))}\n`).join('')), linesLeftOut: dropped, wordsLeftOut: droppedWords, linesKept: acc.lines };
  for (const fold of [0, 1]) {
    if (fold === 1) acc.stream.data.set(stream);
    // fold f restores the pages of parity f, so its channel learns from the others.
    const counts = learnChannel(engPairs(1 - fold));
    const channel = channelTables(counts, true);
    const { bytes, stats } = assembleModel(acc, channel, { ...BUILD_MODEL_OPTIONS, meta: { heldOut: manifest, channelPages: `eng, index parity ${1 - fold}` } });
    const dir = join(outDir, `fold${fold}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, MODEL_FILE), bytes);
    for (const f of [VIE_CHANNEL_FILE, NAMES_FILE]) if (existsSync(join(root, 'dictionaries', f))) copyFileSync(join(root, 'dictionaries', f), join(dir, f));
    manifest[`fold${fold}`] = { sha256: sha256(bytes), channelLinePairs: counts.linePairs, corpusWords: stats.corpusWords };
    log(`fold${fold}: ${(bytes.length / 1e6).toFixed(2)} MB, channel from ${counts.linePairs} line pairs`);
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  log(`${JSON.stringify(manifest)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  log(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 1;
});
