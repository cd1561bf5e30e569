/**
 * `--no-noise-stop`: a scan whose first pages read no text is stopped there by default
 * (ingest/noise-stop.ts); the flag reads every page, for a long file that opens with blank pages.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NOISE_STOP_PAGES } from '../../src/ingest/noise-stop.js';
import { noiseTiff } from '../ingest/noise-tiff.js';
import { runCli } from './run-cli.js';

const PAGES = NOISE_STOP_PAGES + 4;
let dir = '', tiff = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-noise-flag-'));
  tiff = join(dir, 'blank-start.tif');
  await writeFile(tiff, noiseTiff(PAGES, 48, 48));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const errorOf = async (out: string) => (await readFile(join(out, 'documents.csv'), 'utf8')).split('\n')[1] ?? '';

describe('baocao convert --no-noise-stop', () => {
  it('stops a scan of noise after its first pages by default, and names the flag that reads on', async () => {
    const out = join(dir, 'default');
    const r = await runCli(['convert', tiff, '-o', out, '--format', 'json', '--no-restore', '--ocr-engine', 'wasm']);
    assert.match(r.stderr, new RegExp(`ocr/noise-stopped: the first ${NOISE_STOP_PAGES} pages read no text .* of ${PAGES} left unread; --no-noise-stop`));
    assert.match(await errorOf(out), /noise-stopped|read no text/);
  });

  it('reads every page with the flag: no stop, whatever the pages read', async () => {
    const out = join(dir, 'every');
    const r = await runCli(['convert', tiff, '-o', out, '--format', 'json', '--no-restore', '--ocr-engine', 'wasm', '--no-noise-stop']);
    assert.doesNotMatch(r.stderr, /noise-stopped/);
    assert.doesNotMatch(await errorOf(out), /noise-stopped/);
  });
});
