/**
 * npm run build:candidates — computes the English-OCR candidate lists of the committed model for
 * the tokens documents are made of most (candidate-table.ts) and writes
 * dictionaries/vi-ocr-candidates.bin (deterministic: same model, same bytes) and its section of
 * dictionaries/SOURCES.md. Needs only dictionaries/; rerun after build:model or after a change to
 * the candidate search (test/core/restore/candidate-table.test.ts says when).
 *   BAOCAO_MODEL_OUT=/path overrides the folder (read and written).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CandidateTable, encodeCandidateTable, modelTableTokens } from '../src/core/restore/candidate-table.js';
import { modelFromBytes } from '../src/core/restore/index.js';
import { CANDIDATES_FILE, MODEL_FILE, dictionariesDir } from '../src/model/load.js';
import { modelFingerprint } from '../src/model/fingerprint.js';
import { CANDIDATES_SOURCES_MARKER, candidatesSourcesSection } from './lib/candidates-sources.js';
import { CONFIDENCE_SOURCES_MARKER } from './lib/confidence-sources.js';

const dir = resolve(process.env.BAOCAO_MODEL_OUT ?? dictionariesDir());
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const bytes = readFileSync(join(dir, MODEL_FILE));
const model = modelFromBytes(bytes);
const tokens = modelTableTokens(model);
const t0 = performance.now();
const fingerprint = modelFingerprint(bytes, model);
const file = encodeCandidateTable(fingerprint, tokens, (ocr, capitalD) => model.channel.candidates(ocr, capitalD));
const table = new CandidateTable(file);
writeFileSync(join(dir, CANDIDATES_FILE), file);

// This section goes last in SOURCES.md, replacing an older one (the other builds keep it).
const sourcesPath = join(dir, 'SOURCES.md');
const old = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '';
const at = old.indexOf(CANDIDATES_SOURCES_MARKER);
const head = (at >= 0 ? old.slice(0, at) : old).replace(/\n*$/, old === '' ? '' : '\n\n');
const hash = sha256(file);
// The confidence calibration's section (npm run build:confidence) comes after this one and is kept.
const confidenceAt = old.indexOf(CONFIDENCE_SOURCES_MARKER);
const tail = confidenceAt >= 0 ? '\n' + old.slice(confidenceAt) : '';
writeFileSync(sourcesPath, head + candidatesSourcesSection({
  file: CANDIDATES_FILE, bytes: file.length, sha256: hash, modelFile: MODEL_FILE, fingerprint,
  tokens: tokens.length, lists: table.size, entries: table.entries,
}) + tail);
process.stderr.write(`wrote ${CANDIDATES_FILE}: ${file.length} bytes, ${tokens.length} tokens, sha256 ${hash} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
