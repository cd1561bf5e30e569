/**
 * The built CLI (node dist/cli/index.js) as the benches run it: no tsx compile time in the figures.
 * A run to its exit, and a long-running process (worker, serve) waited on until it says it is up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

export function requireBuiltCli(): void {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build first (npm run bench:* scripts that need it do)`);
}

/** Runs the CLI to its exit; rejects on a non-zero code. Returns wall seconds and stdout. */
export function runCli(args: string[]): Promise<{ seconds: number; stdout: string }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ seconds: (performance.now() - t) / 1000, stdout }) : reject(new Error(`baocao ${args[0]} exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

export interface Running {
  child: ChildProcess;
  /** The first stderr line that matched `ready`. */
  line: string;
  /** Seconds from spawn to that line. */
  startSeconds: number;
  stop: () => Promise<void>;
}

/** Starts a long-running CLI command and resolves once a stderr line matches `ready` (rejects after `timeoutMs`). */
export function startCli(args: string[], ready: RegExp, timeoutMs = 60_000): Promise<Running> {
  const t = performance.now();
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`baocao ${args[0]} not up after ${timeoutMs} ms: ${err.slice(-2000)}`))), timeoutMs);
    child.stderr!.on('data', (d) => {
      err += d;
      const line = err.split('\n').find((l) => ready.test(l));
      if (line !== undefined && timer.hasRef()) {
        clearTimeout(timer);
        timer.unref();
        resolve({ child, line, startSeconds: (performance.now() - t) / 1000, stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`baocao ${args[0]} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}
