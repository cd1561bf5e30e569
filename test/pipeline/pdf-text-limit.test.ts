/** A PDF whose text passes the text limit is refused whole with a clear diagnostic, not restored until memory runs out. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { convert } from '../../src/index.js';

const pdf = new Uint8Array(readFileSync(new URL('../../fixtures/pdf/noted-signed.pdf', import.meta.url)));

describe("a PDF's text and the text limit", () => {
  it('refuses a PDF whose text is over the limit, saying its size, its pages and how to read it in parts', async () => {
    const r = await convert({ path: 'big.pdf', data: pdf }, { restore: false, maxTextBytes: 16 });
    const d = r.diagnostics.find((x) => x.ruleId === 'ingest/too-large');
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^the pdf's text is \d+\.\d MiB over \d+ pages?, over the 0\.0 MiB limit for one document: convert it in parts with --pages \(e\.g\. --pages 1-\d+\)$/);
    assert.equal(r.text.original, '');
    assert.ok(r.source.pages >= 1);
  });

  it('reads the same PDF under the default limit', async () => {
    const r = await convert({ path: 'big.pdf', data: pdf }, { restore: false });
    assert.equal(r.diagnostics.some((x) => x.ruleId === 'ingest/too-large'), false);
    assert.ok(r.text.original.length > 0);
  });
});
