/**
 * A correction of the signer's name or of the document's number in the text reaches meta and
 * signature: the review rewrite reads the structure again from the corrected text (the pipeline's
 * own segment stage) and writes it into every output the batch wrote, while the JSON keeps the
 * machine's structure as it was.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import XLSX from 'xlsx';
import { restoredLines } from '../../src/core/corrections.js';
import { DocumentResultSchema, ReadableDocumentResultSchema, type DocumentResult } from '../../src/core/schema.js';
import { appendCorrection, listDocuments, readCorrections } from '../../src/review/folder.js';
import { applyLoggedCorrections, rewriteBatchTables, rewriteDocument } from '../../src/review/rewrite.js';
import { readDocx } from '../emit/read-docx.js';
import { convertedSample, NAME, type Converted } from './converted-folder.js';

let sample: Converted;
let machine: DocumentResult;

const readJson = () => DocumentResultSchema.parse(JSON.parse(readFileSync(join(sample.out, `${NAME}.json`), 'utf8')));

/** Logs the person's replacement of `before` by `after` on the first restored line holding it. */
function correct(before: string, after: string): void {
  for (const [key, line] of restoredLines(machine)) {
    const start = line.text.indexOf(before);
    if (start < 0) continue;
    const [page, no] = key.split(':').map(Number) as [number, number];
    appendCorrection(sample.out, { sha256: machine.source.sha256, document: NAME, page, line: no, start, end: start + before.length, before, after, time: new Date().toISOString(), action: 'typed' });
    return;
  }
  throw new Error(`'${before}' is not in the restored text`);
}

describe('review: the structure read again from the corrected text', () => {
  before(async () => {
    sample = await convertedSample(['json', 'txt', 'md', 'docx', 'csv', 'xlsx']);
    machine = readJson();
    assert.equal(machine.signature?.name, 'Nguyễn Xuân Thoang', 'the sample as the machine reads it');
    assert.equal(machine.meta?.number, '192/BC-UBND');
    correct('Thoang', 'Thoáng');
    correct('192/BC-UBND', '193/BC-UBND');
    const doc = listDocuments(sample.out).get(NAME)!;
    const outcome = await rewriteDocument(sample.out, doc);
    assert.deepEqual(outcome.stale, []);
    assert.deepEqual(await rewriteBatchTables(sample.out, listDocuments(sample.out).values()), []);
  });
  after(async () => {
    await sample?.remove();
  });

  it('keeps the machine structure at the top of the JSON and puts the re-read one beside it', () => {
    const json = readJson();
    assert.equal(json.signature?.name, 'Nguyễn Xuân Thoang');
    assert.equal(json.meta?.number, '192/BC-UBND');
    assert.equal(json.correctedStructure?.signature?.name, 'Nguyễn Xuân Thoáng');
    assert.equal(json.correctedStructure?.meta.number, '193/BC-UBND');
    assert.equal(json.correctedStructure?.structureFrom, 'restored-lines');
    assert.equal(json.corrections?.length, 2, 'the person’s decisions stay apart');
    assert.equal(json.text.restored, machine.text.restored, 'the machine text is untouched');
    // Everything else the machine read is there unchanged.
    const { correctedStructure: _c, corrections: _k, text: _t, ...rest } = json;
    const { text: _m, ...machineRest } = machine;
    assert.deepEqual(rest, machineRest);
  });

  it('writes the re-read signer and number into the txt, md and docx', async () => {
    assert.match(readFileSync(join(sample.out, `${NAME}.txt`), 'utf8'), /Nguyễn Xuân Thoáng\s*$/);
    const md = readFileSync(join(sample.out, `${NAME}.md`), 'utf8');
    assert.match(md, /Nguyễn Xuân Thoáng/);
    assert.doesNotMatch(md, /Thoang/);
    const docx = await readDocx(readFileSync(join(sample.out, `${NAME}.docx`)));
    const text = docx.paragraphs.map((p) => p.text).join('\n') + docx.tables.flat(2).join('\n');
    assert.match(text, /Nguyễn Xuân Thoáng/);
    assert.match(text, /193\/BC-UBND/);
    assert.doesNotMatch(text, /Thoang/);
  });

  it('writes them into documents.csv, the archive table and the workbook', () => {
    const documents = readFileSync(join(sample.out, 'documents.csv'), 'utf8');
    assert.match(documents, /193\/BC-UBND/);
    assert.match(documents, /Nguyễn Xuân Thoáng/);
    assert.doesNotMatch(documents, /Thoang/);
    assert.match(readFileSync(join(sample.out, 'archive.csv'), 'utf8'), /,193,BC-UBND,/);
    const book = XLSX.read(readFileSync(join(sample.out, 'baocao.xlsx')));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Documents']!);
    assert.equal(rows[0]!.signer, 'Nguyễn Xuân Thoáng');
    assert.equal(rows[0]!.number, '193/BC-UBND');
  });

  it('reads an earlier JSON with corrections but no re-read structure, and brings it up to date at start', async () => {
    const json = readJson();
    const { correctedStructure: _c, ...older } = json;
    const v13 = { ...older, schemaVersion: '1.3' };
    assert.ok(ReadableDocumentResultSchema.safeParse(v13).success, 'a 1.3 file is still read');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(sample.out, `${NAME}.json`), JSON.stringify(v13));
    const { rewritten, problems } = await applyLoggedCorrections(sample.out, listDocuments(sample.out));
    assert.deepEqual([rewritten, problems], [[NAME], []]);
    assert.equal(readJson().correctedStructure?.signature?.name, 'Nguyễn Xuân Thoáng');
    assert.equal(readCorrections(sample.out).length, 2);
  });
});
