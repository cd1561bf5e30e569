/**
 * The archivist's settings file (`--archive-settings`): the fonds, the defaults and the hồ sơ by
 * folder that archive.csv's record takes what the document cannot say from (archive.ts). Checked
 * with zod here, apart from archive.ts, so that a batch worker (which writes archive facts but
 * never reads this file) does not load zod.
 */
import { z } from 'zod';

const HoSo = z.object({
  /** Mục lục số hoặc năm hình thành hồ sơ. */
  catalog: z.string().optional(),
  /** Số và ký hiệu hồ sơ. */
  fileCode: z.string().optional(),
  infoCode: z.string().optional(),
  access: z.string().optional(),
  reliability: z.string().optional(),
  handwriting: z.string().optional(),
  physicalState: z.string().optional(),
}).strict();

export const ArchiveSettingsSchema = z.object({
  fonds: z.string().optional(),
  /** Fields every document gets unless its hồ sơ says otherwise. */
  defaults: HoSo.optional(),
  /** Hồ sơ by folder, the folder written as in the `path` column. */
  files: z.array(HoSo.extend({ folder: z.string().min(1) }).strict()).default([]),
}).strict();

export type ArchiveSettings = z.infer<typeof ArchiveSettingsSchema>;
export type HoSo = z.infer<typeof HoSo>;

/** Parses a settings file's text; throws a sentence naming the first problems. */
export function parseArchiveSettings(jsonText: string): ArchiveSettings {
  let value: unknown;
  try {
    value = JSON.parse(jsonText);
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`);
  }
  const parsed = ArchiveSettingsSchema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '));
  return parsed.data;
}

