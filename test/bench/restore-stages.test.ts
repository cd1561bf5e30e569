import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stageCosts, stageOf, stageTable, STAGES } from '../../bench/lib/restore-stages.js';

describe('restore-stages', () => {
  it('puts a JavaScript function in its file\'s stage', () => {
    assert.equal(stageOf('decodeSegment decoder.js'), 'decoder + LM table');
    assert.equal(stageOf('pairEntry arc-table.js'), 'decoder + LM table');
    assert.equal(stageOf('sumWindow posterior.js'), 'posterior');
    assert.equal(stageOf('cachePass doc-cache.js'), 'document cache (OCR)');
    assert.equal(stageOf('(anonymous) doc-cache.js:90'), 'document cache (OCR)');
    assert.equal(stageOf('calibrate word-evidence.js'), 'evidence + calibration');
    assert.equal(stageOf('splitUnits units.js'), 'text + candidates');
  });

  it('splits the files that hold two stages by function', () => {
    assert.equal(stageOf('forwardPosterior decoder.js'), 'decoder confidences');
    assert.equal(stageOf('trigram language-model.js'), 'evidence + calibration');
    assert.equal(stageOf('emit index.js'), 'output (tokens, acronyms)');
    assert.equal(stageOf('restore index.js'), 'text + candidates');
  });

  it('names the collector, the compiler, regexps and exp by their C++ names', () => {
    assert.equal(stageOf('v8::internal::Scavenger::ScavengePage'), 'GC + write barriers');
    assert.equal(stageOf('v8::internal::Sweeper::RawSweep'), 'GC + write barriers');
    assert.equal(stageOf('Builtins_RecordWriteSaveFP'), 'GC + write barriers');
    assert.equal(stageOf('v8::internal::compiler::GraphReducer::ReduceTop'), 'TurboFan');
    assert.equal(stageOf('RegExp:^\\d{1,3}$'), 'regexp');
    assert.equal(stageOf('v8::internal::RegExpMacroAssembler::IsCharacterInRangeArray'), 'regexp');
    assert.equal(stageOf('v8::base::ieee754::exp'), 'exp / log');
    assert.equal(stageOf('Builtins_StringEqual'), 'other builtins / C++');
  });

  it('adds every function to exactly one stage, so the stages sum to the total', () => {
    const costs = new Map([['decodeSegment decoder.js', 500], ['sumWindow posterior.js', 200], ['Builtins_StringEqual', 7], ['v8::base::ieee754::exp', 3]]);
    const sums = stageCosts(costs);
    assert.deepEqual([...sums.keys()], [...STAGES]);
    assert.equal([...sums.values()].reduce((a, b) => a + b, 0), 710);
    assert.equal(sums.get('decoder + LM table'), 500);
    const table = stageTable(['ours'], [costs], 10);
    assert.match(table, /decoder \+ LM table\s+0\.0\s+0\.05k\s+70\.4%/);
    assert.match(table, /total\s+0\.0\s+0\.07k\s+100\.0%/);
  });
});
