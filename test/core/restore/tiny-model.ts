/** Builds a small model in memory from hand-written sentences, so tests don't depend on dictionaries/. */
import { CorpusAccumulator } from '../../../scripts/lib/corpus-pass.js';
import { assembleModel } from '../../../scripts/lib/assemble-model.js';
import { learnChannel } from '../../../scripts/lib/learn-channel.js';
import { channelTables } from '../../../scripts/lib/channel-tables.js';
import { modelFromBytes, type RestoreModel } from '../../../src/core/restore/index.js';

export const SENTENCES = [
  'Ủy ban nhân dân xã Ngọc Kỳ báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023.',
  'Kết quả thực hiện kế hoạch của Ủy ban nhân dân xã.',
  'Báo cáo kết quả công tác tuyên truyền cải cách hành chính.',
  'Hội đồng nhân dân xã và HĐND huyện đã họp.',
  'Thường trực HĐND xã, UBND xã thực hiện kế hoạch số 72/KH-UBND.',
  'Tôi mua một cái bàn, cái ghế và cái tủ.',
  'Cán bộ, công chức, viên chức thực hiện nhiệm vụ được giao.',
  'Nhiệm vụ của cán bộ được giao là tuyên truyền pháp luật.',
  'Giá cả thị trường tăng quá nhanh trong năm.',
  'Ông ấy bán cá ở chợ.',
  'Đảng ủy xã lãnh đạo công tác tuyên truyền.',
  'Bàn giao kết quả cho Đảng ủy xã.',
];

/** A few OCR pairs in the style of English-model output. */
export const OCR_PAIRS: [string, string][] = [
  ['của xã Ngọc Kỳ', 'ctia x4 Ngoc Ky'],
  ['của Ủy ban nhân dân xã', 'ctia Uy ban nhan dan x4'],
  ['công tác của xã', 'cong tac ciia xa'],
  ['được giao của xã', 'dugc giao ctia x4'],
  ['được thực hiện', 'dugc thuc hién'],
  ['Đảng ủy xã', 'Pang uy xa'],
  ['Kết quả được', 'Két qua duoc'],
];

let cached: RestoreModel | undefined;
let cachedBytes: Uint8Array | undefined;

export function tinyModel(): RestoreModel {
  if (cached) return cached;
  cached = modelFromBytes(tinyModelBytes());
  return cached;
}

/** The tiny model's file bytes (for tests of loading and of files derived from a model). */
export function tinyModelBytes(): Uint8Array {
  if (cachedBytes) return cachedBytes;
  const acc = new CorpusAccumulator();
  for (const s of SENTENCES) acc.addLine(s);
  const channel = channelTables(learnChannel([...OCR_PAIRS, ...OCR_PAIRS]), false);
  cachedBytes = assembleModel(acc, channel, { minSyllableCount: 1, minOtherCount: 1, minBigram: 1, minTrigram: 1 }).bytes;
  return cachedBytes;
}
