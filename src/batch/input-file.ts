/**
 * One input of a batch and how to open it: apart from inputs.ts (the listing, which loads the
 * glob package) so a batch worker, which only opens files, does not load the listing's packages
 * at its start (docs/batch-speed-s18.md).
 */

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to the batch base, '/'-separated: decides the output location. */
  rel: string;
  /** Path shown to people (relative to the working directory when inside it). */
  display: string;
  /**
   * The path's bytes, when a name on it is not UTF-8 (an archive copied from an old Windows or DOS
   * disk): `abs` then holds the name read as windows-1258, which no file system call can open.
   */
  raw?: Uint8Array;
  /** A copy that does not last (standard input's): no path of it is kept. */
  transient?: boolean;
}

/** What to give fs calls for this input: its bytes when its name is not UTF-8, else its path. */
export function openPath(file: Pick<InputFile, 'abs' | 'raw'>): string | Buffer {
  return file.raw ? Buffer.from(file.raw) : file.abs;
}
