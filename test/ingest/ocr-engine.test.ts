import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOcrEngine, envNativeModel, nativeTesseractStatus, OcrEngineUnavailableError, resolveOcrEngine } from '../../src/ingest/ocr/engine.js';
import { ingestImage } from '../../src/ingest/image.js';
import { ingestPdf } from '../../src/ingest/pdf.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));
const installed = nativeTesseractStatus();
const MISSING = '/nonexistent/bin/tesseract';

let dir = '';
/** A stand-in `tesseract` that prints `version` and lists `langs`. */
function fakeTesseract(name: string, version: string, langs: string[]): string {
  const bin = join(dir, name);
  writeFileSync(bin, `#!/bin/sh\nif [ "$1" = --version ]; then echo "${version}"; exit 0; fi\nif [ "$1" = --list-langs ]; then echo 'List of available languages in "/x/" (${langs.length}):'; printf '%s\\n' ${langs.join(' ')}; exit 0; fi\nexit 1\n`);
  chmodSync(bin, 0o755);
  return bin;
}
before(() => { dir = mkdtempSync(join(tmpdir(), 'baocao-engine-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

describe('choosing the OCR engine', () => {
  it('wasm is always wasm, without looking for a binary', () => {
    assert.equal(resolveOcrEngine('wasm', { binary: MISSING }), 'wasm');
  });

  it('auto falls back to wasm when tesseract is missing', () => {
    assert.equal(resolveOcrEngine('auto', { binary: MISSING }), 'wasm');
  });

  it('auto takes native when tesseract is installed', { skip: installed.available ? false : `native tesseract cannot run here: ${installed.reason}` }, () => {
    assert.equal(resolveOcrEngine('auto'), 'native');
  });

  it('native with no binary is a clear error naming the packages to install', () => {
    assert.throws(() => resolveOcrEngine('native', { binary: MISSING }), (e: Error) => e instanceof OcrEngineUnavailableError && /'\/nonexistent\/bin\/tesseract' not found \(install tesseract-ocr\)/.test(e.message));
    assert.throws(() => createOcrEngine({ engine: 'native', binary: MISSING }), OcrEngineUnavailableError);
  });

  it('needs tesseract 4 or later, and for the system model its Vietnamese data', () => {
    const old = fakeTesseract('t3', 'tesseract 3.05.02', ['eng', 'vie']);
    assert.match(nativeTesseractStatus({ binary: old }).reason!, /tesseract 4 or later/);
    assert.equal(resolveOcrEngine('auto', { binary: old }), 'wasm');
    const noVie = fakeTesseract('t5', 'tesseract 5.3.0', ['eng', 'osd']);
    assert.ok(nativeTesseractStatus({ binary: noVie }).available, 'the bundled model needs only the binary');
    assert.match(nativeTesseractStatus({ binary: noVie, model: 'system' }).reason!, /no Vietnamese data \(install tesseract-ocr-vie\)/);
    const withVie = fakeTesseract('t5v', 'tesseract 5.3.0', ['eng', 'vie']);
    assert.equal(resolveOcrEngine('auto', { binary: withVie, nativeModel: 'system' }), 'native');
  });

  it('follows BAOCAO_OCR_ENGINE when no engine is asked for', () => {
    const saved = process.env.BAOCAO_OCR_ENGINE;
    try {
      process.env.BAOCAO_OCR_ENGINE = 'auto';
      assert.equal(resolveOcrEngine(undefined, { binary: MISSING }), 'wasm');
      process.env.BAOCAO_OCR_ENGINE = 'native';
      assert.throws(() => resolveOcrEngine(undefined, { binary: MISSING }), OcrEngineUnavailableError);
      assert.equal(resolveOcrEngine('wasm', { binary: MISSING }), 'wasm', 'an engine asked for wins over the variable');
    } finally {
      if (saved === undefined) delete process.env.BAOCAO_OCR_ENGINE; else process.env.BAOCAO_OCR_ENGINE = saved;
    }
  });
});

describe('choosing the native model', () => {
  it('reads the bundled model unless BAOCAO_NATIVE_MODEL says system', () => {
    assert.equal(envNativeModel(undefined), 'bundled');
    assert.equal(envNativeModel(''), 'bundled');
    assert.equal(envNativeModel('bundled'), 'bundled');
    assert.equal(envNativeModel('fast'), 'bundled', 'an unknown value keeps the default');
    assert.equal(envNativeModel(' System '), 'system');
  });

  it('with BAOCAO_NATIVE_MODEL=system, native needs the system Vietnamese data', () => {
    const noVie = fakeTesseract('t5env', 'tesseract 5.3.0', ['eng', 'osd']);
    const saved = process.env.BAOCAO_NATIVE_MODEL;
    try {
      process.env.BAOCAO_NATIVE_MODEL = 'system';
      assert.equal(resolveOcrEngine('auto', { binary: noVie }), 'wasm');
      assert.throws(() => resolveOcrEngine('native', { binary: noVie }), (e: Error) => /no Vietnamese data/.test(e.message));
      assert.equal(resolveOcrEngine('native', { binary: noVie, nativeModel: 'bundled' }), 'native', 'a model asked for wins over the variable');
    } finally {
      if (saved === undefined) delete process.env.BAOCAO_NATIVE_MODEL; else process.env.BAOCAO_NATIVE_MODEL = saved;
    }
  });
});

describe('ingest with an engine that cannot run', () => {
  let saved: string | undefined;
  before(() => { saved = process.env.BAOCAO_TESSERACT; process.env.BAOCAO_TESSERACT = MISSING; });
  after(() => { if (saved === undefined) delete process.env.BAOCAO_TESSERACT; else process.env.BAOCAO_TESSERACT = saved; });

  it('gives an image one ocr/engine-unavailable error, not a throw', async () => {
    const r = await ingestImage(fixture('line.png'), { ocrEngine: 'native', jobs: 1 });
    assert.deepEqual(r.pages, []);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.ruleId, 'ocr/engine-unavailable');
    assert.equal(r.diagnostics[0]!.severity, 'error');
    assert.match(r.diagnostics[0]!.message, /native OCR engine cannot run: .*not found \(install tesseract-ocr\)/);
  });

  it('gives a scanned PDF one such error; a PDF with a text layer is read all the same', async () => {
    const scanned = await ingestPdf(fixture('scanned-2p.pdf'), { ocrEngine: 'native', jobs: 1 });
    assert.deepEqual(scanned.pages, []);
    assert.deepEqual(scanned.diagnostics.map((d) => d.ruleId), ['ocr/engine-unavailable']);
    const text = await ingestPdf(fixture('text.pdf'), { ocrEngine: 'native', jobs: 1 });
    assert.ok(text.pages.length > 0 && text.pages.every((p) => p.method === 'pdf-text'));
    assert.deepEqual(text.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('keeps the text-layer pages of a mixed PDF, with the one error for its scanned pages', async () => {
    const mixed = await ingestPdf(fixture('mixed.pdf'), { ocrEngine: 'native', jobs: 1 });
    assert.deepEqual(mixed.pages.map((p) => [p.method, p.lines.length > 0]), [['pdf-text', true], ['ocr', false]]);
    assert.deepEqual(mixed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId), ['ocr/engine-unavailable']);
  });
});
