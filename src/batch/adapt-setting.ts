/** `--adapt` as batch settings carry it (plain data: it crosses worker and queue boundaries). */
export interface AdaptSetting {
  /** Absolute path of archive.json. */
  path: string;
  /** Its SHA-256 when the batch was set up: part of the settings fingerprint (--resume). */
  sha256: string;
}
