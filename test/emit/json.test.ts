import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';
import { documentJsonSchema, SCHEMA_VERSION, validateDocumentResult } from '../../src/core/schema.js';
import { documentJson } from '../../src/emit/json.js';
import { checkedDocumentJson } from '../../src/emit/json-checked.js';
import { documentRow, paragraphsCsv } from '../../src/emit/sheets.js';

const sample = new TextEncoder().encode('BÁO CÁO\n\nI. KẾT QUẢ\n\n1. Công tác triển khai\nđã ban hành kế hoạch\n\fTrang hai\n');

describe('output schema and JSON', () => {
  it('produces a result that validates, with source facts and the exact original text', async () => {
    const result = await convert({ path: 'a/b.txt', data: sample }, { restore: false });
    const checked = validateDocumentResult(result);
    assert.ok(checked.ok, checked.ok ? '' : checked.message);
    assert.equal(result.schemaVersion, SCHEMA_VERSION);
    assert.equal(result.source.kind, 'text');
    assert.equal(result.source.bytes, sample.length);
    assert.match(result.source.sha256, /^[0-9a-f]{64}$/);
    assert.equal(result.source.pages, 2);
    assert.equal(result.text.original, new TextDecoder().decode(sample));
    assert.equal(result.text.restored, null);
    assert.deepEqual(result.paragraphs.map((p) => p.text), ['BÁO CÁO', 'I. KẾT QUẢ', '1. Công tác triển khai đã ban hành kế hoạch', 'Trang hai']);
  });

  it('still writes a result that breaks the schema, with an internal/schema error naming the field', async () => {
    const result = await convert({ path: 'a.txt', data: sample }, { restore: false });
    const broken = { ...result, paragraphs: [{ ...result.paragraphs[0]!, lineStart: 0 }] };
    const out = documentJson(broken);
    assert.equal(out.ok, false);
    assert.match(out.ok ? '' : out.message, /paragraphs\.0\.lineStart/);
    const written = JSON.parse(out.text) as typeof result;
    assert.equal(written.text.original, result.text.original, 'the document itself is kept');
    const report = written.diagnostics.find((d) => d.ruleId === 'internal/schema');
    assert.equal(report?.severity, 'error');
    assert.match(report?.message ?? '', /paragraphs\.0\.lineStart.*a bug in baocao/);
  });

  it('gives the batch\'s checked JSON (zod loaded only when the plan refuses) as documentJson gives it', async () => {
    const result = await convert({ path: 'a.txt', data: sample }, { restore: false });
    const broken = { ...result, paragraphs: [{ ...result.paragraphs[0]!, lineStart: 0 }] };
    const { meta: _m, ...halfStructure } = result;
    for (const value of [result, broken, halfStructure, { ...result, extra: 1 }]) {
      const [sync, lazy] = [documentJson(value), await checkedDocumentJson(value)];
      assert.deepEqual(lazy, sync);
    }
    assert.match((await checkedDocumentJson(broken)).text, /paragraphs\.0\.lineStart.*a bug in baocao/, 'zod\'s message, from the lazy import');
    assert.match((await checkedDocumentJson(halfStructure)).text, /all or none \(only preamble/, 'the all-or-none rule, without zod');
  });

  it('serialises a valid result as indented JSON that parses back to the same value', async () => {
    const result = await convert({ path: 'a.txt', data: sample }, { restore: false });
    const out = documentJson(result);
    assert.ok(out.ok);
    assert.deepEqual(JSON.parse(out.ok ? out.text : ''), result);
  });

  it('publishes a JSON Schema that requires the contract fields', () => {
    const schema = documentJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    for (const key of ['schemaVersion', 'source', 'text', 'pages', 'paragraphs', 'diagnostics']) assert.ok(schema.required.includes(key), key);
  });

  it('turns an ingest error into a diagnostic, an error row and no paragraphs — never a throw', async () => {
    const result = await convert({ path: 'empty.txt', data: new Uint8Array() }, { restore: false });
    assert.ok(validateDocumentResult(result).ok);
    const row = documentRow(result, []);
    assert.equal(row.status, 'error');
    assert.match(row.error, /^ingest\/empty/);
  });

  it('marks a document whose restoration could not run as partial, not failed', async () => {
    const result = await convert({ path: 'a.txt', data: sample }, { restore: {} });
    assert.ok(result.diagnostics.some((d) => d.ruleId === 'restore/no-model'));
    assert.equal(documentRow(result, []).status, 'partial');
  });

  it('writes one paragraphs.csv row per paragraph with its page and line range', async () => {
    const result = await convert({ path: 'a.txt', data: sample }, { restore: false });
    const lines = (await paragraphsCsv(result)).replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'page,line_start,line_end,text,restored');
    assert.equal(lines[3], '1,5,6,1. Công tác triển khai đã ban hành kế hoạch,');
    assert.equal(lines[4], '2,1,1,Trang hai,');
  });
});
