/**
 * File-system errors met while reading an input or writing, said in words with what to do next: a
 * per-file error row (`write/ENOSPC: …`, `read/EACCES: …`) rather than a raw
 * `internal: ENOSPC: no space left on device, open '…'`.
 */

/** Thrown when a write would land outside the output folder (through a symbolic link). */
export class OutsideOutputError extends Error {
  readonly code = 'EOUTSIDE';
  constructor(
    readonly link: string,
    readonly target: string,
  ) {
    super(`'${link}' is a symbolic link to '${target}', outside the output folder`);
  }
}

const EXPLAINED: Record<string, [what: string, todo: string]> = {
  ENOSPC: ['no space left on the output drive', 'free some space, then run again with --resume'],
  EDQUOT: ['the disk quota of the output drive is used up', 'free some space, then run again with --resume'],
  EFBIG: ['the file is too large for the output file system', 'write to another drive with -o'],
  EACCES: ['permission denied', 'make the output folder writable (or choose another with -o), then run again with --resume'],
  EPERM: ['operation not permitted', 'make the output folder writable (or choose another with -o), then run again with --resume'],
  EROFS: ['the output drive is read-only', 'choose a writable output folder with -o'],
  ENAMETOOLONG: ['the path is too long for the file system', 'choose an output folder with a shorter path (-o)'],
  ENOTDIR: ['a file stands where a folder is needed', 'move that file away or choose another output folder with -o'],
  EEXIST: ['a file stands where a folder is needed', 'move that file away or choose another output folder with -o'],
  EISDIR: ['a folder stands where an output file goes', 'move that folder away or choose another output folder with -o'],
  EMFILE: ['too many open files', 'run with a lower --jobs or raise the open-file limit (ulimit -n)'],
  ENFILE: ['too many open files on the system', 'run with a lower --jobs, then run again with --resume'],
  EIO: ['input/output error from the output drive', 'check the drive, then run again with --resume'],
  ENOENT: ['a folder of the output vanished while writing', 'run again with --resume'],
  EOUTSIDE: ['refused: baocao writes only inside the output folder', 'remove the link or replace it with a real folder, then run again with --resume'],
};

/** `write/<CODE>: <what happened> (<detail>): <what to do>` for a per-file error row. */
export function writeErrorMessage(e: unknown, written: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const known = code ? EXPLAINED[code] : undefined;
  if (!known) return `write: ${e instanceof Error ? e.message : String(e)} (writing '${written}')`;
  const detail = e instanceof OutsideOutputError ? e.message : `writing '${written}'`;
  return `write/${code}: ${known[0]} (${detail}): ${known[1]}`;
}

const READ_EXPLAINED: Record<string, [what: string, todo: string]> = {
  EACCES: ['permission denied', 'give your user read access to the file (or copy it somewhere you can read), then run again with --resume'],
  EPERM: ['operation not permitted', 'give your user read access to the file (or copy it somewhere you can read), then run again with --resume'],
  // Windows says EBUSY for a file another program holds open without sharing (Word, a scanner).
  EBUSY: ['the file is locked by another program', 'close the program that has it open, then run again with --resume'],
  EAGAIN: ['the file is locked by another program', 'close the program that has it open, then run again with --resume'],
  ENOENT: ['the file is gone (moved or deleted since the folder was listed)', 'run again once it is back'],
  EIO: ['input/output error reading the file', 'the drive or the copy is damaged: copy the file to a sound drive and convert that'],
  ELOOP: ['too many symbolic links', 'convert the file the link leads to'],
  ENAMETOOLONG: ['the path is too long for the file system', 'move the file to a folder with a shorter path'],
  EMFILE: ['too many open files', 'run with a lower --jobs or raise the open-file limit (ulimit -n)'],
};

/** `read/<CODE>: <what happened>: <what to do>` for the error row of an input that cannot be read. */
export function readErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const known = code ? READ_EXPLAINED[code] : undefined;
  if (!known) return `read: ${e instanceof Error ? e.message : String(e)}`;
  return `read/${code}: ${known[0]}: ${known[1]}`;
}

/** The same for a whole-batch file (the output folder itself, documents.csv): one line. */
export function fsProblem(e: unknown): { what: string; todo: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  const known = code ? EXPLAINED[code] : undefined;
  if (!known) return { what: e instanceof Error ? e.message : String(e), todo: 'see the message above' };
  const detail = e instanceof OutsideOutputError ? `: ${e.message}` : '';
  return { what: `${known[0]} (${code})${detail}`, todo: known[1] };
}
