/**
 * What bench:cold-instructions and bench:warm-instructions share: the preflight (a built dist/,
 * valgrind on the PATH) and the copies of each side's dist/ that their callgrind processes load.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Throws when dist/ is not built; false (with a line on stdout) when valgrind is missing. */
export function callgrindReady(dist: string): boolean {
  if (!existsSync(join(dist, 'core', 'restore', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    process.stdout.write('valgrind is not installed: nothing measured\n');
    return false;
  }
  return true;
}

/**
 * Copies `from` (a dist/) to `<work>/<name>/dist` and returns that path. Every side runs from such
 * a copy, at paths of one length when the names have one length: the module paths' lengths moved
 * node's load by 65 M instructions between two folders (the same code built into dist/ and into
 * bench/.work/cold-base-<ref>/dist read 3.4 % apart, session 18), and a rebuild while the
 * processes run does not change what they load.
 */
export function copyDist(from: string, work: string, name: string): string {
  const to = join(work, name, 'dist');
  cpSync(from, to, { recursive: true });
  return to;
}
