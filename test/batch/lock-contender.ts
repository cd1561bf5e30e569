/**
 * One contender of the output-lock race test: waits until the given clock time, tries the lock,
 * prints 'held <start> <end>' (clock ms) or 'refused', holds a won lock for `holdMs`, then releases it.
 */
import { lockOutputDir } from '../../src/batch/output-lock.js';

const [outDir, at, holdMs] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
while (Date.now() < at) { /* start together: a spin, not a timer, so the tries are ms apart */ }
try {
  const lock = lockOutputDir(outDir, { command: 'baocao convert' });
  const start = Date.now();
  const until = start + holdMs;
  while (Date.now() < until) { /* hold */ }
  const end = Date.now();
  lock.release();
  process.stdout.write(`held ${start} ${end}\n`);
} catch (e) {
  process.stdout.write(`refused ${(e as Error).message}\n`);
}
