import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const skip = !existsSync(join(root, 'dist', 'cli-bundle')) ? 'dist/cli-bundle not built (npm run build)' : false;

// `npm start` runs the bundled CLI, not the sources the other tests load: a package inlined into
// the bundle (fast-csv, CommonJS) and imported on first use came without its named exports there.
describe('the built CLI, as npm start runs it', () => {
  it('converts the sample into its JSON, the document tables and no problem line', { skip }, () => {
    const out = mkdtempSync(join(tmpdir(), 'baocao-start-'));
    try {
      const result = execFileSync(process.execPath, [join(root, 'dist', 'cli', 'index.js'), 'convert', join(root, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt'), '-o', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.match(result, /converted/);
      assert.ok(existsSync(join(out, 'bao-cao-ngoc-ky.ocr.txt.json')));
      const documents = readFileSync(join(out, 'documents.csv'), 'utf8');
      assert.match(documents, /192\/BC-UBND/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
