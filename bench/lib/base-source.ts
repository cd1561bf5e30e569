/** The src/ of another commit, unpacked once into bench/.work/base-<ref>/src, for a bench to load beside the current code. */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder holding `src/` as of `ref`, or undefined (no git, an unknown ref, or ref 'none'). */
export function baseSource(root: string, ref: string): string | undefined {
  if (ref === 'none') return undefined;
  const dir = join(root, 'bench', '.work', `base-${ref}`);
  try {
    if (!existsSync(join(dir, 'src'))) {
      mkdirSync(dir, { recursive: true });
      execSync(`git archive ${ref} src review-ui | tar -x -C ${JSON.stringify(dir)}`, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    }
    return dir;
  } catch (e) {
    console.log(`(no base ${ref}: ${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
}
