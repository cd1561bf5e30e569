/**
 * bench:restore's speed rows, each in a process of its own (restore-speed-child.ts), their passes
 * taken in turn (a, b, c, then b, c, a, …) so that the load of a shared machine falls on all of
 * them alike, and each row's code is compiled on its own profile (one process for all rows made
 * the same code read 1.07-1.12x of itself). Only one child works at a time; the others wait.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeOptions, type ChildInit, type ChildReply } from './restore-speed-child.js';

const childScript = join(dirname(fileURLToPath(import.meta.url)), 'restore-speed-child.ts');

export interface SpeedRow {
  name: string;
  tree: string;
  modelDir: string;
  options: Record<string, unknown>;
  forget: 'pass' | 'document';
}

export interface SpeedRun {
  /** Median CPU seconds of the warm passes (all passes when only one), the best, the cold first pass. */
  seconds: number;
  best: number;
  cold: number;
  /** The first pass's outputs, one per input. */
  outputs: string[];
  loadMs: number;
  /** The row's process's peak RSS (one model, one score table). */
  maxRssMb: number;
}

class Child {
  private readonly proc: ChildProcess;
  private waiting: ((r: ChildReply) => void) | undefined;

  constructor(readonly name: string) {
    this.proc = fork(childScript, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('message', (m: ChildReply) => { const w = this.waiting; this.waiting = undefined; w?.(m); });
    this.proc.on('exit', (code) => { const w = this.waiting; this.waiting = undefined; w?.({ error: `${this.name}: process exited (${code})` }); });
  }

  ask(message: object): Promise<ChildReply> {
    return new Promise((resolve, reject) => {
      this.waiting = (r) => ('error' in r ? reject(new Error(`${this.name}: ${r.error}`)) : resolve(r));
      this.proc.send(message);
    });
  }

  end(): void {
    this.proc.disconnect();
  }
}

/** Runs every row `passes` times over `inputs` (restore input `input`), each in its own process. */
export async function runRowsApart(rows: SpeedRow[], inputs: string[], input: string, passes: number): Promise<SpeedRun[]> {
  const children = rows.map((r) => new Child(r.name));
  try {
    const loadMs: number[] = [];
    // Loaded one after another, as the passes run, so that no two compete for the cores.
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const init: ChildInit = { tree: r.tree, modelDir: r.modelDir, inputs, input, options: encodeOptions(r.options), forget: r.forget };
      const reply = await children[i]!.ask({ init });
      loadMs.push('loadMs' in reply ? reply.loadMs : NaN);
    }
    const times = rows.map(() => [] as number[]), outputs = rows.map(() => [] as string[]), rss = rows.map(() => 0);
    for (let pass = 0; pass < passes; pass++) {
      // Each pass starts with the next row, so none always runs first.
      for (let q = 0; q < rows.length; q++) {
        const f = (q + pass) % rows.length;
        const reply = await children[f]!.ask({ pass });
        if (!('seconds' in reply)) throw new Error(`${rows[f]!.name}: no time`);
        times[f]!.push(reply.seconds);
        if (reply.outputs) outputs[f] = reply.outputs;
        rss[f] = reply.maxRssMb;
      }
    }
    return rows.map((_, i) => {
      const all = times[i]!, warm = (all.length > 1 ? all.slice(1) : all).sort((a, b) => a - b);
      return { seconds: warm[Math.floor((warm.length - 1) / 2)]!, best: warm[0]!, cold: all[0]!, outputs: outputs[i]!, loadMs: loadMs[i]!, maxRssMb: rss[i]! };
    });
  } finally {
    for (const c of children) c.end();
  }
}
