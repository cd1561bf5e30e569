import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CandidateTable, encodeCandidateTable, likelyReadings, modelTableTokens, tableTokens } from '../../../src/core/restore/candidate-table.js';
import type { CapitalD } from '../../../src/core/restore/channel.js';
import { modelFromBytes, restore } from '../../../src/core/restore/index.js';
import { CANDIDATES_FILE, MODEL_FILE, dictionariesDir } from '../../../src/model/load.js';
import { modelFingerprint } from '../../../src/model/fingerprint.js';
import { tinyModelBytes } from './tiny-model.js';

const MODES: CapitalD[] = ['none', 'first', 'all'];

describe('OCR candidate table', () => {
  it('covers plain-letter skeletons, memorised confusions and every number of one to three digits', () => {
    const tokens = tableTokens(['cong', 'đang', 'françois', 'tac'], ['ctia', 'x4']);
    for (const t of ['cong', 'tac', 'ctia', 'x4', '0', '7', '07', '007', '999']) assert.ok(tokens.includes(t), t);
    for (const t of ['đang', 'françois', '1000']) assert.ok(!tokens.includes(t), t);
    assert.deepEqual(tokens, [...new Set(tokens)].sort());
  });

  it('reads each vocabulary form as the English model likely would', () => {
    const emit = (l: string): [string, number][] | undefined =>
      ({ 'ủ': [['u', Math.log(0.6)], ['ii', Math.log(0.2)], ['ti', Math.log(0.1)]], 'c': [['c', Math.log(0.9)], ['¢', Math.log(0.01)]] } as Record<string, [string, number][]>)[l];
    const r = likelyReadings('của', emit);
    assert.deepEqual(r.slice(0, 3), ['cua', 'ciia', 'ctia']);
    assert.ok(r.includes('¢ua'));
    assert.ok(!r.includes('¢tia'), 'ln 0.01·0.1 is below the floor');
  });

  it('answers exactly what the search computes, for every capital-Đ pattern', () => {
    const bytes = tinyModelBytes();
    const searched = modelFromBytes(bytes);
    const tokens = modelTableTokens(searched);
    const table = new CandidateTable(encodeCandidateTable('x', tokens, (ocr, cap) => searched.channel.candidates(ocr, cap)));
    for (const token of tokens) for (const mode of MODES) assert.deepEqual(table.lookup(token, mode), searched.channel.candidates(token, mode), `${mode}:${token}`);
    assert.equal(table.lookup('qqq', 'none'), undefined);
    assert.equal(table.fingerprint, 'x');
  });

  it('leaves restoration unchanged', () => {
    const bytes = tinyModelBytes();
    const plain = modelFromBytes(bytes), tabled = modelFromBytes(bytes);
    const tokens = modelTableTokens(plain);
    tabled.channel.useTable(new CandidateTable(encodeCandidateTable('x', tokens, (ocr, cap) => modelFromBytes(bytes).channel.candidates(ocr, cap))));
    const text = 'Uy ban nhan dan x4 Ngoc Ky bao cao Két qua cong tac ctia xa nam 2023, 16 trinh. Pang uy xa dugc giao.';
    assert.deepEqual(restore(text, { model: tabled, input: 'ocr' }), restore(text, { model: plain, input: 'ocr' }));
  });

  it('refuses a file that is not a table', () => {
    assert.throws(() => new CandidateTable(tinyModelBytes()), /not a baocao OCR candidate table/);
    assert.throws(() => new CandidateTable(new Uint8Array(40)), /bad magic/);
  });

  it('is built the same twice (deterministic bytes)', () => {
    const bytes = tinyModelBytes();
    const build = () => {
      const m = modelFromBytes(bytes);
      return encodeCandidateTable(modelFingerprint(bytes, m), modelTableTokens(m), (o, c) => m.channel.candidates(o, c));
    };
    assert.deepEqual(build(), build());
  });
});

describe('committed candidate table', () => {
  const dir = dictionariesDir();
  const present = existsSync(join(dir, CANDIDATES_FILE));

  it('matches the committed model and what the search computes now (else run npm run build:candidates)', { skip: present ? false : `no ${CANDIDATES_FILE} in dictionaries/` }, () => {
    const bytes = readFileSync(join(dir, MODEL_FILE));
    const model = modelFromBytes(bytes);
    const table = new CandidateTable(readFileSync(join(dir, CANDIDATES_FILE)));
    assert.equal(table.fingerprint, modelFingerprint(bytes, model), 'table built for another model');
    const tokens = modelTableTokens(model);
    // Every 23rd token (a spread over skeletons, confusions and numbers), each capital-Đ pattern.
    for (let i = 0; i < tokens.length; i += 23) {
      for (const mode of MODES) assert.deepEqual(table.lookup(tokens[i]!, mode), model.channel.candidates(tokens[i]!, mode), `${mode}:${tokens[i]}`);
    }
  });
});
