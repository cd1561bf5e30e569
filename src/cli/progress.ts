/**
 * Batch progress: on a terminal a one-line bar with percentage, count, rate and ETA, redrawn from
 * the first second (the model load and the first OCR page take seconds, and a silent terminal looks
 * hung); plain lines when piped or logged. Errors always go to stderr as one line each.
 */
import type { FileOutcome } from '../batch/convert-file.js';
import type { InputFile } from '../batch/inputs.js';

export interface Progress {
  /** `refused`: inputs refused while listing, already reported one by one. */
  start(total: number, refused?: number): void;
  file(file: InputFile, outcome: FileOutcome, done: number, total: number): void;
  /** Page progress inside a long scanned file (terminal only: plain logs stay one line per file). */
  page(file: InputFile, fileNumber: number, files: number, pageDone: number, pageTotal: number): void;
  problem(arg: string, message: string): void;
  /** One line on stderr ('baocao: ' + text), drawn above the bar. */
  note(text: string): void;
  end(): void;
}

export interface ProgressOptions {
  /** Milliseconds between redraws of the terminal line while nothing finishes (0: no ticker). */
  tickMs?: number;
  now?: () => number;
}

export function createProgress(quiet: boolean, stream: NodeJS.WriteStream = process.stderr, options: ProgressOptions = {}): Progress {
  const tty = Boolean(stream.isTTY) && !quiet;
  const now = options.now ?? Date.now;
  const began = now();
  let drawn = false;
  let total = 0, done = 0;
  let share = 0, label = 'starting (loading the model)';
  let noEta = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const error = (line: string) => {
    clear();
    process.stderr.write(`baocao: ${printable(line)}\n`);
    if (tty && total) redraw();
  };
  const redraw = () => {
    const width = 24;
    const filled = Math.min(width, Math.round(share * width));
    const elapsed = (now() - began) / 1000;
    const pct = `${Math.floor(share * 100)}%`;
    stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct} ${label}${timing(noEta ? 1 : share, elapsed, done)}`);
    drawn = true;
  };
  return {
    start(n, refused = 0) {
      total = n;
      const refusedNote = refused ? `; ${refused} input${refused === 1 ? '' : 's'} refused (see the errors)` : '';
      if (!quiet && !tty) process.stdout.write(`converting ${n} file${n === 1 ? '' : 's'}${refusedNote}\n`);
      if (tty) {
        label = `0/${n} files · starting (loading the model)`;
        redraw();
        const tick = options.tickMs ?? 1000;
        if (tick > 0) {
          ticker = setInterval(redraw, tick);
          ticker.unref();
        }
      }
    },
    file(file, outcome, d, n) {
      done = d;
      noEta = false;
      const { row } = outcome;
      if (row.status === 'error') error(`${row.path}: ${row.error}`);
      if (tty) {
        share = d / Math.max(1, n);
        label = `${d}/${n} files ${shorten(file.display, 40)}`;
        redraw();
      } else if (!quiet && row.status !== 'error') {
        process.stdout.write(`${outcome.skipped ? 'skipped (done)' : row.status === 'partial' ? 'converted (partial)' : 'converted'} ${printable(row.path)}\n`);
      }
    },
    page(file, fileNumber, files, pageDone, pageTotal) {
      if (!tty) return;
      // The bar counts finished files plus the finished share of this one, where restoring and
      // writing it count as one more page: reading the last page is not the end of the file (a
      // 2,000-page text PDF is restored for longer than it is read). With every page read there is
      // no honest ETA, so none is shown.
      share = (fileNumber - 1 + pageDone / (Math.max(1, pageTotal) + 1)) / Math.max(1, files);
      const name = shorten(file.display, 40);
      const read = pageDone >= pageTotal;
      label = read ? `file ${fileNumber}/${files} · ${pageTotal} pages read, restoring and writing ${name}` : `file ${fileNumber}/${files} · page ${pageDone}/${pageTotal} ${name}`;
      noEta = read;
      redraw();
    },
    problem(arg, message) {
      error(`${arg}: ${message}`);
    },
    note(text) {
      error(text);
    },
    end() {
      if (ticker) clearInterval(ticker);
      clear();
    },
  };
}

/** " · 2.3 files/s · ETA 1:05", from the share done so far; nothing until there is a rate. */
function timing(share: number, elapsed: number, files: number): string {
  const parts = [` · ${clock(elapsed)}`];
  if (files > 0 && elapsed > 0) parts.push(files / elapsed >= 1 ? `${(files / elapsed).toFixed(1)} files/s` : `${(elapsed / files).toFixed(1)} s/file`);
  if (share > 0 && share < 1 && elapsed >= 1) parts.push(`ETA ${clock((elapsed * (1 - share)) / share)}`);
  return parts.join(' · ');
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

function shorten(s: string, n: number): string {
  s = printable(s);
  return s.length <= n ? s : '…' + s.slice(s.length - n + 1);
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A line as it may be printed: control characters of a file name (a newline, a terminal escape)
 * written as \n, \x1b…, so each event stays one line and a name cannot redraw the terminal.
 */
function printable(s: string): string {
  return s.replace(CONTROL, (c) => ESCAPES[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}
