import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spellingFor, type SpellingEvidence } from '../../../src/core/restore/spelling-evidence.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();

describe('spelling evidence per word as written and spelling (spellingFor)', () => {
  it('lets the document\'s first word of a pair decide, and is the same across documents', () => {
    const forms: string[] = [], spelling: SpellingEvidence[] = [];
    // "ban" read as the unknown-word candidate 0 (kept as written, not a word), then as candidate 2
    // with the same spelling: the first decides (isWord false), as one map by word and spelling did.
    forms[0] = 'ban';
    spelling[0] = spellingFor(model, forms, spelling, 'ban', 'ban', false);
    forms[2] = 'ban';
    assert.equal(spellingFor(model, forms, spelling, 'ban', 'ban', true), spelling[0]);
    // Another spelling of the same word is its own pair; another document starts with nothing kept.
    forms[1] = 'bàn';
    const other = spellingFor(model, forms, spelling, 'ban', 'bàn', true);
    assert.notEqual(other, spelling[0]);
    assert.deepEqual(other, { knownInput: true, digits: false, kept: false, title: false, upper: false, symbols: false, letterEdits: 0 });
    const fresh = spellingFor(model, ['ban'], [], 'ban', 'ban', true);
    assert.notEqual(fresh, spelling[0]);
    assert.equal(fresh.letterEdits, 0);
    // Computed once per model and pair: a later document gets the same object.
    assert.equal(spellingFor(model, ['ban'], [], 'ban', 'ban', true), fresh);
  });
});
