/**
 * Batch progress: a one-line bar redrawn on a terminal, plain lines when piped or logged.
 * Errors always go to stderr as one line each, whatever the mode.
 */
import type { FileOutcome } from '../batch/convert-file.js';
import type { InputFile } from '../batch/inputs.js';

export interface Progress {
  start(total: number): void;
  file(file: InputFile, outcome: FileOutcome, done: number, total: number): void;
  /** Page progress inside a long scanned file (terminal only: plain logs stay one line per file). */
  page(file: InputFile, fileNumber: number, files: number, pageDone: number, pageTotal: number): void;
  problem(arg: string, message: string): void;
  end(): void;
}

export function createProgress(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY) && !quiet;
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const error = (line: string) => {
    clear();
    process.stderr.write(`baocao: ${line}\n`);
  };
  const draw = (share: number, label: string) => {
    const width = 24;
    const filled = Math.min(width, Math.round(share * width));
    stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}`);
    drawn = true;
  };
  return {
    start(total) {
      if (!quiet && !tty) process.stdout.write(`converting ${total} file${total === 1 ? '' : 's'}\n`);
    },
    file(file, outcome, done, total) {
      const { row } = outcome;
      if (row.status === 'error') error(`${row.path}: ${row.error}`);
      if (tty) {
        draw(done / Math.max(1, total), `${done}/${total} ${shorten(file.display, 50)}`);
      } else if (!quiet && row.status !== 'error') {
        process.stdout.write(`${outcome.skipped ? 'skipped (done)' : row.status === 'partial' ? 'converted (partial)' : 'converted'} ${row.path}\n`);
      }
    },
    page(file, fileNumber, files, pageDone, pageTotal) {
      if (!tty) return;
      // The bar counts finished files plus the finished share of this one.
      const share = (fileNumber - 1 + pageDone / Math.max(1, pageTotal)) / Math.max(1, files);
      draw(share, `file ${fileNumber}/${files} · page ${pageDone}/${pageTotal} ${shorten(file.display, 40)}`);
    },
    problem(arg, message) {
      error(`${arg}: ${message}`);
    },
    end() {
      clear();
    },
  };
}

function shorten(s: string, n: number): string {
  return s.length <= n ? s : '…' + s.slice(s.length - n + 1);
}
