import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateDocumentResult } from '../../src/core/schema.js';
import { parseCsv, ROOT, runCli } from './run-cli.js';

const SAMPLE = join(ROOT, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt');
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('baocao convert', () => {
  it('converts the sample into JSON that validates and CSVs a spreadsheet can read', async () => {
    const out = join(dir, 'sample');
    const r = await runCli(['convert', SAMPLE, '-o', out, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const json = JSON.parse(await readFile(join(out, 'bao-cao-ngoc-ky.ocr.txt.json'), 'utf8'));
    const checked = validateDocumentResult(json);
    assert.ok(checked.ok, checked.ok ? '' : checked.message);
    assert.equal(json.text.original, await readFile(SAMPLE, 'utf8'));
    assert.ok(json.paragraphs.some((p: { text: string }) => p.text === 'I. KET QUA THUC HIEN'));
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.path.endsWith('bao-cao-ngoc-ky.ocr.txt'), true);
    assert.ok(['ok', 'partial'].includes(rows[0]!.status), rows[0]!.error);
    const paragraphs = parseCsv(await readFile(join(out, 'paragraphs.csv'), 'utf8'));
    assert.equal(paragraphs.length, json.paragraphs.length);
    assert.ok(paragraphs.every((p) => p.path === rows[0]!.path), 'every row keyed by the document path');
    assert.equal(rows[0]!.paragraphs, String(json.paragraphs.length));
    assert.equal(existsSync(join(out, 'bao-cao-ngoc-ky.ocr.txt.paragraphs.csv')), false, 'no per-document CSV unless asked');
  });

  it('writes the structure: header columns in documents.csv, sections, annex table and figures CSVs', async () => {
    const out = join(dir, 'sample');
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows[0]!.type, 'Báo cáo');
    assert.equal(rows[0]!.number, '192/BC-UBND');
    assert.equal(rows[0]!.date, '2023-12-29');
    const json = JSON.parse(await readFile(join(out, 'bao-cao-ngoc-ky.ocr.txt.json'), 'utf8'));
    assert.deepEqual(json.sections.map((s: { number: string }) => s.number), ['I', 'II', 'III']);
    const sections = parseCsv(await readFile(join(out, 'sections.csv'), 'utf8'));
    assert.ok(sections.some((r) => r.section === 'I > 2 > 2.1' && r.kind !== ''), 'section paths as "I > 2 > 2.1"');
    assert.ok(sections.every((r) => r.path === rows[0]!.path));
    assert.ok(sections.every((r) => r.text === '' || r.original !== ''), 'each restored paragraph keeps its original text');
    const cells = parseCsv(await readFile(join(out, 'tables.csv'), 'utf8'));
    assert.equal(new Set(cells.map((c) => c.table)).size, 1, 'one annex table');
    assert.equal(Math.max(...cells.map((c) => Number(c.row))), 6, 'a header row and 5 rows');
    assert.equal(Math.max(...cells.map((c) => Number(c.column))), 3, 'and 3 columns');
    assert.equal(cells.length, 18);
    const figures = parseCsv(await readFile(join(out, 'figures.csv'), 'utf8'));
    assert.ok(figures.some((f) => f.text === '900 phút' && f.unit === 'phút'));
  });

  it('writes the per-document CSVs too with --per-document-csv', async () => {
    const out = join(dir, 'per-document');
    const r = await runCli(['convert', SAMPLE, '-o', out, '--quiet', '--no-restore', '--format', 'json', '--per-document-csv']);
    assert.equal(r.code, 0, r.stderr);
    const table = parseCsv(await readFile(join(out, 'bao-cao-ngoc-ky.ocr.txt.table-1.csv'), 'utf8'));
    assert.equal(table.length, 5, 'the annex table has 5 rows under its header');
    assert.equal(Object.keys(table[0]!).length, 3, 'and 3 columns');
    const json = JSON.parse(await readFile(join(out, 'bao-cao-ngoc-ky.ocr.txt.json'), 'utf8'));
    assert.equal(parseCsv(await readFile(join(out, 'bao-cao-ngoc-ky.ocr.txt.paragraphs.csv'), 'utf8')).length, json.paragraphs.length);
    assert.ok(existsSync(join(out, 'bao-cao-ngoc-ky.ocr.txt.sections.csv')));
    assert.ok(existsSync(join(out, 'bao-cao-ngoc-ky.ocr.txt.figures.csv')));
    assert.ok(existsSync(join(out, 'paragraphs.csv')), 'and the batch tables');
  });

  it('puts a directory of mixed documents into one documents.csv with a row per input', async () => {
    const src = join(dir, 'mixed');
    await mkdir(join(src, 'sub'), { recursive: true });
    await copyFile(SAMPLE, join(src, 'bao-cao.txt'));
    await writeFile(
      join(src, 'sub', 'thong-bao.txt'),
      'ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n\nSố: 15/TB-UBND\n\nSơn La, ngày 05 tháng 3 năm 2025\n\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\nI. ĐÁNH GIÁ CHUNG\n\nCác sở, ngành đã chủ động triển khai nhiệm vụ.\n',
    );
    await writeFile(join(src, 'sub', 'junk.pdf'), Buffer.from('%PDF-1.4\n%%garbage without objects'));
    const out = join(dir, 'mixed-out');
    const r = await runCli(['convert', src, '-o', out, '--quiet', '--jobs', '1']);
    assert.equal(r.code, 1, 'one input failed');
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    const byName = new Map(rows.map((row) => [row.path.split('/').pop()!, row]));
    assert.deepEqual([...byName.keys()].sort(), ['bao-cao.txt', 'junk.pdf', 'thong-bao.txt']);
    assert.equal(byName.get('junk.pdf')!.status, 'error');
    assert.notEqual(byName.get('junk.pdf')!.error, '');
    const notice = byName.get('thong-bao.txt')!;
    assert.equal(notice.type, 'Thông báo');
    assert.equal(notice.number, '15/TB-UBND');
    assert.equal(notice.date, '2025-03-05');
    assert.match(notice.issuer ?? "", /SƠN LA/);
  });

  it('mirrors the input tree so two report.txt in different folders never collide', async () => {
    const src = join(dir, 'tree');
    await mkdir(join(src, 'a'), { recursive: true });
    await mkdir(join(src, 'b', 'c'), { recursive: true });
    await writeFile(join(src, 'a', 'report.txt'), 'Báo cáo A\n');
    await writeFile(join(src, 'b', 'c', 'report.txt'), 'Báo cáo B\n');
    await writeFile(join(src, 'b', 'notes.ods'), 'skipped');
    const out = join(dir, 'tree-out');
    const r = await runCli(['convert', src, '-o', out, '--no-restore', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(await readFile(join(out, 'a', 'report.txt.json'), 'utf8'));
    const b = JSON.parse(await readFile(join(out, 'b', 'c', 'report.txt.json'), 'utf8'));
    assert.equal(a.paragraphs[0].text, 'Báo cáo A');
    assert.equal(b.paragraphs[0].text, 'Báo cáo B');
    assert.equal(parseCsv(await readFile(join(out, 'documents.csv'), 'utf8')).length, 2);
    assert.deepEqual((await readdir(out)).sort(), ['.baocao', 'a', 'b', 'documents.csv']);
  });

  it('expands quoted glob patterns itself', async () => {
    const src = join(dir, 'glob');
    await mkdir(src, { recursive: true });
    for (const n of ['x1.txt', 'x2.txt', 'y.txt']) await writeFile(join(src, n), `Văn bản ${n}\n`);
    const out = join(dir, 'glob-out');
    const r = await runCli(['convert', `${src}/x*.txt`, '-o', out, '--no-restore', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseCsv(await readFile(join(out, 'documents.csv'), 'utf8')).map((row) => row.path.split('/').pop()), ['x1.txt', 'x2.txt']);
  });

  it('decodes UTF-16 with a BOM and records the encoding', async () => {
    const src = join(dir, 'enc');
    await mkdir(src, { recursive: true });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Báo cáo năm 2023\n', 'utf16le')]);
    await writeFile(join(src, 'u16.txt'), utf16);
    await copyFile(SAMPLE, join(src, 'sample.txt'));
    const out = join(dir, 'enc-out');
    const r = await runCli(['convert', src, '-o', out, '--no-restore', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(await readFile(join(out, 'u16.txt.json'), 'utf8'));
    assert.equal(json.paragraphs[0].text, 'Báo cáo năm 2023');
    assert.match(json.source.encoding, /utf-?16/i);
  });

  it('detects VIQR input and writes Unicode Vietnamese', async () => {
    const src = join(dir, 'viqr');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'old.txt'), "Ba'o ca'o ke^'t qua? co^ng ta'c tuye^n truye^`n na(m 2023 cu?a UBND xa~ Ngo.c Ky`.\n");
    const out = join(dir, 'viqr-out');
    const r = await runCli(['convert', src, '-o', out, '--no-restore', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(await readFile(join(out, 'old.txt.json'), 'utf8'));
    assert.equal(json.source.encoding, 'viqr');
    assert.equal(json.paragraphs[0].text, 'Báo cáo kết quả công tác tuyên truyền năm 2023 của UBND xã Ngọc Kỳ.');
  });

  it('exits 2 with a usage message for bad options and missing arguments', async () => {
    for (const args of [['convert'], ['convert', SAMPLE, '--format', 'xml'], ['convert', SAMPLE, '--jobs', '0'], ['frobnicate']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^baocao: /);
    }
  });

  it('prints help and the JSON Schema', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /convert/);
    const schema = await runCli(['schema']);
    assert.equal(schema.code, 0);
    assert.equal(JSON.parse(schema.stdout).properties.schemaVersion.const, '1.8');
    assert.ok(JSON.parse(schema.stdout).properties.sections, 'the structure fields are part of the schema');
  });
});
