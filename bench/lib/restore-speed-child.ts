/**
 * One speed row of bench:restore in a process of its own (bench/lib/restore-speed.ts forks it):
 * loads `src/` of the given tree (the current code or a base commit's, unpacked beside) and its
 * model, then restores the set once per `pass` message and answers with the CPU time spent (and
 * the outputs of the first pass, for scoring). Run alone, a row's code is compiled on its own
 * profile: sharing one process, the current module ran three rows per pass against the base's one
 * and read 1.07-1.12x of itself.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the parent sends first. */
export interface ChildInit {
  /** The tree whose src/ is loaded (the repository root, or bench/.work/base-<ref>). */
  tree: string;
  modelDir: string;
  inputs: string[];
  input: string;
  /** Extra restore() options, encodeOptions'd (JSON with Infinity kept). */
  options: string;
  /** When the shared score table (arc-table.ts) is emptied: at each pass's start, or before every document. */
  forget: 'pass' | 'document';
}

export type ChildReply = { ready: true; loadMs: number } | { seconds: number; outputs?: string[]; maxRssMb: number } | { error: string };

/** JSON with Infinity kept (maxSkeleton 'all'). */
export const encodeOptions = (o: Record<string, unknown>): string => JSON.stringify(o, (_k, v) => (v === Infinity ? 'Infinity' : v));
const decodeOptions = (s: string): Record<string, unknown> => JSON.parse(s, (_k, v) => (v === 'Infinity' ? Infinity : v));

type Restore = (t: string, o: Record<string, unknown>) => { text: string };

async function start(init: ChildInit): Promise<(pass: number) => ChildReply> {
  const src = (p: string) => pathToFileURL(join(init.tree, 'src', p)).href;
  const core = await import(src('core/restore/index.ts')) as { restore: Restore };
  const load = await import(src('model/load.ts')) as { loadModel: (dir?: string) => unknown };
  // A base from before the kept table (3dcabcf) has neither module nor function.
  const arcs = await import(src('core/restore/arc-table.ts')).catch(() => undefined) as { forgetScores?: () => void } | undefined;
  const forget = arcs?.forgetScores ?? (() => {});
  const t0 = performance.now();
  const model = load.loadModel(init.modelDir);
  const loadMs = performance.now() - t0;
  const options = { ...decodeOptions(init.options), model, input: init.input };
  process.send!({ ready: true, loadMs } satisfies ChildReply);
  return (pass) => {
    let spent = 0;
    const outputs: string[] = [];
    if (init.forget === 'pass') forget();
    for (const t of init.inputs) {
      if (init.forget === 'document') forget();
      const c0 = process.cpuUsage();
      const out = core.restore(t, options).text;
      const dt = process.cpuUsage(c0);
      spent += (dt.user + dt.system) / 1e6;
      if (pass === 0) outputs.push(out);
    }
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    return pass === 0 ? { seconds: spent, outputs, maxRssMb } : { seconds: spent, maxRssMb };
  };
}

if (process.send) {
  let runPass: ((pass: number) => ChildReply) | undefined;
  process.on('message', (m: { init?: ChildInit; pass?: number }) => {
    void (async () => {
      try {
        if (m.init) runPass = await start(m.init);
        else if (m.pass !== undefined) process.send!(runPass!(m.pass) satisfies ChildReply);
      } catch (e) {
        process.send!({ error: (e as Error).stack ?? String(e) } satisfies ChildReply);
      }
    })();
  });
  // The parent gone, nothing is left to do.
  process.on('disconnect', () => process.exit(0));
}
