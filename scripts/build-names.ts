/**
 * npm run build:names — counts person-name syllables by position (surname, middle, given) in
 * ../shared/corpus and writes dictionaries/vi-names.json (deterministic: sorted keys, no dates)
 * and its section of dictionaries/SOURCES.md.
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder; BAOCAO_MODEL_OUT the output folder;
 *   NAMES_MIN_COUNT the pruning threshold.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countLine, emptyNameCounts, nameTables } from './lib/name-counts.js';
import { NAMES_SOURCES_MARKER, namesSourcesSection } from './lib/names-sources.js';
import { CANDIDATES_SOURCES_MARKER } from './lib/candidates-sources.js';
import { NAMES_FILE } from '../src/model/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const outDir = resolve(process.env.BAOCAO_MODEL_OUT ?? join(root, 'dictionaries'));
const minCount = Number(process.env.NAMES_MIN_COUNT ?? 3);
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

const corpusDir = join(shared, 'corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt.gz')).sort();
const counts = emptyNameCounts();
for (const f of files) {
  const rl = createInterface({ input: createReadStream(join(corpusDir, f)).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) countLine(line, counts);
  process.stderr.write(`  ${f}: ${counts.lines} lines, ${counts.names} names\n`);
}
const tables = nameTables(counts, minCount);
const json = JSON.stringify({ format: 'baocao-names', version: 1, minCount, names: counts.names, ...tables }) + '\n';
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, NAMES_FILE), json);

// The names section goes last in SOURCES.md but for the candidate table's (build:candidates),
// replacing an older one (build:model and build:vie-channel keep it).
const sourcesPath = join(outDir, 'SOURCES.md');
const old = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '';
const candidatesAt = old.indexOf(CANDIDATES_SOURCES_MARKER);
const tail = candidatesAt >= 0 ? '\n' + old.slice(candidatesAt) : '';
const withoutTail = candidatesAt >= 0 ? old.slice(0, candidatesAt) : old;
const at = withoutTail.indexOf(NAMES_SOURCES_MARKER);
const head = (at >= 0 ? withoutTail.slice(0, at) : withoutTail).replace(/\n*$/, withoutTail === '' ? '' : '\n\n');
const kept = Object.fromEntries((['surname', 'middle', 'given'] as const).map((p) => [p, [Object.keys(tables[p].counts).length, counts[p].size]])) as Record<string, [number, number]>;
writeFileSync(sourcesPath, head + namesSourcesSection({
  file: NAMES_FILE, bytes: Buffer.byteLength(json), sha256: sha256(json), minCount, names: counts.names, lines: counts.lines, kept,
  inputs: files.map((f) => [`corpus/${f}`, sha256(readFileSync(join(corpusDir, f)))]),
}) + tail);
process.stderr.write(`wrote ${NAMES_FILE}: ${Buffer.byteLength(json)} bytes, ${counts.names} names, kept ${JSON.stringify(kept)}\n`);
