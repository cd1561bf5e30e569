/**
 * V8 settings for the CLI's batch (`baocao convert` of files into a folder), never for a library
 * user's process. Flags are process-wide, so the text workers the batch starts share them; they
 * are set before the first worker starts and before the pipeline's code is hot.
 *
 * Less inlining into TurboFan's optimized functions (a cumulative budget of 230 bytes of bytecode,
 * V8's default 920): a text batch's TurboFan threads compile each hot function again in every
 * worker, and a quarter of a 300-file batch's instructions were theirs. Measured in
 * docs/batch-speed-s22.md (instructions of the whole batch, every thread; bench:convert rounds
 * with and without it). Only when the batch restores no text: restoration's hot loops are not
 * left to run with less inlining on a guess (see the same document).
 */
import { setFlagsFromString } from 'node:v8';

export const TEXT_BATCH_V8_FLAGS = '--max-inlined-bytecode-size-cumulative=230';

/** Sets the flags unless the command line gave node its own value of the same flag. */
export function useTextBatchFlags(execArgv: readonly string[] = process.execArgv): boolean {
  const name = TEXT_BATCH_V8_FLAGS.split('=')[0]!;
  if (execArgv.some((a) => a === name || a.startsWith(`${name}=`) || a.replaceAll('_', '-').startsWith(name))) return false;
  setFlagsFromString(TEXT_BATCH_V8_FLAGS);
  return true;
}
