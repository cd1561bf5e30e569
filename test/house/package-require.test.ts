import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
// Node reads an ES module with require() from 20.19 (and 22.12).
const requireEsm = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
const skip = !existsSync(`${root}dist/index.js`) ? 'dist/ not built (npm run build)'
  : !requireEsm ? `Node ${process.versions.node} cannot require() an ES module` : false;

describe('the package as a CommonJS user loads it', () => {
  it("require('baocao') gives the API (package exports have a default entry)", { skip }, () => {
    // The package's own name resolves to itself from inside it, through package.json's exports.
    const out = execFileSync(process.execPath, ['-e', "const b = require('baocao'); process.stdout.write(typeof b.convert + ' ' + typeof b.restore)"], { cwd: root, encoding: 'utf8' });
    assert.equal(out, 'function function');
  });
});
