/**
 * One job per input file. The id is a hash of the file's content, its place in the output tree and
 * the settings, so adding the same inputs again adds nothing (idempotent) while a changed file or
 * other settings make a new job.
 */
import { createHash } from 'node:crypto';
import { settingsFingerprint, type BatchSettings } from '../batch/convert-file.js';
import type { InputFile } from '../batch/inputs.js';

/**
 * An input as a job carries it through Redis (JSON): a path whose name is not UTF-8 keeps its bytes
 * as base64 beside the readable name (`abs`, `rel`, `display` are the windows-1258 reading), so the
 * worker opens the very file `queue add` listed.
 */
export type JobFile = Omit<InputFile, 'raw'> & { rawBase64?: string };

export interface JobData {
  file: JobFile;
  settings: BatchSettings;
}

export function toJobFile({ raw, ...file }: InputFile): JobFile {
  return raw ? { ...file, rawBase64: Buffer.from(raw).toString('base64') } : file;
}

export function fromJobFile({ rawBase64, ...file }: JobFile): InputFile {
  return rawBase64 === undefined ? file : { ...file, raw: Buffer.from(rawBase64, 'base64') };
}

export function jobId(contentSha256: string, file: Pick<InputFile, 'rel'>, settings: BatchSettings): string {
  const key = JSON.stringify([contentSha256, file.rel, settings.outDir, settingsFingerprint(settings)]);
  return createHash('sha256').update(key).digest('hex');
}

/** Retries with backoff for crashes and timeouts; bad input is a result (an error row), not a failure. */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: false,
  removeOnFail: false,
} as const;
