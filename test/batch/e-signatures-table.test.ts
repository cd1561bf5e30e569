/**
 * The batch's e-signatures table (e-signatures.csv, the workbook's "E-signatures" sheet): one row
 * per e-signature of every document, read back with the xlsx library; rows stored by a version
 * before the table (--resume) give none rather than a "rows missing" problem.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import XLSX from 'xlsx';
import { writeBatchOutputs } from '../../src/batch/batch-outputs.js';
import { DoneIndex } from '../../src/batch/done-index.js';
import { appendRecord, closeLogs } from '../../src/batch/state-log.js';
import { runBatch } from '../../src/batch/run.js';

const SIGNED = 'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc\nSố: 12/BC-UBND  Quảng Ngãi, ngày 12 tháng 9 năm 2025\nBÁO CÁO\nKết quả\nI. KẾT QUẢ\nNội dung.\nKý bởi: Nguyễn Văn An\nCơ quan: Ủy ban nhân dân tỉnh Quảng Ngãi\nThời gian ký: 12.09.2025 10:15:23 +07:00\n';
const PLAIN = 'BÁO CÁO\nKết quả\nI. KẾT QUẢ\nNội dung không ký số.\n';

let dir: string;
let out: string;

describe('the e-signatures batch table', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-esign-table-'));
    await writeFile(join(dir, 'signed.txt'), SIGNED);
    await writeFile(join(dir, 'plain.txt'), PLAIN);
    out = join(dir, 'out');
    const summary = await runBatch([join(dir, 'signed.txt'), join(dir, 'plain.txt')], { outDir: out, formats: ['json', 'csv', 'xlsx'], resume: false, restore: false, fsync: false }, 1);
    assert.equal(summary.converted, 2);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists who signed, for whom and when, by document, in the workbook and the CSV', async () => {
    const book = XLSX.read(await readFile(join(out, 'baocao.xlsx')));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['E-signatures']!);
    assert.equal(rows.length, 1, 'the unsigned document has no row');
    assert.deepEqual(
      { ...rows[0], path: String(rows[0]!.path).replace(/^.*[\\/]/, '') },
      { path: 'signed.txt', signer: 'Nguyễn Văn An', signer_is_person: 'yes', organization: 'Ủy ban nhân dân tỉnh Quảng Ngãi', time: '2025-09-12T10:15:23+07:00', source: 'page-overlay', page: 1 },
    );
    const csv = readFileSync(join(out, 'e-signatures.csv'), 'utf8');
    assert.match(csv, /^\uFEFFpath,signer,signer_is_person,organization,email,time,source,page\r\n/);
    assert.match(csv, /signed\.txt,Nguyễn Văn An,yes,Ủy ban nhân dân tỉnh Quảng Ngãi,,2025-09-12T10:15:23\+07:00,page-overlay,1\r\n$/);
  });

  it('takes rows stored before the table existed as having none, not as missing', async () => {
    const index = new DoneIndex(out);
    const signed = index.get('signed.txt')!;
    const manifests = ['signed.txt', 'plain.txt'].map((name) => index.get(name)!.manifest);
    index.close();
    // A newer record of the document, its rows as a version before the table stored them.
    appendRecord(out, { name: 'signed.txt', manifest: signed.manifest, rowsText: signed.rowsText!.split('\n').filter((l) => !l.startsWith('eSignatures\t')).join('\n') });
    closeLogs(out);
    const problems = await writeBatchOutputs(manifests.map((m, i) => ({ row: m.row, rel: ['signed.txt', 'plain.txt'][i] })), { outDir: out, formats: ['csv'], documentsCsv: false });
    assert.deepEqual(problems, []);
    assert.equal(readFileSync(join(out, 'e-signatures.csv'), 'utf8'), '\uFEFFpath,signer,signer_is_person,organization,email,time,source,page\r\n');
  });
});
