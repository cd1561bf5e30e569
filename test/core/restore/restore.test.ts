import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { tinyModel } from './tiny-model.js';
import { loadModel } from '../../../src/model/load.js';

const run = (text: string, input: 'stripped' | 'ocr' | 'auto' = 'stripped') => restore(text, { model: tinyModel(), input });

describe('restore (stripped input)', () => {
  it('restores marks from sentence context', () => {
    assert.equal(run('Ket qua thuc hien cong tac cai cach hanh chinh').text, 'Kết quả thực hiện công tác cải cách hành chính');
  });

  it('picks different spellings of one skeleton by context', () => {
    assert.equal(run('mua mot cai ban').text, 'mua một cái bàn');
    assert.equal(run('ong ay ban ca o cho').text, 'ông ấy bán cá ở chợ');
  });

  it('keeps the case pattern of each word', () => {
    assert.equal(run('KET QUA thuc hien').text, 'KẾT QUẢ thực hiện');
    assert.equal(run('Uy ban nhan dan xa Ngoc Ky').text, 'Ủy ban nhân dân xã Ngọc Kỳ');
  });

  it('writes a word OCR read in mixed case in the case most of its letters have', () => {
    assert.equal(run('KET QuA thuc hien', 'ocr').text, 'KẾT QUẢ thực hiện');
    assert.equal(run('Ket qUa thuc hien', 'ocr').text, 'Kết quả thực hiện');
  });

  it('reads list letters at line starts as letters: "¢)" is c), a "d)" after d) is đ)', () => {
    assert.equal(run('Ket qua:\nc) Cong tac;\nd) Ke hoach;\nd) Ket qua;\ne) Cong tac.').text, 'Kết quả:\nc) Công tác;\nd) Kế hoạch;\nđ) Kết quả;\ne) Công tác.');
    assert.equal(run('Ket qua:\n¢) Cong tac;\nd) Ke hoach.', 'ocr').text, 'Kết quả:\nc) Công tác;\nd) Kế hoạch.');
    // Inside a line a letter is a word like any other: "¢)" there is not read as c).
    assert.doesNotMatch(run('Ket qua cong tac ¢) ke hoach', 'ocr').text, /c\)/);
  });

  it('reads an English-model OCR\'s "=" item dash at a line start as "-", and leaves other equals signs', () => {
    const lines = run('Ket qua:\n= Uy ban nhan dan xa;\nx = 5', 'ocr').text.split('\n');
    assert.equal(lines[1], '- Ủy ban nhân dân xã;');
    assert.match(lines[2]!, / = 5$/);
  });

  it('reads "¢" as a c drawn with a stroke where the OCR pairs never showed it ("¢t" cứ, not ít)', () => {
    const r = restore('Can ¢t vao tinh hinh thuc té cua dia phuong', { model: loadModel(), input: 'ocr' });
    assert.equal(r.text, 'Căn cứ vào tình hình thực tế của địa phương');
  });

  it('restores Đ in acronyms seen in the corpus', () => {
    assert.equal(run('Thuong truc HDND xa').text, 'Thường trực HĐND xã');
  });

  it('reads a document type after "số/" with its Đ read as b or P as the one known acronym it can be', () => {
    assert.equal(run('so 12/HbND-UBND').text, 'số 12/HĐND-UBND');
    assert.equal(run('so 12/HPND-UBND').text, 'số 12/HĐND-UBND');
    // Elsewhere in a code an unknown acronym with a P may be a real one, and a known one stays.
    assert.equal(run('so 12/UBND-HPND').text, 'số 12/UBND-HPND');
    assert.equal(run('so 12/UBND-HĐND').text, 'số 12/UBND-HĐND');
  });

  it('leaves numbers, codes, dates, URLs, e-mails, punctuation and line breaks untouched', () => {
    const input = 'ke hoach so 72/KH-UBND ngay 29/12/2023,\r\n  dat 100%; xem https://example.vn/a?b=1 hoac hi@example.vn.\n\n(cong tac)';
    const out = run(input).text;
    assert.equal(out, 'kế hoạch số 72/KH-UBND ngay 29/12/2023,\r\n  dat 100%; xem https://example.vn/a?b=1 hoac hi@example.vn.\n\n(công tác)');
  });

  it('keeps words that already carry marks', () => {
    assert.equal(run('Kết qua thực hien').text, 'Kết quả thực hiện');
  });

  it('reports offsets, confidence and alternatives per word', () => {
    const r = run('cai ban');
    assert.equal(r.tokens.length, 2);
    const [a, b] = r.tokens;
    assert.deepEqual([a!.start, a!.end, b!.start, b!.end], [0, 3, 4, 7]);
    assert.equal(b!.original, 'ban');
    assert.ok(b!.confidence > 0 && b!.confidence <= 1);
    assert.ok(b!.alternatives.length >= 1);
    assert.ok(!b!.alternatives.includes(b!.restored));
  });

  it('returns unknown words unchanged', () => {
    assert.equal(run('cong tac Facebook').text, 'công tác Facebook');
  });
});

describe('restore (English-model OCR input)', () => {
  it('maps digit and symbol confusions to syllables through the channel', () => {
    assert.equal(run('ctia UBND x4 Ngoc Ky', 'ocr').text, 'của UBND xã Ngọc Kỳ');
  });

  it('restores Đ read as P in a title-case word', () => {
    assert.equal(run('Pang uy xa', 'ocr').text, 'Đảng ủy xã');
  });

  it('detects OCR damage in auto mode', () => {
    const r = run('Két qua ctia x4 Ngoc Ky', 'auto');
    assert.equal(r.mode, 'ocr');
  });
});

describe('restore (header fixes measured on real scans)', () => {
  const model = loadModel();
  const HEAD = 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc\n';
  /** Tesseract gives "Số:2116/TB-ĐHĐL" one word, and one confidence: none when the digits are handwritten. */
  const vieOcr = (line: string) => {
    const first = line.split(' ')[0]!;
    const text = HEAD + line;
    return restore(text, { model, input: 'vie-ocr', confidences: [{ start: HEAD.length, end: HEAD.length + first.length, confidence: 0 }] }).text.split('\n')[1];
  };

  it('never turns the number label "Số:" into "Sổ:", glued to its number or before unread digits', () => {
    for (const line of ['Số:2116/TB-ĐHĐL', 'Số:fÿ/0. /TB-QL Đào tạo', 'Số: d464 /TB-ĐHĐL', 'số: dô4Š /TB-ĐHĐL']) assert.equal(vieOcr(line), line);
    // "sổ" stays a word where it is one.
    assert.equal(restore('Ghi vào sổ tay công tác', { model, input: 'vie-ocr' }).text, 'Ghi vào sổ tay công tác');
  });

  it('keeps "/TTr-UBND" (Tờ trình) when its number stands apart or is unread', () => {
    for (const line of ['Số: 45 /TTr-UBND', 'Số: .../TTr-UBND', 'Số: 45/ TTr-UBND']) {
      assert.equal(restore(line, { model, input: 'vie-ocr', confidences: [{ start: 0, end: line.length, confidence: 10 }] }).text, line);
    }
  });

  it('reads the Icelandic eth Ð (U+00D0) OCR gives for Đ as Đ in Vietnamese text, codes included', () => {
    assert.equal(restore('Trường Ðại học Ðiện lực, khóa Ð13, Khoa KTÐ', { model, input: 'vie-ocr' }).text, 'Trường Đại học Điện lực, khóa Đ13, Khoa KTĐ');
    assert.equal(restore('Truong Ðai hoc Ðien luc', { model, input: 'stripped' }).text.includes('Ð'), false);
    // Text with no Vietnamese letters read as clean is left alone.
    assert.equal(restore('Ðórr and Ðorn', { model, input: 'clean' }).text, 'Ðórr and Ðorn');
  });
});


describe('restore (header columns fused by OCR)', () => {
  it('starts the national motto afresh after the issuer on its line ("BỘ CÔNG THƯƠNG CỘNG HÒA…")', () => {
    const model = loadModel();
    assert.equal(restore('BO CONG THUONG CONG HOA XA HOI CHU NGHIA VIET NAM', { model, input: 'ocr' }).text,
      'BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    assert.equal(restore('SO CONG THUONG CONG HOA XA HOI CHU NGHIA VIET NAM', { model, input: 'stripped' }).text,
      'SỞ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('reads the English-OCR label "Sé:" or "S6:" before a number and a symbol as "Số:", not "Sẽ:"', () => {
    const model = loadModel();
    assert.match(restore('Sé: 245/TB-DHDL Ha Noi, ngay 28 thang 02 nam 2022', { model, input: 'ocr' }).text, /^Số: 245\/TB/);
    assert.match(restore('S6:2116/TB-DHDL', { model, input: 'ocr' }).text, /^Số:2116/);
    assert.match(restore('Nha truong sé dang tai thong bao', { model, input: 'ocr' }).text, / sẽ /);
  });

  it('keeps a class code of one capital and digits ("khóa D20") and still reads "S60" as a damaged word', () => {
    const model = loadModel();
    assert.match(restore('cho sinh vien khoa D20 nam hoc', { model, input: 'ocr' }).text, / D20 /);
    assert.doesNotMatch(restore('S60: 174/KH-UBND', { model, input: 'ocr' }).text, /S60/);
  });
});

describe('restore (English-model OCR numbers glued to words)', () => {
  it('puts the space back between a number and the word the OCR glued to it, on either side ("26théng", "ngay29")', () => {
    const model = loadModel();
    assert.equal(restore('Da Nang, ngay 26théng 7 ndm 2020', { model, input: 'ocr' }).text, 'Đà Nẵng, ngày 26 tháng 7 năm 2020');
    assert.equal(restore('Ha Noi, ngay29 thang 8 nam 2022', { model, input: 'ocr' }).text, 'Hà Nội, ngày 29 tháng 8 năm 2022');
    // The seam is an empty token before the word's own, so each token still rebuilds its place in the text.
    const r = restore('x (26théng),', { model, input: 'ocr' });
    assert.equal(r.text, 'x (26 tháng),');
    const seam = r.tokens.findIndex((t) => t.original === '' && t.start === 5);
    assert.ok(seam >= 0 && r.tokens[seam + 1]?.original === 'théng');
  });
});
