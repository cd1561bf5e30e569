/** The dist/ of another commit's src/, built once with its own tsconfig beside this checkout's model and node_modules. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** bench/.work/cold-base-<ref>/dist, built on first use; undefined for ref 'none'. */
export function baseDist(root: string, ref: string): string | undefined {
  if (ref === 'none') return undefined;
  const dir = join(root, 'bench', '.work', `cold-base-${ref}`), out = join(dir, 'dist');
  if (!existsSync(join(out, 'core', 'restore', 'index.js'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${ref} src package.json tsconfig.json tsconfig.build.json | tar -x -C '${dir}'`], { cwd: root });
    if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  }
  return out;
}
