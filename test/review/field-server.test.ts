/**
 * Header fields decided on the review server: POST /api/decide-field goes through the same guard
 * (token, body limit, one decision at a time) and the same log as the word decisions, and every
 * output follows: the JSON (fieldCorrections, correctedStructure), md and docx, documents.csv,
 * archive.csv, the workbook, the manifest record; a new conversion keeps them. Bad requests get a
 * 400 that says why, and the server goes on.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import XLSX from 'xlsx';
import { DocumentResultSchema } from '../../src/core/schema.js';
import { buildReviewServer } from '../../src/review/server.js';
import { correctionsPath, listDocuments, readCorrections, readFieldCorrections } from '../../src/review/folder.js';
import { readDocx } from '../emit/read-docx.js';
import { convertedSample, NAME, type Converted } from './converted-folder.js';

let sample: Converted;
let app: FastifyInstance;
let token: string;

const readJson = () => DocumentResultSchema.parse(JSON.parse(readFileSync(join(sample.out, `${NAME}.json`), 'utf8')));
const logLines = () => readFileSync(correctionsPath(sample.out), 'utf8').trim().split('\n');

function decideField(body: Record<string, unknown>, withToken = true) {
  return app.inject({ method: 'POST', url: '/api/decide-field', headers: { 'content-type': 'application/json', ...(withToken ? { 'x-baocao-token': token } : {}) }, payload: JSON.stringify({ name: NAME, ...body }) });
}

async function view(): Promise<{ fields: { field: string; machine: string | null; value: string | null; decision: { after: string | null } | null }[]; staleFields: number }> {
  return (await app.inject({ method: 'GET', url: `/api/document?name=${encodeURIComponent(NAME)}` })).json();
}

describe('baocao review: header fields decided directly', () => {
  before(async () => {
    sample = await convertedSample(['json', 'md', 'docx', 'csv', 'xlsx']);
    app = await buildReviewServer(sample.out, { tablesDelayMs: 60_000 });
    const page = await app.inject({ method: 'GET', url: '/' });
    token = /name="baocao-token" content="([^"]+)"/.exec(page.body)![1]!;
  });
  after(async () => {
    await app?.close();
    await sample?.remove();
  });

  it('shows each field with the machine value and where it came from', async () => {
    const { fields } = await view();
    assert.deepEqual(fields.map((f) => f.field), ['type', 'number', 'date', 'issuer', 'signer', 'position']);
    const signer = fields.find((f) => f.field === 'signer')!;
    assert.deepEqual([signer.machine, signer.value, signer.decision], ['Nguyễn Xuân Thoang', 'Nguyễn Xuân Thoang', null]);
    assert.deepEqual((fields.find((f) => f.field === 'signer') as unknown as { source: string; line: unknown }).line, { page: 4, line: 32 });
  });

  it('answers a bad request with a 400 that says why, logs nothing, and goes on', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ field: 'title', after: 'x', action: 'typed' }, /unknown field 'title'/],
      [{ field: 'number', after: `${'9'.repeat(90)}/BC-UBND`, action: 'typed' }, /over the 80/],
      [{ field: 'date', after: '31/04/2023', action: 'typed' }, /names no real day/],
      [{ field: 'date', after: 'hôm qua', action: 'typed' }, /is not a date/],
      [{ field: 'type', after: 'Bản tin', action: 'typed' }, /not a document type/],
      [{ field: 'signer', after: 'Nguyễn\nXuân', action: 'typed' }, /one line/],
      [{ field: 'number', after: '1/BC', action: 'alternative' }, /action/],
      [{ field: 'number', action: 'typed' }, /after/],
    ];
    for (const [body, why] of bad) {
      const res = await decideField(body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(res.json().error, why);
    }
    assert.equal((await decideField({ field: 'number', after: '1/BC-UBND', action: 'typed' }, false)).statusCode, 403);
    assert.throws(() => readFileSync(correctionsPath(sample.out)), /ENOENT/, 'nothing was logged');
    assert.equal((await app.inject({ method: 'GET', url: '/api/documents' })).statusCode, 200, 'the server goes on');
  });

  it('logs a field decision in the same log as the words, before answering, and keeps it apart in the JSON', async () => {
    const res = await decideField({ field: 'number', after: '193/BC-UBND', action: 'typed' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().saved, res.json().outputs], [true, 'rewritten']);
    const line = JSON.parse(logLines().at(-1)!);
    assert.deepEqual([line.kind, line.field, line.before, line.after, line.action, line.sha256], ['field', 'number', '192/BC-UBND', '193/BC-UBND', 'typed', readJson().source.sha256]);
    assert.deepEqual(readCorrections(sample.out), [], 'a field line is no word decision');
    for (const body of [{ field: 'date', after: 'ngày 30 tháng 12 năm 2023', action: 'typed' }, { field: 'signer', after: 'Nguyễn Xuân Thoáng', action: 'typed' }, { field: 'type', after: 'KH', action: 'typed' }, { field: 'number', after: '194/BC-UBND', action: 'typed' }]) {
      assert.equal((await decideField(body)).statusCode, 200);
    }
    assert.equal(readFieldCorrections(sample.out).length, 5);
    const json = readJson();
    assert.deepEqual(json.fieldCorrections!.map((c) => [c.field, c.after]), [['type', 'Kế hoạch'], ['number', '194/BC-UBND'], ['date', '2023-12-30'], ['signer', 'Nguyễn Xuân Thoáng']], 'the last per field');
    assert.deepEqual([json.meta?.number, json.meta?.date, json.signature?.name], ['192/BC-UBND', '2023-12-29', 'Nguyễn Xuân Thoang'], 'the machine reading stays');
    const s = json.correctedStructure!;
    assert.deepEqual([s.meta.type?.code, s.meta.number, s.meta.date, s.signature?.name], ['KH', '194/BC-UBND', '2023-12-30', 'Nguyễn Xuân Thoáng']);
    assert.equal(json.text.corrected, undefined, 'no word was decided: the text is the machine’s');
    const { fields } = await view();
    assert.equal(fields.find((f) => f.field === 'number')!.value, '194/BC-UBND');
  });

  it('writes the decided fields into md, docx, documents.csv, archive.csv, the workbook and the manifest record', async () => {
    const md = readFileSync(join(sample.out, `${NAME}.md`), 'utf8');
    assert.match(md, /Số: 194\/BC-UBND \| \*Ngọc Kỳ, ngày 30 tháng 12 năm 2023\*/);
    assert.match(md, /\*\*KẾ HOẠCH\*\*/);
    assert.doesNotMatch(md, /\*\*BÁO CÁO\*\*|Thoang/);
    const docx = await readDocx(readFileSync(join(sample.out, `${NAME}.docx`)));
    const docxText = docx.paragraphs.map((p) => p.text).join('\n') + docx.tables.flat(2).join('\n');
    assert.match(docxText, /194\/BC-UBND/);
    assert.doesNotMatch(docxText, /Thoang/);
    const record = listDocuments(sample.out).get(NAME)!.manifest.row.structure!;
    assert.deepEqual([record.type, record.number, record.date, record.signer], ['Kế hoạch', '194/BC-UBND', '2023-12-30', 'Nguyễn Xuân Thoáng']);
    await app.close();
    app = await buildReviewServer(sample.out, { tablesDelayMs: 60_000 });
    token = /name="baocao-token" content="([^"]+)"/.exec((await app.inject({ method: 'GET', url: '/' })).body)![1]!;
    const documents = readFileSync(join(sample.out, 'documents.csv'), 'utf8');
    assert.match(documents, /,Kế hoạch,194\/BC-UBND,2023-12-30,/);
    assert.match(documents, /Nguyễn Xuân Thoáng/);
    assert.match(readFileSync(join(sample.out, 'archive.csv'), 'utf8'), /,194,BC-UBND,/);
    const book = XLSX.read(readFileSync(join(sample.out, 'baocao.xlsx')));
    const row = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Documents']!)[0]!;
    assert.deepEqual([row.number, row.signer, row.type], ['194/BC-UBND', 'Nguyễn Xuân Thoáng', 'Kế hoạch']);
  });

  it('carries the decisions into a new conversion, and sets aside one made on another machine reading', async () => {
    const { runBatch } = await import('../../src/batch/run.js');
    const { applyLoggedCorrections } = await import('../../src/review/rewrite.js');
    const decided = readJson();
    await runBatch([join(sample.dir, NAME)], { outDir: sample.out, formats: ['json', 'md', 'docx', 'csv', 'xlsx'], resume: false, restore: true, fsync: false }, 1);
    const again = readJson();
    assert.deepEqual([again.fieldCorrections, again.correctedStructure], [decided.fieldCorrections, decided.correctedStructure]);
    assert.deepEqual((await applyLoggedCorrections(sample.out, listDocuments(sample.out))).rewritten, [], 'up to date');
    // The machine reads another number now (as a conversion with other settings might): that decision is stale.
    writeFileSync(join(sample.out, `${NAME}.json`), JSON.stringify({ ...again, meta: { ...again.meta, number: '190/BC-UBND' } }));
    const { fields, staleFields } = await view();
    assert.equal(staleFields, 1);
    assert.deepEqual(fields.find((f) => f.field === 'number')!.decision, null);
    const { rewritten } = await applyLoggedCorrections(sample.out, listDocuments(sample.out));
    assert.deepEqual(rewritten, [NAME]);
    const json = readJson();
    assert.deepEqual(json.fieldCorrections!.map((c) => c.field), ['type', 'date', 'signer']);
    assert.equal(json.correctedStructure?.meta.number, '190/BC-UBND', 'the machine’s reading, not the stale decision');
  });
});
