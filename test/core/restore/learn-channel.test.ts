import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignChars, alignTokens, learnChannel } from '../../../scripts/lib/learn-channel.js';
import { channelTables } from '../../../scripts/lib/channel-tables.js';

describe('channel learning', () => {
  it('aligns letters to the OCR substrings they became', () => {
    assert.deepEqual(alignChars('xã', 'x4'), ['x', '4']);
    assert.equal(alignChars('được', 'dugc').join(''), 'dugc');
    assert.deepEqual(alignChars('của', 'ctia'), ['c', 'ti', 'a']);
    assert.deepEqual(alignChars('cứ', 'c'), ['c', '']);
  });

  it('aligns tokens of a line despite a dropped OCR word', () => {
    const cost = (g: string, o: string) => (g[0] === o[0] ? 0 : 1);
    assert.deepEqual(alignTokens(['a', 'b', 'c'], ['a', 'c'], cost), [[0, 0], [2, 1]]);
  });

  it('learns capital Đ apart from small đ', () => {
    const counts = learnChannel([['Đảng ủy đã', 'Pang uy da'], ['ĐẢNG', 'PANG']]);
    assert.equal(counts.emit.get('Đ')?.get('p'), 2);
    assert.equal(counts.emit.get('đ')?.get('d'), 1);
  });

  it('turns counts into log-probabilities with the real-OCR correction for ă', () => {
    const counts = learnChannel([['năm năm năm', 'nam nam nam'], ['năm', 'nam']]);
    const plain = Object.fromEntries(channelTables(counts, false).emit['ă']!);
    const corrected = Object.fromEntries(channelTables(counts, true).emit['ă']!);
    assert.ok(plain['i'] === undefined);
    assert.ok(Math.abs(Math.exp(corrected['i']!) - 0.3) < 0.01);
    assert.ok(corrected['a']! < plain['a']!);
  });

  it('counts a weighted line pair that many times', () => {
    const counts = learnChannel([['họp', 'hop'], ['họp', 'hgp']], [3, 1]);
    assert.equal(counts.emit.get('ọ')?.get('o'), 3);
    assert.equal(counts.emit.get('ọ')?.get('g'), 1);
    assert.equal(counts.pairs.get('hop')?.get('họp'), 3);
  });

  it('keeps a confusion seen once out of the tables however heavily its pair is weighted', () => {
    const pairs: [string, string][] = [['họp họp', 'hop hop'], ['họp', 'hgp']];
    const once = channelTables(learnChannel(pairs, [1, 5]), false);
    assert.equal(once.pairs['hgp'], undefined);
    assert.ok(!once.emit['ọ']!.some(([o]) => o === 'g'));
    const twice = channelTables(learnChannel([...pairs, ['họp', 'hgp']], [1, 5, 1]), false);
    assert.ok(twice.pairs['hgp']!.some(([g]) => g === 'họp'));
    assert.ok(twice.emit['ọ']!.some(([o]) => o === 'g'));
  });
});
