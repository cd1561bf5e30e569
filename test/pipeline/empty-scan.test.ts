import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';

describe('an empty file named as a PDF or an image', () => {
  it('is said to be empty (ingest/empty), not a damaged PDF or an unknown image kind', async () => {
    for (const [name, kind] of [['scan.pdf', 'PDF'], ['scan.png', 'image'], ['scan.tif', 'image']] as const) {
      const r = await convert({ path: name, data: new Uint8Array(0) }, { restore: false });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.ruleId), ['ingest/empty'], name);
      assert.match(errors[0]!.message, new RegExp(`empty \\(0 bytes\\), though named as an? ${kind}`));
    }
  });
});
