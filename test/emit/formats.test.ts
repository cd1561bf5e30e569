import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORMATS, parseFormatList } from '../../src/emit/formats.js';

describe('output formats', () => {
  it('reads a comma list in canonical order, without repeats, case and spaces aside', () => {
    assert.deepEqual(parseFormatList(' MD, json,md ,csv'), ['json', 'csv', 'md']);
  });
  it('expands all to every format', () => {
    assert.deepEqual(parseFormatList('all'), [...FORMATS]);
    assert.deepEqual(parseFormatList('json,all'), [...FORMATS]);
  });
  it('refuses an unknown or empty list with a sentence naming the choices', () => {
    assert.throws(() => parseFormatList('json,xml'), /unknown format "xml": use json, csv, txt, md, docx, pdf, xlsx or all/);
    assert.throws(() => parseFormatList(' , '), /at least one format/);
  });
});
