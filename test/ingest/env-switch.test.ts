import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envSwitch } from '../../src/ingest/env-switch.js';

describe('an on/off switch from the environment (BAOCAO_STRAIGHTEN, BAOCAO_JUNK_REREAD)', () => {
  it('is on when unset or set to anything but an off word', () => {
    assert.equal(envSwitch('BAOCAO_STRAIGHTEN', {}), true);
    for (const on of ['1', 'on', 'yes', ' true ', '']) assert.equal(envSwitch('BAOCAO_STRAIGHTEN', { BAOCAO_STRAIGHTEN: on }), true, on);
  });

  it('is off for 0, off, false or no, in any case and with spaces around', () => {
    for (const off of ['0', 'off', 'FALSE', 'no', ' Off ']) assert.equal(envSwitch('BAOCAO_JUNK_REREAD', { BAOCAO_JUNK_REREAD: off }), false, off);
  });
});
