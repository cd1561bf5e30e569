import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { headOnLabelLine } from '../../../src/core/segment/signature-column.js';

/** A notice whose text layer joined the signature column's first line to "Nơi nhận:", the rest of the block under the list. */
const notice = (label: string, block: string[]) => [
  'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH BÌNH AN  Độc lập - Tự do - Hạnh phúc',
  'Số: 31/TB-UBND  Bình An, ngày 4 tháng 3 năm 2024',
  'THÔNG BÁO',
  'Về việc dự hội nghị',
  '',
  'Ủy ban nhân dân tỉnh mời các sở, ngành dự hội nghị./.',
  label,
  '- Như thành phần;',
  '- Lưu: VT, KGVX.',
  ...block,
].join('\n');

const signatureOf = (text: string) => segmentLines(linesFromText(text)).structure.signature;

describe('the signature head on the recipients label\'s line', () => {
  it('is the block\'s first line: its mark is the authority over the block printed under the list', () => {
    const s = signatureOf(notice('Nơi nhận: TL. CHỦ TỊCH', ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Lê Văn Bình']));
    assert.deepEqual([s?.authority, s?.position, s?.name], ['TL.', 'PHÓ CHÁNH VĂN PHÒNG', 'Lê Văn Bình']);
    assert.equal(s?.provenance.lineStart, 8, 'the block starts on the label\'s line');
  });

  it('gives a mark the block under the list lacks, and changes nothing where the label stands alone', () => {
    const s = signatureOf(notice('Nơi nhận:  KT. CHỦ TỊCH', ['PHÓ CHỦ TỊCH', 'Lê Văn Bình']));
    assert.deepEqual([s?.authority, s?.position, s?.name], ['KT.', 'PHÓ CHỦ TỊCH', 'Lê Văn Bình']);
    const alone = signatureOf(notice('Nơi nhận:', ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Lê Văn Bình']));
    assert.deepEqual([alone?.authority, alone?.position, alone?.provenance.lineStart], ['KT.', 'PHÓ CHÁNH VĂN PHÒNG', 11]);
  });

  it('is read only where the label is followed by an authority mark', () => {
    const lines = linesFromText(['Nơi nhận: - Như trên;', 'Nơi nhận: TL+HIỆU TRƯỞNG', 'Nơi nhận:', 'Nơi nhận: Tlấy ý kiến'].join('\n'));
    assert.equal(headOnLabelLine(lines, 0), null);
    assert.equal(headOnLabelLine(lines, 1)?.text, 'TL. HIỆU TRƯỞNG');
    assert.equal(headOnLabelLine(lines, 2), null);
    assert.equal(headOnLabelLine(lines, 3), null);
  });
});
