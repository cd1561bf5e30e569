import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateDocumentResult } from '../../src/core/schema.js';
import { convertWordFolder, ROOT, runCli } from './run-cli.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'baocao-odt-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('baocao convert with OpenDocument text files', () => {
  it('converts .odt and .fodt found in a folder (number, date, signer) and names a broken .odt in its own error row', async () => {
    const { code, out, rows, byName } = await convertWordFolder(dir, ['bao-cao-odt.odt', 'bao-cao-odt.fodt', 'bao-cao-tcvn3.odt'], 'hong.odt');
    assert.equal(code, 1, 'a file failed, the others converted');
    assert.equal(rows.length, 4);
    for (const name of ['bao-cao-odt.odt', 'bao-cao-odt.fodt']) {
      const row = byName(name);
      assert.equal(row.status, 'ok', row.error);
      assert.equal(row.kind, 'word');
      assert.equal(row.number, '41/BC-UBND');
      assert.equal(row.date, '2011-06-12');
      assert.equal(row.signer, 'Trần Văn Bình');
      const json = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
      const checked = validateDocumentResult(json);
      assert.ok(checked.ok, checked.ok ? '' : checked.message);
      assert.equal(json.source.encoding, 'odt+tcvn3');
      assert.ok(json.text.original.includes('Công tác chỉ đạo, điều hành được thực hiện kịp thời.'));
    }
    assert.equal(byName('bao-cao-tcvn3.odt').number, '27/BC-UBND');
    assert.equal(byName('hong.odt').status, 'error');
    assert.match(byName('hong.odt').error, /neither a \.docx\/\.odt/);
  });

  it('restores an .odt with baocao restore', async () => {
    const r = await runCli(['restore', join(ROOT, 'fixtures', 'word', 'bao-cao-odt.odt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ỦY BAN NHÂN DÂN\s{4,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(r.stdout, /Công tác chỉ đạo, điều hành được thực hiện kịp thời\./);
  });
});
