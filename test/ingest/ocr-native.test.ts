import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nativeTesseractStatus } from '../../src/ingest/ocr/engine.js';
import { createNativeOcrPool, isLeptonicaImage, nativeArgs } from '../../src/ingest/ocr/native-pool.js';
import { ocrPage } from '../../src/ingest/ocr/page.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));
const native = nativeTesseractStatus();
const skipNative = native.available ? false : `native tesseract cannot run here: ${native.reason}`;
const system = nativeTesseractStatus({ model: 'system' });
const skipSystem = system.available ? false : `no system Vietnamese model: ${system.reason}`;

/** Share of `a`'s words found in order in `b` (longest common subsequence of words). */
function wordsInCommon(a: string, b: string): number {
  const x = a.split(/\s+/).filter(Boolean), y = b.split(/\s+/).filter(Boolean);
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const w of x) {
    const cur = [0];
    for (let j = 1; j <= y.length; j++) cur[j] = w === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return prev[y.length]! / Math.max(x.length, 1);
}

/** A page result in the shape fromTsv gives: every word on a line, in the line's text, with a box inside the image. */
function assertPageShape(r: OcrPageResult, width: number, height: number): void {
  assert.ok(r.lines.length > 0);
  r.lines.forEach((line, k) => {
    const words = r.words.filter((w) => w.line === k + 1);
    assert.ok(words.length > 0, `line ${k + 1} has words`);
    assert.equal(line.split(/ +/).join(' '), words.map((w) => w.text).join(' '));
  });
  for (const w of r.words) {
    const [x0, y0, x1, y1] = w.bbox;
    assert.ok(x0 >= 0 && y0 >= 0 && x0 < x1 && y0 < y1 && x1 <= width && y1 <= height, `bbox inside the ${width}×${height} image: ${w.bbox}`);
    assert.ok(Number.isInteger(w.confidence) && w.confidence >= 0 && w.confidence <= 100);
  }
  assert.ok(r.confidence > 50 && r.confidence <= 100);
}

describe('native tesseract command line', () => {
  it('asks for what the tesseract.js workers are set to: vie, LSTM, the psm, single inter-word spaces, no inverted second reading, TSV', () => {
    const args = nativeArgs('3', '/models');
    assert.deepEqual(args.slice(0, 2), ['stdin', 'stdout']);
    assert.equal(args[args.indexOf('-l') + 1], 'vie');
    assert.equal(args[args.indexOf('--oem') + 1], '1');
    assert.equal(args[args.indexOf('--psm') + 1], '3');
    assert.equal(args[args.indexOf('--tessdata-dir') + 1], '/models');
    for (const c of ['preserve_interword_spaces=0', 'tessedit_do_invert=0', 'tessedit_create_tsv=1', 'tessedit_create_txt=0']) assert.ok(args.includes(c), c);
    assert.ok(!nativeArgs('6').includes('--tessdata-dir'), 'the system model: no tessdata folder given');
  });
});

describe('native OCR engine', () => {
  let nativePool: OcrPool;
  let wasmPool: OcrPool;
  before(() => {
    nativePool = createNativeOcrPool({ jobs: 2 });
    wasmPool = createOcrPool({ jobs: 1 });
  });
  after(async () => { await Promise.all([nativePool.terminate(), wasmPool.terminate()]); });

  it('reads a fixture scan into the same shape as tesseract.js, with text close to it', { skip: skipNative }, async () => {
    const [n, w] = await Promise.all([nativePool.recognize(fixture('page2.jpg')), wasmPool.recognize(fixture('page2.jpg'))]);
    assert.equal(nativePool.engine, 'native');
    assertPageShape(n, 1500, 330);
    assertPageShape(w, 1500, 330);
    assert.ok(Math.abs(n.lines.length - w.lines.length) <= 1, `lines: native ${n.lines.length}, wasm ${w.lines.length}`);
    const common = wordsInCommon(w.lines.join(' '), n.lines.join(' '));
    assert.ok(common >= 0.9, `only ${(common * 100).toFixed(0)} % of the words alike:\n${w.lines.join('\n')}\n---\n${n.lines.join('\n')}`);
    assert.match(n.lines.join('\n'), /thủ tục hành chính/);
  });

  it('reads a Vietnamese line with its diacritics', { skip: skipNative }, async () => {
    const r = await nativePool.recognize(fixture('line.png'));
    assert.equal(r.lines.length, 1);
    assert.match(r.lines[0]!, /Kết quả tuyên truyền công tác cải cách hành chính năm 2023/);
    assertPageShape(r, 1500, 110);
  });

  it('reads one image in another segmentation mode for that job only', { skip: skipNative }, async () => {
    const asOneLine = await nativePool.recognize(fixture('page2.jpg'), { psm: '7' });
    assert.ok(asOneLine.lines.length <= 1, asOneLine.lines.join(' | '));
    assert.ok((await nativePool.recognize(fixture('page2.jpg'))).lines.length > 1);
  });

  it('marks its pages as read by the native engine, through the same page checks', { skip: skipNative }, async () => {
    const r = await ocrPage(nativePool, fixture('page2.jpg'), 1);
    assert.equal(r.page.ocrEngine, 'native');
    assert.equal(r.page.method, 'ocr');
    assert.ok(r.page.words!.length > 0);
    assert.equal((await ocrPage(wasmPool, fixture('line.png'), 1)).page.ocrEngine, 'wasm');
  });

  it('turns an undecodable image into an ocr/page-failed diagnostic worded as tesseract.js words it, and keeps working', { skip: skipNative }, async () => {
    const r = await ocrPage(nativePool, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]), 2);
    assert.deepEqual(r.page.lines, []);
    assert.equal(r.diagnostics[0]?.ruleId, 'ocr/page-failed');
    assert.match(r.diagnostics[0]!.message, /^OCR failed on page 2: Error attempting to read image/);
    const cut = await ocrPage(nativePool, fixture('line.png').subarray(0, 4000), 3);
    assert.match(cut.diagnostics[0]!.message, /^OCR failed on page 3: Error attempting to read image \(native tesseract: .*png/i);
    assert.deepEqual(r.diagnostics[0]?.place, { page: 2, line: 1 });
    assert.match((await nativePool.recognize(fixture('page2.jpg'))).lines.join('\n'), /thủ tục hành chính/);
  });

  it('fails a page that exceeds the time limit, kills its process, and still shuts down', { skip: skipNative }, async () => {
    const p = createNativeOcrPool({ jobs: 1, pageTimeoutMs: 1 });
    await assert.rejects(p.recognize(fixture('page2.jpg')), /longer than 0.001 s/);
    await p.terminate();
    await assert.rejects(p.recognize(fixture('line.png')), /terminated/);
  });

  it('reads with the system model when asked', { skip: skipSystem }, async () => {
    const p = createNativeOcrPool({ jobs: 1, model: 'system' });
    try {
      assert.match((await p.recognize(fixture('line.png'))).lines[0]!, /cải cách hành chính/);
    } finally {
      await p.terminate();
    }
  });

  it('runs at most `jobs` processes at once, each page on stdin, and reads their TSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baocao-fake-tesseract-'));
    // A stand-in binary: notes how many copies of it are running, then answers one word.
    const bin = join(dir, 'tesseract');
    writeFileSync(bin, `#!/bin/sh\ntouch "${dir}/run.$$"\nbytes=$(wc -c)\nsleep 0.3\nls "${dir}" | grep -c '^run\\.' >> "${dir}/counts"\nrm "${dir}/run.$$"\nprintf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t50\\t20\\t91.5\\tchữ%s\\n' "$bytes"\n`);
    chmodSync(bin, 0o755);
    const p = createNativeOcrPool({ jobs: 2, binary: bin });
    try {
      const pages = await Promise.all(Array.from({ length: 5 }, (_, i) => p.recognize(new Uint8Array([...new TextEncoder().encode('P5\n1 1\n255\n'), 0].concat(new Array(i).fill(0))))));
      assert.deepEqual(pages.map((r) => r.lines), [['chữ12'], ['chữ13'], ['chữ14'], ['chữ15'], ['chữ16']]);
      assert.deepEqual(pages[0]!.words, [{ text: 'chữ12', confidence: 91, bbox: [10, 10, 60, 30], line: 1 }]);
      const counts = readFileSync(join(dir, 'counts'), 'utf8').trim().split('\n').map(Number);
      assert.equal(counts.length, 5);
      assert.equal(Math.max(...counts), 2, `processes seen at once: ${counts}`);
    } finally {
      await p.terminate();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with a clear message when the binary is missing', async () => {
    const p = createNativeOcrPool({ jobs: 1, binary: '/nonexistent/tesseract' });
    await assert.rejects(p.recognize(fixture('line.png')), /'\/nonexistent\/tesseract' not found \(install tesseract-ocr/);
    await p.terminate();
  });
});

describe('what the native engine is given', () => {
  it('only bytes Leptonica takes for an image: anything else Tesseract would read as a list of files to OCR', () => {
    for (const name of ['line.png', 'page2.jpg', 'pages-2p.tif']) assert.ok(isLeptonicaImage(fixture(name)), name);
    assert.ok(isLeptonicaImage(new TextEncoder().encode('P5\n2 2\n255\n\0\0\0\0')));
    assert.ok(!isLeptonicaImage(new TextEncoder().encode('/etc/passwd\n/home/user/scan.png\n')));
    assert.ok(!isLeptonicaImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8])));
  });
});
