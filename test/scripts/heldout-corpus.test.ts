import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdsParagraph, pairParagraphs } from '../../scripts/lib/heldout-corpus.js';

const PARAGRAPH = 'Ủy ban nhân dân xã chỉ đạo các thôn tổ chức kiểm tra việc thực hiện kế hoạch phòng chống thiên tai trên địa bàn trong năm nay và báo cáo kết quả về huyện';

function pairsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-'));
  for (const set of ['eng', 'vie']) mkdirSync(join(dir, set, 'input'), { recursive: true });
  writeFileSync(join(dir, 'eng', 'input', '001.txt'), `|| ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n# I. KẾT QUẢ THỰC HIỆN\n${PARAGRAPH}\n`);
  return dir;
}

describe('held-out corpus for the calibration features', () => {
  const p = pairParagraphs(pairsDir());

  it('leaves out the corpus line a page paragraph was sampled from, and a news article holding it', () => {
    assert.equal(p.sizes.length, 1, 'header rows and headings are not paragraphs');
    assert.ok(holdsParagraph(PARAGRAPH, p));
    assert.ok(holdsParagraph(`Tin địa phương. ${PARAGRAPH}. Ngoài ra còn nhiều việc khác được bàn tại cuộc họp.`, p));
  });

  it('keeps a line that only shares a stock phrase or the national motto with a page', () => {
    assert.ok(!holdsParagraph('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc', p));
    assert.ok(!holdsParagraph('Ủy ban nhân dân xã chỉ đạo các thôn tổ chức kiểm tra việc vệ sinh môi trường hằng tuần.', p));
  });
});
