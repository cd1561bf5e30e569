import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTextWorkers, TEXT_FILES_PER_WORKER } from '../../src/batch/pool.js';

describe('text workers when --jobs is not given', () => {
  it('gives a small text batch one worker: a second costs its start and compilation', () => {
    assert.equal(defaultTextWorkers(1, 2), 1);
    assert.equal(defaultTextWorkers(99, 2), 1);
    assert.equal(defaultTextWorkers(2 * TEXT_FILES_PER_WORKER - 1, 2), 1);
  });

  it('adds a worker per TEXT_FILES_PER_WORKER files, up to the cores', () => {
    assert.equal(defaultTextWorkers(2 * TEXT_FILES_PER_WORKER, 2), 2);
    assert.equal(defaultTextWorkers(1000, 2), 2);
    assert.equal(defaultTextWorkers(5 * TEXT_FILES_PER_WORKER, 8), 5);
    assert.equal(defaultTextWorkers(100_000, 8), 8);
  });

  it('never gives none', () => {
    assert.equal(defaultTextWorkers(0, 2), 1);
    assert.equal(defaultTextWorkers(5, 1), 1);
  });
});
