/**
 * npm run build:vie-channel — learns the Vietnamese-model OCR channel from ../shared/ocr-pairs/vie
 * and writes dictionaries/vi-ocr-vie.json (small, deterministic: same inputs, same bytes) and its
 * section of dictionaries/SOURCES.md (kept when build:model rewrites the rest of that file).
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder; BAOCAO_MODEL_OUT the output folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLinePairs } from './lib/learn-channel.js';
import { learnVieChannel, vieChannelTables } from './lib/vie-channel-learn.js';
import { VIE_SOURCES_MARKER, vieSourcesSection } from './lib/vie-channel-sources.js';
import { NAMES_SOURCES_MARKER } from './lib/names-sources.js';
import { VIE_CHANNEL_FILE } from '../src/model/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const outDir = resolve(process.env.BAOCAO_MODEL_OUT ?? join(root, 'dictionaries'));

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

const dir = join(shared, 'ocr-pairs', 'vie');
const files = readdirSync(dir).filter((f) => /^\d+\.(gt|ocr)\.txt$/.test(f)).sort();
const inputsHash = sha256(files.map((f) => `${f} ${sha256(readFileSync(join(dir, f)))}\n`).join(''));
const counts = learnVieChannel(readLinePairs([dir]));
const tables = vieChannelTables(counts, { path: 'ocr-pairs/vie', files: files.length, sha256OfFileHashes: inputsHash });
const json = JSON.stringify(tables) + '\n';
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, VIE_CHANNEL_FILE), json);
const hash = sha256(json);
const sourcesPath = join(outDir, 'SOURCES.md');
const old = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '';
const at = old.indexOf(VIE_SOURCES_MARKER);
const head = (at >= 0 ? old.slice(0, at) : old).replace(/\n*$/, old === '' ? '' : '\n\n');
// The names section (npm run build:names) comes after this one and is kept.
const namesAt = old.indexOf(NAMES_SOURCES_MARKER);
const tail = namesAt >= 0 ? '\n' + old.slice(namesAt) : '';
writeFileSync(sourcesPath, head + vieSourcesSection({ file: VIE_CHANNEL_FILE, bytes: Buffer.byteLength(json), sha256: hash, inputsHash, files: files.length, counts: tables.counts }) + tail);
process.stderr.write(`wrote ${VIE_CHANNEL_FILE}: ${Buffer.byteLength(json)} bytes, sha256 ${hash}\n${JSON.stringify(tables.counts)}\n`);
