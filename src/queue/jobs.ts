/**
 * One job per input file. The id is a hash of the file's content, its place in the output tree and
 * the settings, so adding the same inputs again adds nothing (idempotent) while a changed file or
 * other settings make a new job.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { settingsFingerprint, type BatchSettings } from '../batch/convert-file.js';
import type { InputFile } from '../batch/inputs.js';

export interface JobData {
  file: InputFile;
  settings: BatchSettings;
}

export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (c) => hash.update(c)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

export function jobId(contentSha256: string, file: InputFile, settings: BatchSettings): string {
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
