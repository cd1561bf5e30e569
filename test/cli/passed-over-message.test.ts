import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { passedOverMessage } from '../../src/cli/batch-log.js';

describe('the line naming files of other kinds passed over', () => {
  it('says to unpack the archives among them', () => {
    assert.match(passedOverMessage({ count: 2, archives: 1, first: ['a/2019.zip', 'a/sheet.xlsx'] }), /a\/2019\.zip, a\/sheet\.xlsx; 1 of them is an archive \(\.zip …\): unpack it and convert the folder$/);
    assert.match(passedOverMessage({ count: 1, archives: 1, first: ['a/2019.zip'] }), /a\/2019\.zip; it is an archive \(\.zip …\): unpack it and convert the folder$/);
  });
  it('says nothing of archives when there are none', () => {
    assert.match(passedOverMessage({ count: 1, archives: 0, first: ['a/notes.md'] }), /whatever its name\): a\/notes\.md$/);
  });
});
