import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText, makeLine } from '../../../src/core/segment/lines.js';
import { looksLikeName, mentionedSyllables, nameToken, personMentions, readSignerName } from '../../../src/core/segment/signer-name.js';
import { NameModel } from '../../../src/core/restore/name-model.js';

// A small names model of the shape dictionaries/vi-names.json has (counts made up for the test).
const table = (counts: Record<string, number>) => ({ total: Object.values(counts).reduce((a, b) => a + b, 0), counts });
const names = new NameModel({
  format: 'baocao-names',
  version: 1,
  surname: table({ nguyễn: 600, lê: 160, trần: 190, phùng: 10, trịnh: 26, đinh: 40, vũ: 80, trương: 45 }),
  middle: table({ văn: 330, thị: 280, xuân: 150, thu: 25, thế: 16, nam: 4, đức: 80 }),
  given: table({ bình: 38, toàn: 6, châu: 17, nga: 6, hưng: 20, lộc: 5, an: 7 }),
});

const HEAD = ['BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
  'Số: 899/TB-ĐHĐL  Hà Nội, ngày 15 tháng 6 năm 2021', 'THÔNG BÁO', 'Về việc đăng ký môn học', '', '1. Sinh viên đăng ký đúng hạn.',
  'Trong quá trình thực hiện có vướng mắc cần phản ánh với phòng Đào tạo./.'];
const seg = (tail: string[], withNames = true) => segmentLines(linesFromText([...HEAD, ...tail].join('\n')), withNames ? { names } : {});

describe('signer name read back against the names model', () => {
  it('repairs a name garbled under the signature ink, and says what was read', () => {
    assert.deepEqual(readSignerName('`Phững TẾ Xuân Bình', names), { name: 'Phùng Thị Xuân Bình', asRead: '`Phững TẾ Xuân Bình' });
    assert.deepEqual(readSignerName('FSzTfịnh Văn Toàn', names), { name: 'Trịnh Văn Toàn', asRead: 'FSzTfịnh Văn Toàn' });
  });

  it('leaves a clean name as it is, even with syllables the model has at another place of a name', () => {
    assert.deepEqual(readSignerName('Vũ Thị Thu Nga', names), { name: 'Vũ Thị Thu Nga', asRead: null });
    // Three well-formed syllables read clean are the name as printed, even where the model has no
    // evidence ("Hà" as a given name) or knows a likelier spelling ("Hạ" is rarer than "Hà" as a surname).
    assert.deepEqual(readSignerName('Nguyễn Lộc Hà', names), { name: 'Nguyễn Lộc Hà', asRead: null });
    const withHa = new NameModel({ format: 'baocao-names', version: 1, surname: table({ hà: 90, nguyễn: 600 }), middle: table({ bá: 20, văn: 300 }), given: table({ chấn: 9, bình: 38 }) });
    assert.deepEqual(readSignerName('Hạ Bá Chân', withHa), { name: 'Hạ Bá Chân', asRead: null });
    assert.equal(readSignerName('Nguyễn Lộc Bình', names)?.asRead, null);
  });

  it('drops a title or specks in front, never a syllable that would start the name', () => {
    assert.deepEqual(readSignerName('TS. Trịnh Văn Toàn', names), { name: 'Trịnh Văn Toàn', asRead: null });
    assert.equal(nameToken('_¬Đín'), 'Đín');
    assert.equal(nameToken('FSzTfịnh'), 'Tfịnh');
  });

  it('never invents a name: a scribble, lower-case words or too few exact syllables give none', () => {
    assert.equal(readSignerName('Nghĩ Gug', names), null);
    assert.equal(readSignerName('Đăng web, trang', names), null);
    assert.equal(readSignerName('hfŸăn Châu', names), null);
    assert.equal(readSignerName('NN _¬Đín hfŸăn Châu', names), null);
  });

  it('takes the document\'s own spelling of the person as evidence', () => {
    const mentions = personMentions(['liên hệ cô: Phùng Thị Xuân Bình - Phòng Công tác sinh viên'], names);
    assert.deepEqual(mentions, ['Phùng Thị Xuân Bình']);
    const model = new NameModel({ format: 'baocao-names', version: 1, surname: table({ phùng: 1 }), middle: table({ văn: 1 }), given: table({ an: 1 }) });
    assert.equal(readSignerName('Phững Thị Xuân Bình', model, mentionedSyllables(mentions))?.name, 'Phùng Thị Xuân Bình');
  });

  it('splits words OCR ran together and trusts only a surname\'s letters, not its marks', () => {
    assert.deepEqual(readSignerName('` 2ĐínhVăn Châu', names), { name: 'Đinh Văn Châu', asRead: '` 2ĐínhVăn Châu' });
    assert.deepEqual(readSignerName('Trương Nam Hưng', names), { name: 'Trương Nam Hưng', asRead: null });
  });

  it('tells a name line from a position line', () => {
    assert.ok(looksLikeName('FSzTfịnh Văn Toàn'));
    assert.ok(!looksLikeName('TRƯỞNG PHÒNG ĐÀO TẠO'));
  });
});

describe('signature block with a stamp over it (bilevel scan, black stamp)', () => {
  const tail = ['TL.HIỆU TRƯỞNG', 'Nơi nhận:', '- Phòng: KHTC, CTSV;', '- Các lớp sinh viên;', '-Lưu: VT, ĐT.', 'FSzTfịnh Văn Toàn'];

  it('reads the authority OCR wrote before "Nơi nhận:" and the name below the recipients, flagged uncertain', () => {
    const { structure: s, diagnostics } = seg(tail);
    assert.equal(s.signature?.authority, 'TL.');
    assert.equal(s.signature?.name, 'Trịnh Văn Toàn');
    assert.equal(s.signature?.nameAsRead, 'FSzTfịnh Văn Toàn');
    assert.deepEqual(s.signature?.uncertain, ['name']);
    assert.deepEqual(s.recipients, ['Phòng: KHTC, CTSV', 'Các lớp sinh viên', 'Lưu: VT, ĐT.']);
    assert.ok(diagnostics.some((d) => d.ruleId === 'segment/signer-repaired' && d.severity === 'warning'));
  });

  it('without the names model keeps the authority and gives no invented name', () => {
    const s = seg(tail, false).structure;
    assert.equal(s.signature?.authority, 'TL.');
    assert.equal(s.signature?.name ?? null, null);
    assert.equal(s.signature?.nameAsRead, undefined);
  });

  it('takes the printed name below a scribble OCR read as a name', () => {
    const s = seg(['TL. HIỆU TRƯỞNG', 'TRƯỞNG PHÒNG CTSV', 'Nghĩ Gug', '`Phững TẾ Xuân Bình']).structure;
    assert.deepEqual([s.signature?.position, s.signature?.name, s.signature?.nameAsRead], ['TRƯỞNG PHÒNG CTSV', 'Phùng Thị Xuân Bình', '`Phững TẾ Xuân Bình']);
  });
});

describe('signature block whose authority and position a seal took', () => {
  it('is the printed name after the recipients, by the names model only, flagged uncertain', () => {
    const tail = ['Nơi nhận:', '- Các khoa quản lý SV (để th/h);', '- Lưu: VT, CTSV, Hồng DTT (01)', 'lEÃ', '` 2ĐínhVăn Châu'];
    const s = seg(tail).structure;
    assert.deepEqual([s.signature?.position, s.signature?.name, s.signature?.uncertain], [null, 'Đinh Văn Châu', ['name']]);
    assert.equal(s.recipients[0], 'Các khoa quản lý SV (để th/h)');
    assert.ok(!s.recipients.some((r) => r.includes('Châu')), 'the name is no recipient');
    assert.equal(seg(tail, false).structure.signature, null);
  });
});

describe('signature block followed by annexes (Decree 30: the block closes the body)', () => {
  const doc = (withRecipients: boolean) => [
    ...(withRecipients ? ['Nơi nhận:', '- Các khoa;', '- Lưu: VT.'] : []),
    'HIỆU TRƯỞNG', 'Đinh Văn Châu', '', 'PHỤ LỤC 1', 'DANH SÁCH SINH VIÊN', '(Kèm theo Thông báo số 899/TB-ĐHĐL ngày 15/6/2021)',
    'STT  Họ và tên  Chức vụ', '1  Trần Văn An  TRƯỞNG PHÒNG', 'KT. TRƯỞNG KHOA', 'PHÓ TRƯỞNG KHOA', 'Lê Thị Bình',
  ];

  it('finds the block before the first annex, not a signer inside the annex', () => {
    for (const withRecipients of [false, true]) {
      const s = seg(doc(withRecipients), false).structure;
      assert.deepEqual([s.signature?.position, s.signature?.name], ['HIỆU TRƯỞNG', 'Đinh Văn Châu'], `recipients: ${withRecipients}`);
      assert.equal(s.annexes[0]?.title, 'PHỤ LỤC 1');
    }
  });

  it('still finds a block printed after the annexes when none comes before them', () => {
    const s = seg(['PHỤ LỤC 1', 'DANH SÁCH', '(Kèm theo Thông báo số 899/TB-ĐHĐL ngày 15/6/2021)', 'STT  Họ và tên', '1  Trần Văn An', '', 'KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG', 'Trương Nam Hưng'], false).structure;
    assert.equal(s.signature?.name, 'Trương Nam Hưng');
  });
});

describe('authority mark without a space after its dot', () => {
  it('reads "TL.HIỆU TRƯỞNG" as TL. and leaves "Q.1" alone', async () => {
    const { authorityOf } = await import('../../../src/core/segment/markers.js');
    assert.equal(authorityOf('TL.HIEU TRUONG'), 'TL.');
    assert.equal(authorityOf('KT.CHU TICH'), 'KT.');
    assert.equal(authorityOf('Q.1 THANH PHO'), null);
    assert.equal(authorityOf('TLHIEU TRUONG'), null);
  });
});

describe('authority marks written with a slash (before 2004)', () => {
  it('reads "T/M", "K/T", "T/L" and "T/UQ" as TM., KT., TL. and TUQ., and a signature block under them', async () => {
    const { authorityOf } = await import('../../../src/core/segment/markers.js');
    assert.equal(authorityOf('T/M  UBND TINH'), 'TM.');
    assert.equal(authorityOf('K/T CHU TICH'), 'KT.');
    assert.equal(authorityOf('T/L GIAM DOC'), 'TL.');
    assert.equal(authorityOf('T/UO CHU TICH'), 'TUQ.');
    assert.equal(authorityOf('T/P HA NOI'), null);
    const { linesFromText } = await import('../../../src/core/segment/lines.js');
    const { segmentLines } = await import('../../../src/core/segment/segment.js');
    const text = ['UỶ BAN NHÂN DÂN  CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH CAO BẰNG  Độc lập - Tự do - Hạnh phúc', 'Số: 157/QĐ-UB  Cao Bằng, ngày 22 tháng 2 năm 1999',
      'QUYẾT ĐỊNH', 'Về việc giao quyền sử dụng đất ở dân cư', '', 'Điều 1. Nay giao đất ở cho hộ ông Nông Văn A.', '', 'T/M UBND TỈNH', 'K/T CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', 'Ngôn Nghiệp'].join('\n');
    const { structure } = segmentLines(linesFromText(text));
    // The signer signs for the chairman (K/T) on the committee's behalf (T/M, its organ kept).
    assert.equal(structure.signature?.authority, 'KT.');
    assert.equal(structure.signature?.organ, 'UBND TỈNH');
    assert.equal(structure.signature?.position, 'PHÓ CHỦ TỊCH');
    assert.equal(structure.signature?.name, 'Ngôn Nghiệp');
  });

  it('flags a name the restorer changed from a reading with marks into an unknown surname ("Tế Trung Chỉnh" → "Tể Trung Chính"), not a known one nor one OCR read without marks', () => {
    const tail = ['Nơi nhận:  KT. HIỆU TRƯỞNG', '- Như trên;  PHÓ HIỆU TRƯỞNG', '- Lưu: VT.', ''];
    const signed = (restored: string, asRead: string) => {
      const lines = linesFromText([...HEAD, ...tail, restored].join('\n'));
      const last = lines[lines.length - 1]!;
      lines[lines.length - 1] = makeLine(last.page, last.lineStart, last.lineEnd, restored, asRead);
      return segmentLines(lines, { names }).structure.signature;
    };
    const changed = signed('Tể Trung Chính', '_`Tế Trung Chỉnh');
    assert.equal(changed?.name, 'Tể Trung Chính');
    assert.deepEqual(changed?.uncertain, ['name']);
    assert.equal(changed?.nameAsRead, '_`Tế Trung Chỉnh');
    // English-model OCR reads no marks: the restorer writes them all, and that is no repair to flag.
    assert.equal(signed('Trần Văn Bình', 'Tran Van Binh')?.uncertain, undefined);
    assert.equal(signed('Trần Văn Bình', 'Trần Văn Bình')?.uncertain, undefined);
    // Marks the restorer mended into a surname names have: the restorer's reading stands.
    assert.equal(signed('Trần Văn Bình', 'Trấn Văn Bính')?.uncertain, undefined);
  });
});
