/**
 * On/off switches read from the environment (BAOCAO_STRAIGHTEN, BAOCAO_JUNK_REREAD,
 * BAOCAO_COLUMN_REREAD): on unless set to 0, off, false or no (any case), so a bench can take
 * the baseline of a step without an option threaded through every caller. The shells read them; src/core reads no environment.
 */
export function envSwitch(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(0|off|false|no)$/i.test((env[name] ?? '').trim());
}
