/**
 * V8 settings for the CLI's own one-document processes (`baocao restore`), never for a library
 * user's process nor a batch. V8 hands a function to its optimizing compiler (TurboFan, on
 * background threads) once the function has run an "interrupt budget" of bytecode; on the first
 * document of a process that compiles some 80 functions, about 0.25 s of CPU, most of which a
 * single document never earns back. Eight times the default budget (67,584 bytes of bytecode)
 * leaves the functions that are merely warm to the baseline code and compiles the hot loops
 * later: `baocao restore` of the 9 KB sample 0.82–0.85 → 0.61–0.62 s of process CPU, of a
 * 26 KB text 1.16 → 0.85 s, of 430 KB (30 documents) 4.14–4.24 → 3.97–4.25 s, i.e. no dearer
 * (docs/cold-start.md, sixth pass). `--no-opt` saved as much on the sample but doubled the long
 * text's cost. Set after the model is loaded: its loops are meant to be optimized at once.
 */
import { setFlagsFromString } from 'node:v8';

export const SHORT_PROCESS_V8_FLAGS = '--interrupt-budget=540672';

export function useShortProcessFlags(): void {
  setFlagsFromString(SHORT_PROCESS_V8_FLAGS);
}
