/**
 * The distributed batch on the command line: `queue add`, `queue status`, `queue collect` and
 * `worker`, over one Redis (BullMQ). Workers run the same convertFile as `convert`.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import type { BatchSettings } from '../batch/convert-file.js';
import { addConversionOptions, conversionSettings, type ConversionFlags } from './conversion-options.js';
import { durationSaid, jobsSaid } from '../queue/eta.js';

const redisOption = () => new Option('--redis <url>', 'Redis URL shared by every machine').env('BAOCAO_REDIS').default('redis://127.0.0.1:6379');

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return n;
}

export function registerQueueCommands(program: Command): void {
  const queue = program.command('queue').description('a distributed batch: many workers on many machines, one Redis queue');
  addConversionOptions(queue
    .command('add')
    .description('enqueue one job per input (adding the same inputs again adds nothing)')
    .argument('<inputs...>', 'files, directories or glob patterns, on storage every worker sees at the same path')
    .addOption(redisOption())
    .requiredOption('-o, --output <dir>', 'output directory, on shared storage'))
    .action(async (inputs: string[], o: ConversionFlags & { redis: string; output: string }) => {
      const { addInputs } = await import('../queue/queue.js');
      const settings: BatchSettings = { ...conversionSettings(o), outDir: resolve(o.output), resume: true };
      if (o.adapt !== undefined) {
        const checked = (await import('./adapt-option.js')).checkedAdapt(o.adapt);
        if ('problem' in checked) {
          process.stderr.write(`baocao: ${checked.problem}\n`);
          process.exitCode = 2;
          return;
        }
        settings.adapt = checked;
      }
      const s = await addInputs(inputs, settings, o.redis);
      for (const p of s.problems) process.stderr.write(`baocao: ${p.arg}: ${p.message}\n`);
      process.stdout.write(`${jobsSaid(s.added)} added${s.already ? `, ${s.already} already queued or done` : ''}${s.problems.length ? `, ${s.problems.length} inputs not added` : ''}\n`);
      process.exitCode = s.problems.length ? 1 : 0;
    });
  queue
    .command('status')
    .description('waiting, active, done and failed jobs (with reasons), rate and ETA')
    .addOption(redisOption())
    .option('--json', 'print the status as JSON', false)
    .action(async (o: { redis: string; json: boolean }) => {
      const { queueStatus } = await import('../queue/queue.js');
      const s = await queueStatus(o.redis);
      if (o.json) return void process.stdout.write(JSON.stringify(s) + '\n');
      const eta = s.etaSeconds === null ? '' : ` · ETA ${durationSaid(s.etaSeconds)}`;
      process.stdout.write(`waiting ${s.waiting} · active ${s.active} · done ${s.done} · failed ${s.failed}${s.delayed ? ` · retrying ${s.delayed}` : ''}${s.rate ? ` · ${s.rate.toFixed(2)} files/s` : ''}${eta}\n`);
      for (const r of s.reading) process.stdout.write(`reading: ${r.path}: page ${r.pagesDone} of ${r.pagesTotal}\n`);
      for (const f of s.failures) process.stdout.write(`failed: ${f.path}: ${f.reason}\n`);
    });
  queue
    .command('collect')
    .description('write documents.csv, the batch tables and the workbook for every job of this output folder that has ended')
    .addOption(redisOption())
    .requiredOption('-o, --output <dir>', 'the output directory the jobs were added with')
    .action(async (o: { redis: string; output: string }) => {
      const { collect } = await import('../queue/queue.js');
      const c = await collect(o.redis, resolve(o.output), (message) => process.stderr.write(`baocao: ${message}\n`));
      for (const p of c.problems) process.stderr.write(`baocao: batch tables: ${p}\n`);
      process.stdout.write(`${c.rows} rows in ${c.path}${c.pending ? `; ${jobsSaid(c.pending)} still waiting or running` : ''}\n`);
    });

  program
    .command('worker')
    .description('convert jobs from the queue until stopped (SIGTERM finishes the current jobs; a second SIGTERM stops at once, its jobs go back to the queue)')
    .addOption(redisOption())
    .option('--concurrency <n>', 'jobs at once in this process (2: one converts while the other waits on Redis or the disk)', positive, 2)
    .option('--lock-seconds <n>', "how long a killed worker's job waits before another worker takes it over", positive, 60)
    .option('--quiet', 'no line per job', false)
    .action(async (o: { redis: string; concurrency: number; lockSeconds: number; quiet: boolean }) => {
      const { startWorker, stopWorker } = await import('../queue/worker.js');
      const { unreachable } = await import('../queue/connection.js');
      // Redis down: ioredis retries every second; the same failure is said once, until it answers again.
      let said = '';
      const worker = startWorker(o.redis, {
        concurrency: o.concurrency,
        lockSeconds: o.lockSeconds,
        onJob: (data, outcome) => {
          if (outcome.row.status === 'error') process.stderr.write(`baocao: ${outcome.row.path}: ${outcome.row.error}\n`);
          else if (!o.quiet) process.stdout.write(`${outcome.skipped ? 'skipped (done)' : 'converted'} ${data.file.display}\n`);
        },
        onWait: (data, message) => process.stderr.write(`baocao: ${data.file.display}: ${message}\n`),
        onConnected: () => {
          if (said) process.stderr.write(`baocao: worker: Redis answers again\n`);
          said = '';
        },
      });
      worker.on('error', (e) => {
        const text = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|Connection is closed/.test(e.message) ? `${unreachable(o.redis, e.message)}; trying again every second` : e.message;
        if (text !== said) process.stderr.write(`baocao: worker: ${text}\n`);
        said = text;
      });
      // The first signal finishes the jobs in flight (a job is never lost: one cut off by a second
      // signal stays in the queue and another worker takes it once its lock lapses, --lock-seconds).
      let signals = 0;
      const stop = (signal: NodeJS.Signals) => {
        if (++signals > 1) {
          process.stderr.write(`baocao: ${signal} again: stopping now; jobs in flight go back to the queue after --lock-seconds (${o.lockSeconds} s)\n`);
          process.exit(128 + (osConstants.signals[signal] ?? 15));
        }
        process.stderr.write(`baocao: ${signal}: finishing the current jobs; send the signal again to stop now\n`);
        void stopWorker(worker).then(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      await worker.waitUntilReady();
      process.stderr.write(`baocao: worker ready (concurrency ${o.concurrency})\n`);
    });
}
