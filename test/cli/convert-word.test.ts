import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateDocumentResult } from '../../src/core/schema.js';
import { convertWordFolder, ROOT, runCli } from './run-cli.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'baocao-word-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('baocao convert with Word files', () => {
  it('converts .doc and .docx found in a folder, and names a broken one in its own error row', async () => {
    const { code, out, rows, byName } = await convertWordFolder(dir, ['bao-cao-tcvn3.doc', 'bao-cao-tcvn3.docx'], 'hong.docx');
    assert.equal(code, 1, 'a file failed, the others converted');
    assert.equal(rows.length, 3);
    for (const name of ['bao-cao-tcvn3.doc', 'bao-cao-tcvn3.docx']) {
      const row = byName(name);
      assert.equal(row.status, 'ok', row.error);
      assert.equal(row.kind, 'word');
      assert.equal(row.number, '27/BC-UBND');
      assert.equal(row.signer, 'Lê Thị Hoa');
      const json = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
      const checked = validateDocumentResult(json);
      assert.ok(checked.ok, checked.ok ? '' : checked.message);
      assert.ok(json.text.original.includes('Công tác chỉ đạo, điều hành được thực hiện kịp thời.'));
    }
    assert.equal(byName('hong.docx').status, 'error');
    assert.match(byName('hong.docx').error, /neither a \.docx/);
  });

  it('writes the signature printed beside the recipients as its own block in Markdown, not glued to them', async () => {
    const out = join(dir, 'md');
    const r = await runCli(['convert', join(ROOT, 'fixtures', 'word', 'bao-cao-tcvn3.docx'), '-o', out, '--format', 'md', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const md = await readFile(join(out, 'bao-cao-tcvn3.docx.md'), 'utf8');
    assert.match(md, /\*\*\*Nơi nhận:\*\*\*\n\n- UBND huyện\n- Lưu: VT\.\n\n\*\*TM\. ỦY BAN NHÂN DÂN\*\*\\\n\*\*CHỦ TỊCH\*\*\\\nLê Thị Hoa/);
    assert.doesNotMatch(md, /Nơi nhận: TM\./);
  });

  it('restores a Word file with baocao restore', async () => {
    const r = await runCli(['restore', join(ROOT, 'fixtures', 'word', 'bao-cao-tcvn3.docx')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ỦY BAN NHÂN DÂN\s{4,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  });
});
