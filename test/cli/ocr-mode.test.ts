import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { layeredPdf } from '../ingest/layered-pdf.js';
import { runCli } from './run-cli.js';

const scan = { bytes: new Uint8Array(readFileSync(new URL('../../fixtures/scans/page2.jpg', import.meta.url))), width: 1500, height: 330 };
const JUNK = ['Trang hai cua ban quet thu nghiem', 'Ngiroi dan dtroc huang dan thu tuc hanh chinh', 'tren c6ng dich vu cong tnrc tuyen cua tinh.'];
let dir: string, pdf: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-ocr-mode-'));
  pdf = join(dir, 'searchable-scan.pdf');
  await writeFile(pdf, layeredPdf({ lines: JUNK, renderMode: 3, jpeg: scan }));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pageOf = async (out: string) => {
  const json = JSON.parse(await readFile(join(out, 'searchable-scan.pdf.json'), 'utf8'));
  return { method: json.pages[0].method as string, text: json.text.original as string, rules: (json.diagnostics as { ruleId: string }[]).map((d) => d.ruleId) };
};

describe('baocao convert --ocr', () => {
  it('auto (the default) OCRs the scan under a junk scanner text layer and says why in the JSON', async () => {
    const out = join(dir, 'auto');
    const r = await runCli(['convert', pdf, '-o', out, '--format', 'json', '--no-restore', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const p = await pageOf(out);
    assert.equal(p.method, 'ocr');
    assert.match(p.text, /thủ tục hành chính/);
    assert.ok(p.rules.includes('ingest/untrusted-text-layer'));
  });

  it('never takes the text layer as it is', async () => {
    const out = join(dir, 'never');
    const r = await runCli(['convert', pdf, '-o', out, '--format', 'json', '--no-restore', '--quiet', '--ocr', 'never']);
    assert.equal(r.code, 0, r.stderr);
    const p = await pageOf(out);
    assert.deepEqual([p.method, p.text], ['pdf-text', JUNK.join('\n')]);
    assert.ok(!p.rules.includes('ingest/untrusted-text-layer'));
  });

  it('refuses a mode it does not know as a usage error', async () => {
    const r = await runCli(['convert', pdf, '-o', join(dir, 'bad'), '--ocr', 'sometimes']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--ocr.*sometimes|sometimes.*(auto|choices)/s);
  });
});
