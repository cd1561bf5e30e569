import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCli } from './run-cli.js';

/** Starts `baocao serve` with `args`, returns its first lines of stderr once it serves, then stops it. */
async function startLines(args: string[]): Promise<string> {
  const child = startCli(['serve', '--port', '0', ...args]);
  let stderr = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        if (/serving on/.test(stderr) && stderr.endsWith('\n')) setTimeout(() => resolve(stderr), 200);
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
  } finally {
    child.kill('SIGTERM');
  }
}

describe('baocao serve on the network', () => {
  it('with --host 0.0.0.0 says it listens on every interface and that anyone who reaches it can convert, not 127.0.0.1', async () => {
    const lines = await startLines(['--host', '0.0.0.0']);
    assert.match(lines, /serving on http:\/\/0\.0\.0\.0:\d+/);
    assert.match(lines, /every network interface/);
    assert.match(lines, /no sign-in/);
  });
  it('on 127.0.0.1 (the default) says nothing of the network', async () => {
    const lines = await startLines([]);
    assert.match(lines, /serving on http:\/\/127\.0\.0\.1:\d+/);
    assert.doesNotMatch(lines, /no sign-in/);
  });
});
