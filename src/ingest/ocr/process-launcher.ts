/**
 * Starts the native engine's tesseract processes. On Linux a process is started by fork(), whose
 * cost grows with the parent's memory: from a 1 GB process (serve holding a 144-Mpx page, a batch
 * with the model and pages in memory) one start took 100–340 ms and held the main thread that
 * long — from a worker thread too, fork taking the whole process's memory lock. So the starts are
 * made by a small helper process (node, a few dozen MB) started with the pool while memory is
 * small: the image goes to it and the output comes back over its IPC channel, where a start from it
 * costs what a start from a small process does. BAOCAO_NATIVE_LAUNCHER=direct starts them here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { envSwitch } from '../env-switch.js';

export interface LaunchResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The tail of stderr (at most `stderrKeep` characters). */
  stderr: string;
}

export interface Launch {
  result: Promise<LaunchResult>;
  /** Kills the process (SIGKILL); `result` then settles with its signal. */
  kill(): void;
}

export interface ProcessLauncher {
  launch(binary: string, args: string[], env: NodeJS.ProcessEnv, input: Uint8Array, stderrKeep: number): Launch;
  close(): void;
}

/** A start that failed (ENOENT: no such binary) rejects `result` with an error carrying `code`. */
function startError(code: string | undefined, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Starts each process from this one. */
export function directLauncher(): ProcessLauncher {
  return {
    launch(binary, args, env, input, keep) {
      const child = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      const result = new Promise<LaunchResult>((resolve, reject) => {
        const out: Buffer[] = [];
        let err = '';
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-keep); });
        // A process that died before reading its input closes stdin early: the exit code says why.
        child.stdin.on('error', () => undefined);
        child.on('error', (e: NodeJS.ErrnoException) => reject(startError(e.code, e.message)));
        child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
        child.stdin.end(input);
      });
      return { result, kill: () => { child.kill('SIGKILL'); } };
    },
    close() {},
  };
}

/** The helper's program: starts what it is asked, answers with the outcome, kills what it is told. */
const HELPER = `
const { spawn } = require('node:child_process');
const running = new Map();
process.on('message', (m) => {
  if (m.kill !== undefined) { running.get(m.kill)?.kill('SIGKILL'); return; }
  let done = false;
  const answer = (a) => { if (!done) { done = true; running.delete(m.id); process.send({ id: m.id, ...a }); } };
  let child;
  try { child = spawn(m.binary, m.args, { env: m.env, stdio: ['pipe', 'pipe', 'pipe'] }); }
  catch (e) { answer({ error: { code: e.code, message: e.message } }); return; }
  running.set(m.id, child);
  const out = []; let err = '';
  child.stdout.on('data', (b) => out.push(b));
  child.stderr.on('data', (b) => { err = (err + b.toString()).slice(-m.keep); });
  child.stdin.on('error', () => {});
  child.on('error', (e) => answer({ error: { code: e.code, message: e.message } }));
  child.on('close', (code, signal) => answer({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  child.stdin.end(m.input);
});
process.on('disconnect', () => { for (const c of running.values()) c.kill('SIGKILL'); process.exit(0); });
`;

interface Waiting { resolve: (r: LaunchResult) => void; reject: (e: Error) => void }

/**
 * Starts processes through a helper process, started now. A helper that dies fails the pages it
 * was running (as a crashed tesseract would) and is started again for the next.
 */
export function helperLauncher(): ProcessLauncher {
  let helper: ChildProcess | undefined;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();
  const start = (): ChildProcess => {
    const child = spawn(process.execPath, ['-e', HELPER], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced', env: {} });
    child.on('message', (m: { id: number; error?: { code?: string; message: string }; code: number | null; signal: NodeJS.Signals | null; stdout: Uint8Array; stderr: string }) => {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      idle();
      if (m.error) w.reject(startError(m.error.code, m.error.message));
      else w.resolve({ code: m.code, signal: m.signal, stdout: Buffer.from(m.stdout.buffer, m.stdout.byteOffset, m.stdout.byteLength), stderr: m.stderr });
    });
    const lost = (why: string) => {
      if (helper !== child) return;
      helper = undefined;
      for (const w of waiting.values()) w.reject(new Error(`native OCR: the process that starts tesseract ${why}`));
      waiting.clear();
    };
    child.on('exit', (code, signal) => lost(`ended (${signal ?? `code ${code}`})`));
    child.on('disconnect', () => lost('ended'));
    child.on('error', (e) => lost(`failed: ${e.message}`));
    // Idle, it keeps nothing alive: only pages being read do.
    child.unref();
    child.channel?.unref();
    return child;
  };
  const idle = () => {
    if (waiting.size || !helper) return;
    helper.unref();
    helper.channel?.unref();
  };
  helper = start();
  return {
    launch(binary, args, env, input, keep) {
      const id = nextId++;
      const child = helper ??= start();
      const result = new Promise<LaunchResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.ref();
        child.channel?.ref();
        child.send({ id, binary, args, env, input, keep });
      });
      return { result, kill: () => { if (waiting.has(id) && child.connected) child.send({ kill: id }, () => undefined); } };
    },
    close() {
      const child = helper;
      helper = undefined;
      for (const w of waiting.values()) w.reject(new Error('OCR pool terminated'));
      waiting.clear();
      if (child?.connected) child.disconnect();
    },
  };
}

/** The launcher the native pool uses: the helper unless BAOCAO_NATIVE_LAUNCHER=direct (or off). */
export function processLauncher(): ProcessLauncher {
  const asked = process.env.BAOCAO_NATIVE_LAUNCHER;
  return asked === 'direct' || !envSwitch('BAOCAO_NATIVE_LAUNCHER') ? directLauncher() : helperLauncher();
}
