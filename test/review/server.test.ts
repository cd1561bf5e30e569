import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseString } from 'fast-csv';
import type { FastifyInstance } from 'fastify';
import { DocumentResultSchema } from '../../src/core/schema.js';
import { buildReviewServer } from '../../src/review/server.js';
import { correctionsPath } from '../../src/review/folder.js';
import { tablesPending } from '../../src/review/rewrite.js';
import { convertedSample, NAME, type Converted } from './converted-folder.js';

let sample: Converted;

async function session(app: FastifyInstance): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/' });
  assert.equal(page.statusCode, 200);
  const token = /name="baocao-token" content="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token && token !== '__TOKEN__', 'the page carries a session token');
  return token;
}

function decide(app: FastifyInstance, token: string | null, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/decide', headers: { 'content-type': 'application/json', ...(token ? { 'x-baocao-token': token } : {}) }, payload: JSON.stringify(body) });
}

function readJson(out: string) {
  return DocumentResultSchema.parse(JSON.parse(readFileSync(join(out, `${NAME}.json`), 'utf8')));
}

async function csvRecords(path: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  await new Promise<void>((done, fail) => {
    parseString(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { headers: true })
      .on('data', (r: Record<string, string>) => rows.push(r))
      .on('error', fail)
      .on('end', () => done());
  });
  return rows;
}

describe('baocao review server', () => {
  before(async () => {
    sample = await convertedSample(['json', 'txt', 'csv']);
  });
  after(async () => {
    await sample?.remove();
  });

  it('lists the converted documents by words left to check', async () => {
    const app = await buildReviewServer(sample.out);
    const list = (await app.inject({ method: 'GET', url: '/api/documents' })).json() as { name: string; review: number; left: number }[];
    assert.equal(list.length, 1);
    assert.equal(list[0]!.name, NAME);
    assert.ok(list[0]!.review > 2, 'the sample has unsure words');
    assert.equal(list[0]!.left, list[0]!.review);
    await app.close();
  });

  it('refuses traversal paths and absolute paths, in assets and document names', async () => {
    const app = await buildReviewServer(sample.out);
    const urls = [
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/%2fetc%2fpasswd',
      '/..%2f..%2fpackage.json',
      '/assets/../../package.json',
      `/api/document?name=..%2f${encodeURIComponent(NAME)}`,
      '/api/document?name=..%2f..%2f..%2fetc%2fpasswd',
      '/api/document?name=%2fetc%2fpasswd',
      `/api/document?name=${encodeURIComponent(join(sample.out, NAME))}`,
      '/api/image?name=%2fetc%2fpasswd&page=1',
    ];
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, `${url} → ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"name": "baocao"|root:/, url);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode, 200);
    await app.close();
  });

  it('answers a POST without the session token, or with a made-up one, with 403 and logs nothing', async () => {
    const app = await buildReviewServer(sample.out);
    await session(app);
    assert.equal((await decide(app, null, { name: NAME, index: 0, after: 'x', action: 'typed' })).statusCode, 403);
    assert.equal((await decide(app, 'not-a-token', { name: NAME, index: 0, after: 'x', action: 'typed' })).statusCode, 403);
    assert.throws(() => readFileSync(correctionsPath(sample.out)), /ENOENT/);
    await app.close();
  });

  it('refuses a body over the limit with 413', async () => {
    const app = await buildReviewServer(sample.out, { bodyLimit: 1024 });
    const token = await session(app);
    const res = await decide(app, token, { name: NAME, index: 0, after: 'x'.repeat(2000), action: 'typed' });
    assert.equal(res.statusCode, 413);
    await app.close();
  });

  it('has the decision in corrections.jsonl before the page is told it is saved', async () => {
    const app = await buildReviewServer(sample.out);
    const atSend: string[] = [];
    app.addHook('onSend', async (req, _reply, payload) => {
      if (req.url === '/api/decide') atSend.push(readFileSync(correctionsPath(sample.out), 'utf8'));
      return payload;
    });
    const token = await session(app);
    const target = readJson(sample.out).review![0]!;
    const res = await decide(app, token, { name: NAME, index: 0, after: target.alternatives[0]!, action: 'alternative' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().saved, true);
    const logged = atSend[0]!.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(logged.at(-1).after, target.alternatives[0]);
    assert.equal(logged.at(-1).before, target.restored);
    assert.equal(logged.at(-1).page, target.page);
    assert.match(logged.at(-1).sha256, /^[0-9a-f]{64}$/);
    await app.close();
  });

  it('keeps both tabs’ corrections: the log is appended and the JSON rebuilt from every line', async () => {
    const app = await buildReviewServer(sample.out, { tablesDelayMs: 60_000 });
    const [tabA, tabB] = [await session(app), await session(app)];
    const machine = readJson(sample.out);
    const review = machine.review!;
    // A on word 1, B on word 2, A on word 3: each rewrite must keep the others.
    assert.equal((await decide(app, tabA, { name: NAME, index: 1, after: 'ĐÚNG', action: 'typed' })).statusCode, 200);
    assert.equal((await decide(app, tabB, { name: NAME, index: 2, after: review[2]!.alternatives[0]!, action: 'alternative' })).statusCode, 200);
    assert.equal((await decide(app, tabA, { name: NAME, index: 3, after: review[3]!.restored, action: 'accepted' })).statusCode, 200);
    const lines = readFileSync(correctionsPath(sample.out), 'utf8').trim().split('\n');
    assert.ok(lines.length >= 3);

    const result = readJson(sample.out);
    const places = new Map(result.corrections!.map((c) => [`${c.page}:${c.line}:${c.before}`, c.after]));
    assert.equal(places.get(`${review[1]!.page}:${review[1]!.line}:${review[1]!.restored}`), 'ĐÚNG');
    assert.equal(places.get(`${review[2]!.page}:${review[2]!.line}:${review[2]!.restored}`), review[2]!.alternatives[0]);
    assert.equal(places.get(`${review[3]!.page}:${review[3]!.line}:${review[3]!.restored}`), review[3]!.restored);
    // The machine reading is untouched; the corrected text is beside it.
    assert.equal(result.text.restored, machine.text.restored);
    assert.equal(result.text.original, machine.text.original);
    assert.deepEqual(result.review, machine.review);
    assert.ok(result.text.corrected!.includes('ĐÚNG'));
    assert.ok(readFileSync(join(sample.out, `${NAME}.txt`), 'utf8').includes('ĐÚNG'), 'the txt is written again');

    const list = (await app.inject({ method: 'GET', url: '/api/documents' })).json() as { decided: number; left: number; review: number }[];
    assert.equal(list[0]!.decided, 4);
    assert.equal(list[0]!.left, list[0]!.review - 4);
    // The batch tables are rebuilt once decisions pause, or when the server closes; a marker says one is owed.
    assert.equal(tablesPending(sample.out), true);
    await app.close();
    assert.equal(tablesPending(sample.out), false);
    const paragraphs = await csvRecords(join(sample.out, 'paragraphs.csv'));
    assert.ok(paragraphs.some((r) => r.restored!.includes('ĐÚNG')), 'the batch table paragraphs.csv is written again');
  });

  it('applies the logged corrections again to a folder converted again since', async () => {
    const { runBatch } = await import('../../src/batch/run.js');
    const { applyLoggedCorrections } = await import('../../src/review/rewrite.js');
    const { listDocuments } = await import('../../src/review/folder.js');
    const before = readJson(sample.out);
    await runBatch([join(sample.dir, NAME)], { outDir: sample.out, formats: ['json', 'txt', 'csv'], resume: false, restore: true, fsync: false }, 1);
    // The batch itself writes the logged decisions into a new conversion (batch/corrections-log.ts)…
    const after = readJson(sample.out);
    assert.deepEqual(after.corrections, before.corrections);
    assert.deepEqual(after.correctedStructure, before.correctedStructure);
    assert.equal(readFileSync(join(sample.out, `${NAME}.txt`), 'utf8'), before.text.corrected);
    // …so the review page finds the folder up to date; a machine JSON left by an earlier version is brought up to it.
    assert.deepEqual((await applyLoggedCorrections(sample.out, listDocuments(sample.out))).rewritten, [], 'nothing to do');
    const machine = { ...after, text: { original: after.text.original, restored: after.text.restored } };
    delete machine.corrections;
    delete machine.correctedStructure;
    writeFileSync(join(sample.out, `${NAME}.json`), JSON.stringify(machine));
    const { rewritten, problems } = await applyLoggedCorrections(sample.out, listDocuments(sample.out));
    assert.deepEqual([rewritten, problems], [[NAME], []]);
    assert.deepEqual(readJson(sample.out).corrections, before.corrections);
  });

  it('keeps the outputs trusted by --resume: the manifest records the rewritten files', async () => {
    const { DoneIndex, completedRecord } = await import('../../src/batch/done-index.js');
    const index = new DoneIndex(sample.out);
    const manifest = index.get(NAME)!.manifest;
    assert.ok(completedRecord(sample.out, NAME, manifest.sha256, manifest.settings, index), 'the manifest matches the rewritten outputs');
    index.close();
  });

  it('offers the e-signing day where no date was read as a suggestion, apart from the document\'s date', async () => {
    const json = readJson(sample.out);
    const app = await buildReviewServer(sample.out);
    const view = async () => (await app.inject({ method: 'GET', url: `/api/document?name=${encodeURIComponent(NAME)}` })).json() as { dateSuggestion: { date: string; signedAt: string } | null };
    assert.equal((await view()).dateSuggestion, null, 'the sample has none');
    writeFileSync(join(sample.out, `${NAME}.json`), JSON.stringify({ ...json, meta: { ...json.meta, date: null, dateSuggestion: { date: '2023-11-20', source: 'e-signature', signedAt: '2023-11-20T09:00:00+07:00' } } }));
    assert.deepEqual((await view()).dateSuggestion, { date: '2023-11-20', signedAt: '2023-11-20T09:00:00+07:00' });
    const js = (await app.inject({ method: 'GET', url: '/assets/app.js' })).body;
    assert.ok(js.includes('doc.dateSuggestion') && js.includes('Suggested from the e-signature'), 'the page shows it');
    writeFileSync(join(sample.out, `${NAME}.json`), JSON.stringify(json));
    await app.close();
  });
});
