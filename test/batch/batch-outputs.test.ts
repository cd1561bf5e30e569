import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import XLSX from 'xlsx';
import { ARCHIVE_COLUMNS } from '../../src/emit/archive.js';
import { CELL_LIMIT } from '../../src/emit/cell-limit.js';
import { parseCsv, ROOT, runCli, type CliRun } from '../cli/run-cli.js';

const SAMPLE = join(ROOT, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt');
const BATCH_CSVS = ['documents.csv', 'sections.csv', 'paragraphs.csv', 'tables.csv', 'figures.csv', 'review.csv', 'e-signatures.csv', 'annotations.csv', 'archive.csv'];
const NOTICE = 'ỦY BAN NHÂN DÂN\nXÃ NGỌC KỲ\n\nSố: 05/TB-UBND\n\nNgọc Kỳ, ngày 31 tháng 4 năm 2023\n\nTHÔNG BÁO\nLịch tiếp công dân\n\nI. LỊCH TIẾP\n\nChủ tịch Ủy ban nhân dân xã tiếp công dân vào thứ Năm hằng tuần.\n';
let dir = '';
let first: CliRun;
const args = ['convert', 'in', '-o', 'out', '--quiet', '--jobs', '1', '--format', 'json,csv,xlsx', '--archive-fonds', 'G09', '--archive-settings', 'archive.json'];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-batch-'));
  await mkdir(join(dir, 'in', 'hs-01'), { recursive: true });
  await copyFile(SAMPLE, join(dir, 'in', 'hs-01', '10-bao-cao.txt'));
  await writeFile(join(dir, 'in', 'hs-01', '2-thong-bao.txt'), NOTICE);
  await writeFile(join(dir, 'in', 'hs-01', '3-junk.pdf'), '%PDF-1.4\n%%garbage without objects');
  await writeFile(join(dir, 'archive.json'), JSON.stringify({ files: [{ folder: 'in/hs-01', catalog: '2023', fileCode: '01/HS-VP', access: 'Công khai' }] }));
  first = await runCli(args, dir);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const read = (name: string) => readFile(join(dir, 'out', name), 'utf8');

describe('the batch tables and workbook', () => {
  it('key every paragraph row by its document path, and leave a failed document out', async () => {
    assert.equal(first.code, 1, 'the junk PDF fails');
    const documents = parseCsv(await read('documents.csv'));
    assert.deepEqual(documents.map((d) => d.status).sort(), ['error', 'ok', 'ok']);
    const paragraphs = parseCsv(await read('paragraphs.csv'));
    for (const d of documents.filter((r) => r.status === 'ok')) {
      const json = JSON.parse(await read(d.json!));
      assert.equal(paragraphs.filter((p) => p.path === d.path).length, json.paragraphs.length, d.path);
      assert.equal(d.json, `${d.path.split('/').pop()}.json`, 'the JSON path, relative to the output folder');
    }
    for (const name of BATCH_CSVS.slice(1)) assert.ok(parseCsv(await read(name)).every((r) => !r.path?.endsWith('junk.pdf') && !Object.values(r).some((v) => v.includes('junk'))), name);
    const junk = documents.find((d) => d.status === 'error')!;
    assert.notEqual(junk.error, '');
    assert.equal(junk.json, '');
  });

  it('fill documents.csv with restore mode, review count, confidences and the worst diagnostic', async () => {
    const sample = parseCsv(await read('documents.csv')).find((d) => d.path.endsWith('10-bao-cao.txt'))!;
    const json = JSON.parse(await read(sample.json!));
    assert.equal(sample.restore_mode, json.restoreMode);
    assert.equal(Number(sample.review), json.review.length);
    assert.ok(Number(sample.mean_confidence) > 0 && Number(sample.mean_confidence) <= 1);
    assert.equal(sample.ocr_confidence, '', 'a text input has no OCR confidence');
    assert.match(sample.worst_diagnostic!, /^(info|warning|error) [a-z]+\/[a-z-]+: /);
  });

  it('write archive.csv with the 20 headers of TT 02/2019, what the sample says, and its input\'s path and hash', async () => {
    const text = await read('archive.csv');
    const header = text.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    assert.equal(header, ARCHIVE_COLUMNS.map((c) => (c.header.includes(',') ? `"${c.header}"` : c.header)).join(','));
    assert.equal(ARCHIVE_COLUMNS.length, 22);
    const rows = parseCsv(text) as unknown as Record<string, string>[];
    assert.equal(rows.length, 2);
    const sample = rows.find((r) => r['Số của văn bản'] === '192')!;
    const json = JSON.parse(await read('10-bao-cao.txt.json'));
    assert.deepEqual([sample['Tệp (path)'], sample['SHA-256 của tệp']], [json.source.path, json.source.sha256]);
    assert.deepEqual(
      [sample['Mã phông'], sample['Mục lục số hoặc năm hình thành hồ sơ'], sample['Số và ký hiệu hồ sơ'], sample['Số thứ tự văn bản trong hồ sơ'], sample['Ký hiệu của văn bản'], sample['Ngày, tháng, năm văn bản'], sample['Tên loại văn bản'], sample['Tên cơ quan, tổ chức ban hành văn bản'], sample['Trích yếu nội dung'], sample['Ngôn ngữ'], sample['Số lượng trang của văn bản'], sample['Chế độ sử dụng']],
      ['G09', '2023', '01/HS-VP', '3', 'BC-UBND', '2023-12-29', 'Báo cáo', 'Ủy ban nhân dân xã Ngọc Kỳ', json.meta.title, 'Tiếng Việt', String(json.source.pages), 'Công khai'],
    );
    assert.match(sample['Từ khóa']!, /cải cách hành chính/);
    // ISO, as documents.csv: an en-US spreadsheet reads 05/01/2024 as 1 May and leaves 25/11/2025 as text.
    assert.ok(rows.every((r) => /^(\d{4}-\d{2}-\d{2})?$/.test(r['Ngày, tháng, năm văn bản']!)), 'archive dates are ISO');
    for (const empty of ['Mã định danh văn bản', 'Ký hiệu thông tin', 'Mức độ tin cậy', 'Bút tích', 'Tình trạng vật lý']) assert.equal(sample[empty], '', empty);
    const notice = rows.find((r) => r['Ký hiệu của văn bản'] === 'TB-UBND')!;
    assert.equal(notice['Số thứ tự văn bản trong hồ sơ'], '1', '2-… comes before 10-… in the hồ sơ');
    assert.equal(notice['Số của văn bản'], "'05", 'the CSV guards a leading zero');
    assert.equal(notice['Ngày, tháng, năm văn bản'], '', 'no 31 April');
    assert.match(notice['Ghi chú']!, /ngày 31 tháng 4 năm 2023/);
  });

  it('write one workbook with typed cells: a real date, numbers, codes as text with no apostrophe', async () => {
    const book = XLSX.read(await readFile(join(dir, 'out', 'baocao.xlsx')), { cellDates: true });
    assert.deepEqual(book.SheetNames, ['Documents', 'Sections', 'Paragraphs', 'Tables', 'Figures', 'Review', 'E-signatures', 'Annotations', 'Archive']);
    const archive = XLSX.utils.sheet_to_json(book.Sheets.Archive!, { raw: true }) as Record<string, unknown>[];
    const sample = archive.find((r) => r['Số của văn bản'] === '192')!;
    assert.ok(sample['Ngày, tháng, năm văn bản'] instanceof Date);
    assert.equal((sample['Ngày, tháng, năm văn bản'] as Date).toISOString().slice(0, 10), '2023-12-29');
    assert.equal(typeof sample['Số lượng trang của văn bản'], 'number');
    assert.equal(sample['Số thứ tự văn bản trong hồ sơ'], 3);
    assert.equal(archive.find((r) => r['Ký hiệu của văn bản'] === 'TB-UBND')!['Số của văn bản'], '05');
    const documents = XLSX.utils.sheet_to_json(book.Sheets.Documents!, { raw: true }) as Record<string, unknown>[];
    assert.equal(documents.length, 3);
    assert.ok(documents.find((d) => d.number === '192/BC-UBND')!.date instanceof Date);
    const paragraphs = XLSX.utils.sheet_to_json(book.Sheets.Paragraphs!, { raw: true }) as Record<string, unknown>[];
    assert.equal(paragraphs.length, parseCsv(await read('paragraphs.csv')).length);
    assert.equal(typeof paragraphs[0]!.page, 'number');
  });

  it('come out byte for byte the same when the batch is resumed', async () => {
    const before = await Promise.all(BATCH_CSVS.map(read));
    const sheets = (b: XLSX.WorkBook) => b.SheetNames.map((n) => XLSX.utils.sheet_to_csv(b.Sheets[n]!));
    const bookBefore = sheets(XLSX.read(await readFile(join(dir, 'out', 'baocao.xlsx'))));
    const again = await runCli([...args.filter((a) => a !== '--quiet'), '--resume'], dir);
    assert.match(again.stdout, /2 skipped/);
    assert.deepEqual(await Promise.all(BATCH_CSVS.map(read)), before);
    assert.deepEqual(sheets(XLSX.read(await readFile(join(dir, 'out', 'baocao.xlsx')))), bookBefore);
  });

  it('cut a paragraph over 32,767 characters in the CSV with a marker and a warning; the JSON keeps it whole', async () => {
    const long = join(dir, 'long');
    await mkdir(long, { recursive: true });
    const paragraph = 'Ủy ban nhân dân xã đã triển khai kế hoạch cải cách hành chính năm 2023 '.repeat(600).trim();
    await writeFile(join(long, 'dai.txt'), `BÁO CÁO\n\n${paragraph}\n`);
    const r = await runCli(['convert', 'long', '-o', 'long-out', '--quiet', '--no-restore'], dir);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(await readFile(join(dir, 'long-out', 'dai.txt.json'), 'utf8'));
    assert.ok(json.paragraphs.some((p: { text: string }) => p.text === paragraph));
    assert.ok(json.diagnostics.some((d: { ruleId: string; severity: string }) => d.ruleId === 'emit/cell-cut' && d.severity === 'warning'));
    const cells = parseCsv(await readFile(join(dir, 'long-out', 'paragraphs.csv'), 'utf8')).map((p) => p.text!);
    const cut = cells.find((c) => c.length === CELL_LIMIT)!;
    assert.ok(cut, 'the long paragraph is cut to the limit');
    assert.match(cut, new RegExp(`\\[cut: ${paragraph.length} characters, full text in the JSON\\]$`));
    assert.ok(paragraph.startsWith(cut.slice(0, 1000)));
  });

  it('refuse an archive settings file that is missing or wrong, before converting anything', async () => {
    const missing = await runCli(['convert', 'in', '-o', 'bad-out', '--archive-settings', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope\.json: ENOENT/);
    await writeFile(join(dir, 'wrong.json'), JSON.stringify({ files: [{ folder: 'in', access: 3 }] }));
    const wrong = await runCli(['convert', 'in', '-o', 'bad-out', '--archive-settings', 'wrong.json'], dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /wrong\.json: files\.0\.access/);
    await assert.rejects(readFile(join(dir, 'bad-out', 'documents.csv')));
  });
});
