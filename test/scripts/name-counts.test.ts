import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countLine, emptyNameCounts, nameTables, namesInLine } from '../../scripts/lib/name-counts.js';

describe('person names in corpus lines', () => {
  it('takes a Title-case run after a cue word that starts with a surname', () => {
    assert.deepEqual(namesInLine('Phát biểu tại hội nghị, ông Nguyễn Văn Hùng cho biết.'), [['nguyễn', 'văn', 'hùng']]);
    assert.deepEqual(namesInLine('Đồng chí Trần Thị Hồng Nhung, Phó Chủ tịch Lê Hoà.'), [['trần', 'thị', 'hồng', 'nhung'], ['lê', 'hòa']]);
  });

  it('skips runs without a surname, foreign names and runs longer than four', () => {
    assert.deepEqual(namesInLine('anh Quang Hải và ông Steve Jobs'), []);
    assert.deepEqual(namesInLine('ông Nguyễn Văn An Bình Định Quảng'), []);
  });

  it('counts each name once per line, by position, and prunes rare entries', () => {
    const c = emptyNameCounts();
    countLine('Ông Lê Văn An nói, ông Lê Văn An cười.', c);
    countLine('Bà Lê Thị Bình và ông Phạm Văn An.', c);
    assert.equal(c.names, 3);
    const t = nameTables(c, 2);
    assert.deepEqual(t.surname, { total: 3, counts: { 'lê': 2 } });
    assert.deepEqual(t.middle, { total: 3, counts: { 'văn': 2 } });
    assert.deepEqual(t.given, { total: 3, counts: { an: 2 } });
  });
});
