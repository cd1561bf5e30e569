import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nativeTesseractStatus } from '../../src/ingest/ocr/engine.js';
import { parseCsv, ROOT, runCli } from './run-cli.js';

const installed = nativeTesseractStatus();
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-ocr-engine-'));
  await mkdir(join(dir, 'in'));
  await copyFile(join(ROOT, 'fixtures', 'scans', 'line.png'), join(dir, 'in', 'line.png'));
  await writeFile(join(dir, 'in', 'note.txt'), 'Báo cáo kết quả công tác năm 2023.\n');
});
after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

/** The CLI with BAOCAO_TESSERACT set for its process only. */
async function convertWith(binary: string | undefined, args: string[]) {
  const saved = process.env.BAOCAO_TESSERACT;
  if (binary === undefined) delete process.env.BAOCAO_TESSERACT; else process.env.BAOCAO_TESSERACT = binary;
  try {
    return await runCli(['convert', ...args, '--no-restore', '--jobs', '1', '--quiet']);
  } finally {
    if (saved === undefined) delete process.env.BAOCAO_TESSERACT; else process.env.BAOCAO_TESSERACT = saved;
  }
}

describe('convert --ocr-engine', () => {
  it('native without a tesseract binary: each scan an error row saying so, the text files converted', async () => {
    const out = join(dir, 'out-missing');
    const r = await convertWith('/nonexistent/bin/tesseract', [join(dir, 'in'), '-o', out, '--ocr-engine', 'native']);
    assert.equal(r.code, 1, r.stderr);
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    const scan = rows.find((x) => x.path.endsWith('line.png'))!;
    assert.equal(scan.status, 'error');
    assert.match(scan.error, /^ocr\/engine-unavailable: the native OCR engine cannot run: '\/nonexistent\/bin\/tesseract' not found \(install tesseract-ocr\)/);
    assert.equal(rows.find((x) => x.path.endsWith('note.txt'))!.status, 'ok');
  });

  it('auto without a tesseract binary reads the scan with tesseract.js and says so on its page', async () => {
    const out = join(dir, 'out-auto');
    const r = await convertWith('/nonexistent/bin/tesseract', [join(dir, 'in', 'line.png'), '-o', out, '--ocr-engine', 'auto', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(await readFile(join(out, 'line.png.json'), 'utf8'));
    assert.equal(json.pages[0].ocrEngine, 'wasm');
    assert.match(json.text.original, /cải cách hành chính/);
  });

  it('native records the engine on each page and reads the same line', { skip: installed.available ? false : `native tesseract cannot run here: ${installed.reason}` }, async () => {
    const out = join(dir, 'out-native');
    const r = await convertWith(undefined, [join(dir, 'in', 'line.png'), '-o', out, '--ocr-engine', 'native', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(await readFile(join(out, 'line.png.json'), 'utf8'));
    assert.equal(json.pages[0].ocrEngine, 'native');
    assert.equal(json.pages[0].method, 'ocr');
    assert.ok(json.pages[0].words.length > 5 && json.pages[0].words.every((w: { bbox: number[] }) => w.bbox.length === 4));
    assert.match(json.text.original, /Kết quả tuyên truyền công tác cải cách hành chính năm 2023/);
  });

  it('refuses an engine it does not know', async () => {
    const r = await runCli(['convert', join(dir, 'in'), '-o', join(dir, 'out-bad'), '--ocr-engine', 'gpu']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--ocr-engine.*'gpu' is invalid.*wasm, native, auto/s);
  });
});
