import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ArcTable, MAX_CANDIDATES, PAIR_FIELDS, documentTable, forgetScores } from '../../../src/core/restore/arc-table.js';
import { restore } from '../../../src/core/restore/index.js';
import { decodeSegment, type Slot } from '../../../src/core/restore/decoder.js';
import { slotPosteriors } from '../../../src/core/restore/posterior.js';
import { unsurePosteriors } from '../../../src/core/restore/unsure-posteriors.js';
import { tinyModel } from './tiny-model.js';

const model = tinyModel();
const slotsOf = (text: string): Slot[] => text.split(' ').map((w) => {
  const ids = [...(model.skeletonIndex.get(w) ?? [])];
  return { ids, chan: ids.map((_, k) => -k / 7) };
});

describe('the document table of LM scores (arc table)', () => {
  it('answers every pair and trigram of three lists exactly as the language model does', () => {
    const lm = model.lm, table = new ArcTable(lm);
    const [x, y, z] = slotsOf('ket qua thuc').map((s) => s.ids);
    const lx = table.list(x!), ly = table.list(y!), lz = table.list(z!);
    const nx = table.length(lx), ny = table.length(ly), nz = table.length(lz);
    table.reserve(nx * ny + ny * nz, nx + ny + nx * ny, nx * ny * nz);
    const xy = table.pairBlock(lx, ly), yz = table.pairBlock(ly, lz), rows = table.tripleBlock(xy, lx, ly, lz);
    let checked = 0;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const e = table.pairEntry(xy + i, ny, j, x![i]!, y![j]!);
        assert.ok(Object.is(table.pairs[PAIR_FIELDS * e], lm.lookupBigram(x![i]!, y![j]!)));
        assert.ok(Object.is(table.pairs[PAIR_FIELDS * e + 1], lm.lastLogP));
        const r = table.row(rows + i * ny + j, nz);
        for (let k = 0; k < nz; k++) {
          const f = table.pairEntry(yz + j, nz, k, y![j]!, z![k]!);
          // Looked up, then read back: the same double as the LM's own trigram score.
          assert.ok(Object.is(table.arc(r + k, e, f, z![k]!), lm.trigram(x![i]!, y![j]!, z![k]!)));
          assert.ok(Object.is(table.arc(r + k, e, f, z![k]!), lm.trigram(x![i]!, y![j]!, z![k]!)));
          checked++;
        }
      }
    }
    assert.ok(checked > 1);
  });

  it('interns a candidate list by identity, and a one-candidate list by its candidate; clear starts afresh', () => {
    const table = new ArcTable(model.lm);
    const a = [5, 6, 7], b = [5, 6, 7];
    assert.equal(table.list(a), table.list(a));
    assert.notEqual(table.list(a), table.list(b));
    assert.equal(table.list([9]), table.list([9]));
    assert.equal(table.length(table.list(Array.from({ length: 40 }, (_, k) => k))), MAX_CANDIDATES);
    table.clear();
    assert.equal(table.list(b), 0);
  });

  it('decodes and sums a document with one shared table exactly as each call alone', () => {
    const table = new ArcTable(model.lm);
    const segments = ['ket qua thuc hien cong tac', 'cong tac cai cach hanh chinh', 'ket qua thuc hien cong tac', 'ong ay ban ca o cho ban giao ket qua']
      .map(slotsOf);
    // The document cache's re-weighting: the same candidate lists with other channel scores.
    segments.push(segments[0]!.map((s, j) => (j === 1 ? { ids: s.ids, chan: s.chan.map((c, k) => c + (k === 1 ? 3 : 0)) } : s)));
    for (const slots of segments) {
      const alone = decodeSegment(model.lm, slots, 1);
      const shared = decodeSegment(model.lm, slots, 1, table);
      assert.deepEqual(shared, alone);
      assert.deepEqual(unsurePosteriors(model.lm, slots, shared, 1, 0.999, table), unsurePosteriors(model.lm, slots, alone, 1, 0.999));
      assert.deepEqual(slotPosteriors(model.lm, slots, 1, table), slotPosteriors(model.lm, slots, 1));
    }
  });

  it('hands out rows and blocks unknown after a clear and after growing: decodes then as a fresh table', () => {
    const table = new ArcTable(model.lm);
    const first = ['ket qua thuc hien cong tac', 'ong ay ban ca o cho ban giao ket qua'].map(slotsOf);
    const then = ['cong tac cai cach hanh chinh', 'ban giao ket qua thuc hien', 'o cho ong ay ban ca'].map(slotsOf);
    for (const slots of first) decodeSegment(model.lm, slots, 1, table);
    // Rows are no longer filled one by one as they are handed out: after a clear what was used must read unknown again.
    table.clear();
    for (const slots of then) {
      assert.deepEqual(decodeSegment(model.lm, slots, 1, table), decodeSegment(model.lm, slots, 1));
      assert.deepEqual(slotPosteriors(model.lm, slots, 1, table), slotPosteriors(model.lm, slots, 1));
    }
    const lists = then[0]!.map((s) => table.list(s.ids));
    table.clear();
    // A block and its rows handed out after a clear read unknown (-1 row slots, NaN values).
    const [x, y, z] = lists.map((_, k) => table.list(then[0]![k]!.ids));
    table.reserve(0, 2 * MAX_CANDIDATES + MAX_CANDIDATES ** 2, MAX_CANDIDATES ** 3);
    const xy = table.pairBlock(x!, y!), rows = table.tripleBlock(xy, x!, y!, z!);
    assert.equal(table.rowAt[xy], -1);
    assert.equal(table.rowAt[rows], -1);
    const r = table.row(rows, table.length(z!));
    for (let k = 0; k < table.length(z!); k++) assert.ok(Number.isNaN(table.vals[r + k]));
    // Growing keeps what is known, and rows handed out after it (over several of the chunks made
    // unknown at a time) read unknown.
    const before = table.vals.length, slots = table.length(x!) * table.length(y!);
    table.reserve(0, 0, 4 * before);
    assert.ok(table.vals.length > before);
    for (let s = 1; s < slots; s++) {
      const at = table.row(rows + s, 3000);
      for (let k = 0; k < 3000; k++) assert.ok(Number.isNaN(table.vals[at + k]));
    }
    for (const slots of [...first, ...then]) assert.deepEqual(decodeSegment(model.lm, slots, 1, table), decodeSegment(model.lm, slots, 1));
  });

  it('restores a document the same whether the table kept across documents holds earlier ones or starts empty', () => {
    const docs = ['Ket qua thuc hien cong tac cai cach hanh chinh', 'Ong ay ban ca o cho, ban giao ket qua thuc hien', 'Cong tac cai cach: ket qua']
      .flatMap((t) => [[t, 'stripped'], [t, 'ocr']] as const);
    const alone = docs.map(([t, input]) => { forgetScores(); return restore(t, { model, input }); });
    forgetScores();
    const after = docs.map(([t, input]) => restore(t, { model, input }));
    assert.deepEqual(after, alone);
    // The next document finds what earlier ones interned; forgetScores starts afresh.
    const ids = [5, 6, 7], id = documentTable(model.lm).list(ids);
    assert.ok(id > 0);
    assert.equal(documentTable(model.lm).list(ids), id);
    forgetScores();
    assert.equal(documentTable(model.lm).list(ids), 0);
  });
});
