/**
 * How a text lost its marks: the restorer's input kinds, in one place for every shell (the CLI's
 * --input, serve's query, convert()'s option check). A module of its own, importing nothing, so the
 * command line can list them without loading the restorer.
 */
export const USER_RESTORE_INPUTS = ['auto', 'stripped', 'ocr', 'vie-ocr'] as const;
/** 'clean': text with marks, read as typed (words kept unless the context strongly objects); library callers only. */
export const RESTORE_INPUTS = [...USER_RESTORE_INPUTS, 'clean'] as const;
export type RestoreInput = (typeof RESTORE_INPUTS)[number];
