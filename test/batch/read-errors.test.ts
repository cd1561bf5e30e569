import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readErrorMessage } from '../../src/batch/fs-errors.js';

const fsError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('an input that cannot be read', () => {
  it('says permission denied and what to do, not the raw system message', () => {
    assert.equal(readErrorMessage(fsError('EACCES', "EACCES: permission denied, open '/a/khoa.txt'")),
      'read/EACCES: permission denied: give your user read access to the file (or copy it somewhere you can read), then run again with --resume');
  });
  it('says a file locked by another program (Windows EBUSY) is locked, and to close that program', () => {
    assert.match(readErrorMessage(fsError('EBUSY', "EBUSY: resource busy or locked, open 'C:\\a\\bao-cao.doc'")), /^read\/EBUSY: the file is locked by another program: close the program that has it open, then run again with --resume$/);
  });
  it('keeps the system message of an error it has no words for', () => {
    assert.equal(readErrorMessage(fsError('EXDEV', 'EXDEV: odd')), 'read: EXDEV: odd');
  });
});
