import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { candidateList, candidatesFor, DEFAULT_TUNING } from '../../../src/core/restore/candidates.js';
import { withNameEvidence } from '../../../src/core/restore/name-evidence.js';
import { NameModel } from '../../../src/core/restore/name-model.js';
import { keepingLetters } from '../../../src/core/restore/running-text-codes.js';
import { slotOf, withChannel } from '../../../src/core/restore/slot-shape.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const names = new NameModel({
  format: 'baocao-names', version: 1,
  surname: { total: 10, counts: { 'lê': 10 } }, middle: { total: 10, counts: { 'văn': 10 } }, given: { total: 10, counts: { 'hùng': 10 } },
});

describe('slot shape', () => {
  it('makes candidate lists, markers, case, name and bonus slots as objects of one V8 map', () => {
    // V8's own test of two objects' hidden classes; the flag must be set before the function is parsed.
    setFlagsFromString('--allow-natives-syntax');
    const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    const list = candidatesFor(model, 'ban', 'stripped', DEFAULT_TUNING);
    assert.ok(list.ids.length >= 2, 'a list with a choice to make');
    const slots: [string, object][] = [
      ['stripped list', list],
      ['ocr list', candidatesFor(model, 'Ban', 'ocr', DEFAULT_TUNING)],
      ['clean list', candidatesFor(model, 'kết', 'clean', DEFAULT_TUNING)],
      ['word with marks as read', candidatesFor(model, 'kết', 'stripped', DEFAULT_TUNING)],
      ['number', candidatesFor(model, '12', 'ocr', DEFAULT_TUNING, true)],
      ['letters kept', keepingLetters('BAN', list)],
      ['marker', slotOf([1], [0], [], false)],
      ['case or bonus copy', withChannel(list, list.chan.map((lp) => lp - 1))],
      ['name', withNameEvidence(names, list, list.forms, list.chan, 'given', { weight: 1, margin: 40 })],
      ['bonus copy of a name', withChannel(withNameEvidence(names, list, list.forms, list.chan, 'given', { weight: 1, margin: 40 }), list.chan)],
    ];
    const first = candidateList();
    for (const [what, slot] of slots) {
      assert.deepEqual(Object.keys(slot), ['ids', 'chan', 'forms', 'name'], what);
      assert.equal(sameMap(first, slot), true, what);
    }
  });

  it('keeps the ids, forms and name mark of a slot given other channel scores', () => {
    const named = slotOf([4, 5], [-1, -2], ['a', 'b'], true);
    const copy = withChannel(named, [-3, -4]);
    assert.deepEqual(copy, { ids: [4, 5], chan: [-3, -4], forms: ['a', 'b'], name: true });
    assert.equal(withChannel(candidateList([1], [0], ['x']), [-1]).name, false);
  });
});
