/**
 * One batch worker thread fed text files in chunks. A message each way per file woke the main
 * thread twice per document, and the worker sat idle between its answer and the next request
 * (on a loaded 2-core machine ~25 % of a worker's profile was that round trip). Now the worker
 * gets up to CHUNK_FILES files at once, answers once per chunk, and has the next chunk queued
 * before it finishes the current one, so it never waits for the main thread.
 *
 * The per-file time limit still holds per file: the worker writes the file it is converting and
 * when it began into shared memory (RUNNING, STARTED), and a timer in this thread checks the file
 * on its deadline. A worker that dies (time limit, out of memory, crash) takes only the file it
 * was converting down; the other files of its chunks that were not answered yet are given back
 * and converted again by a new worker (a conversion writes the same outputs and record again).
 * Big files go one at a time (`acquireBig`) and their worker is replaced after.
 */
import type { Worker } from 'node:worker_threads';
import type { BatchSettings, FileOutcome } from './convert-file.js';
import { isOcrAsk, type OcrAsk } from '../ingest/ocr/ocr-bridge.js';
import type { InputFile } from './inputs.js';
import { failedRow } from '../emit/sheets.js';

export interface TextJob { i: number; file: InputFile; bytes: number; limitMs: number; big: boolean }
export type DeathKind = 'timeout' | 'out-of-memory' | 'crash';

/** Slots of the shared Float64Array: the job converting now (-1: none) and its Date.now() start. */
export const RUNNING = 0;
export const STARTED = 1;

/** A chunk as the worker receives it; the answer is `{ chunk, outcomes }` in the same order. */
export interface ChunkMessage { chunk: number; jobs: { i: number; file: InputFile }[]; settings: BatchSettings }
export interface ChunkAnswer { chunk: number; outcomes: FileOutcome[] }

export interface LaneHooks {
  /** The next chunk (a big file alone), or undefined when none is left. */
  take(): TextJob[] | undefined;
  /** Jobs a dead worker had not answered: to be taken again. */
  giveBack(jobs: TextJob[]): void;
  done(i: number, outcome: FileOutcome): void;
  /** The row of the file a worker died on. */
  failure(job: TextJob, kind: DeathKind, detail: string): FileOutcome;
  acquireBig(): Promise<() => void>;
  start(state: SharedArrayBuffer): Worker;
  /**
   * A page reading the worker asks of the batch's OCR pool (a Word file's pictures): answered on
   * `worker`; `signal` aborts when the worker is stopped or replaced, dropping its readings.
   */
  answerOcr?(ask: OcrAsk, worker: Worker, signal: AbortSignal): void;
}

/** The row of a file whose conversion crashed, in the worker (a throw) or with it (the worker died): one wording for both. */
export function crashOutcome(display: string, detail: string): FileOutcome {
  return { skipped: false, row: failedRow(display, `internal: ${detail}`) };
}

type LaneEvent = { kind: 'answer'; answer: ChunkAnswer } | { kind: 'death'; death: DeathKind; detail: string };

/** Runs chunks on one worker (replaced when it dies or after a big file) until `take` has none. */
export async function runLane(settings: BatchSettings, hooks: LaneHooks): Promise<void> {
  let lane = open(hooks);
  const sent: { id: number; jobs: TextJob[] }[] = [];
  let chunkId = 0;
  let ahead: TextJob[] | undefined = hooks.take();
  const send = (jobs: TextJob[]) => {
    const message: ChunkMessage = { chunk: chunkId, jobs: jobs.map((j) => ({ i: j.i, file: j.file })), settings };
    sent.push({ id: chunkId++, jobs });
    lane.expect(jobs);
    lane.worker.postMessage(message);
  };
  try {
    for (;;) {
      // Jobs given back by a dead worker are taken again here, even after the queue ran dry.
      ahead ??= hooks.take();
      // Keep two small chunks with the worker; a big file goes alone, on a worker with nothing else.
      while (ahead && !ahead[0]!.big && sent.length < 2) {
        send(ahead);
        ahead = hooks.take();
      }
      if (!sent.length) {
        if (!ahead) return;
        const release = await hooks.acquireBig();
        const bigLane = lane;
        try {
          send(ahead);
          ahead = hooks.take();
          await settle(await lane.next());
        } finally {
          release();
        }
        // Its grown heap goes back at once (a worker that died was replaced already).
        if (lane === bigLane) lane = replace(lane);
        continue;
      }
      await settle(await lane.next());
    }
  } finally {
    if (ahead) hooks.giveBack(ahead);
    lane.close();
    await lane.worker.terminate();
  }

  async function settle(event: LaneEvent): Promise<void> {
    if (event.kind === 'answer') {
      const chunk = sent.shift()!;
      lane.forget(chunk.jobs);
      chunk.jobs.forEach((job, k) => hooks.done(job.i, event.answer.outcomes[k]!));
      return;
    }
    // The file it was converting fails; the rest of what it held is converted again on a new worker.
    const running = lane.state[RUNNING]!;
    const jobs = sent.flatMap((c) => c.jobs);
    sent.length = 0;
    const culprit = jobs.find((j) => j.i === running) ?? jobs[0];
    if (culprit) {
      hooks.done(culprit.i, hooks.failure(culprit, event.death, event.detail));
      hooks.giveBack(jobs.filter((j) => j !== culprit));
    }
    lane = replace(lane);
  }
}

function replace(lane: Lane): Lane {
  lane.close();
  void lane.worker.terminate();
  return open(lane.hooks);
}

interface Lane {
  hooks: LaneHooks;
  worker: Worker;
  state: Float64Array;
  dead: boolean;
  /** Jobs sent to the worker: their time limits. */
  expect(jobs: TextJob[]): void;
  forget(jobs: TextJob[]): void;
  next(): Promise<LaneEvent>;
  close(): void;
}

/** A worker with its events queued and its watchdog: next() is its next answer or its death. */
function open(hooks: LaneHooks): Lane {
  const state = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
  state[RUNNING] = -1;
  const worker = hooks.start(state.buffer);
  const events: LaneEvent[] = [];
  // The worker's page readings on the batch's pool: dropped once it is stopped or replaced.
  const readings = new AbortController();
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The time limits of the jobs sent, by job index, and the smallest (how often to look between files).
  const limits = new Map<number, number>();
  let shortest = Infinity;
  const lane: Lane = {
    hooks, worker, state, dead: false,
    expect: (jobs) => {
      for (const j of jobs) {
        limits.set(j.i, j.limitMs);
        shortest = Math.min(shortest, j.limitMs);
      }
    },
    forget: (jobs) => { for (const j of jobs) limits.delete(j.i); },
    next: async () => {
      while (!events.length) {
        watch();
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      return events.shift()!;
    },
    close: () => {
      clearTimeout(timer);
      readings.abort(new Error('the batch worker asking for this page was stopped'));
      worker.removeAllListeners();
      // A terminated worker may still report an error; nobody listens any more.
      worker.on('error', () => {});
    },
  };
  const push = (event: LaneEvent) => {
    if (lane.dead) return;
    if (event.kind === 'death') {
      lane.dead = true;
      clearTimeout(timer);
    }
    events.push(event);
    wake?.();
    wake = undefined;
  };
  worker.on('message', (msg: ChunkAnswer | OcrAsk) => {
    if (isOcrAsk(msg)) hooks.answerOcr?.(msg, worker, readings.signal);
    else push({ kind: 'answer', answer: msg });
  });
  worker.on('error', (e: Error) => push({ kind: 'death', death: (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', detail: `worker failed: ${e.message}` }));
  worker.on('exit', (code: number) => push({ kind: 'death', death: 'crash', detail: `worker exited with code ${code}` }));
  // The watchdog: wakes at the deadline of the file being converted, and kills the worker if
  // that same file is still running then; otherwise it looks again at what runs now.
  function watch(): void {
    if (timer || lane.dead) return;
    const running = state[RUNNING]!;
    const started = state[STARTED]!;
    const limit = running >= 0 ? limits.get(running) ?? Infinity : Infinity;
    const wait = running < 0 ? Math.min(IDLE_CHECK_MS, shortest) : Math.max(0, started + limit - Date.now());
    if (!Number.isFinite(wait)) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (running >= 0 && state[RUNNING] === running && state[STARTED] === started && Date.now() >= started + limit) {
        push({ kind: 'death', death: 'timeout', detail: String(limit) });
        return;
      }
      if (wake) watch();
    }, wait);
  }
  return lane;
}

/** How often a worker between files is looked at again (it starts its next file within microseconds). */
const IDLE_CHECK_MS = 100;
