import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationSaid, jobsSaid, queueEtaSeconds } from '../../src/queue/eta.js';

describe('the queue ETA', () => {
  it("gives a job reading pages its own pace times its pages left, whatever the rate of small files", () => {
    // 10 of 128 pages in 40 min: 472 min left, though small files went by at 2 a second.
    const scan = { pagesDone: 10, pagesTotal: 128, elapsedMs: 40 * 60_000 };
    assert.equal(queueEtaSeconds({ rate: 2, waiting: 0, active: [scan] }), 472 * 60);
  });

  it('takes the longer of the paged jobs and the others at the file rate, which run beside them', () => {
    const scan = { pagesDone: 5, pagesTotal: 10, elapsedMs: 10_000 };
    assert.equal(queueEtaSeconds({ rate: 0.5, waiting: 6, active: [scan, null] }), 14);
    assert.equal(queueEtaSeconds({ rate: 0.5, waiting: 0, active: [scan] }), 10);
  });

  it('uses the file rate alone for jobs with no pages read yet, and says nothing before anything is known', () => {
    assert.equal(queueEtaSeconds({ rate: 0.25, waiting: 2, active: [{ pagesDone: 0, pagesTotal: 9, elapsedMs: 500 }, 0] }), 16);
    assert.equal(queueEtaSeconds({ rate: null, waiting: 2, active: [] }), null);
    assert.equal(queueEtaSeconds({ rate: null, waiting: 0, active: [] }), 0);
  });

  it('says durations and job counts as people write them', () => {
    assert.equal(durationSaid(6), '6 s');
    assert.equal(durationSaid(40 * 60 + 6), '40 min 6 s');
    assert.equal(durationSaid(2 * 3600 + 5 * 60 + 9), '2 h 5 min');
    assert.equal(jobsSaid(1), '1 job');
    assert.equal(jobsSaid(0), '0 jobs');
    assert.equal(jobsSaid(3), '3 jobs');
  });
});
