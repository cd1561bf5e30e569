import { loadModel } from './src/model/load.js';
import { restore } from './src/core/restore/index.js';
import { learnAdaptation } from './src/core/restore/learn-archive.js';
import { prepareAdaptation } from './src/core/restore/adaptation.js';
import { stripMarks } from './src/core/vi-text/index.js';
const model = loadModel();
const cands = ['xã Hà Lãng', 'xã Tà Cạ', 'xã Đồng Vỡ', 'xã Lã Bồng', 'xã Mỹ Xuyến', 'xã Cổ Lũng', 'thôn Bả Cần', 'xã Sủng Chéng', 'xã Nậm Sỏ', 'xã Bỉ Khê'];
for (const c of cands) {
  const s = `Ủy ban nhân dân ${c} báo cáo kết quả thực hiện nhiệm vụ.`;
  const r = restore(stripMarks(s), { model, input: 'stripped' }).text;
  console.log(r === s ? 'OK ' : 'BAD', r);
}
const texts = [{ text: 'Ủy ban nhân dân xã Nậm Sỏ, huyện Tân Uyên. Ông Nguyễn Xuân Thoang, Chủ tịch UBND xã Nậm Sỏ. Ban chỉ đạo ĐMST.' }];
const data = learnAdaptation(texts, model, { model: 'x'.repeat(64), documents: 0, corrections: 0, texts: 1 });
console.log(JSON.stringify({ ...data, ngrams: { ...data.ngrams, unigrams: data.ngrams.unigrams.length, bigrams: data.ngrams.bigrams.length, trigrams: data.ngrams.trigrams.slice(0, 5) } }));
const adaptation = prepareAdaptation(model, data);
for (const s of ['Ủy ban nhân dân xã Nậm Sỏ báo cáo kết quả thực hiện nhiệm vụ.', 'Hôm nay trời mưa to, nước sông dâng cao.', 'Ong Nguyen Xuan Thoang tham du hoi nghi ve DMST.']) {
  const a = restore(stripMarks(s), { model, input: 'stripped' }).text, b = restore(stripMarks(s), { model, input: 'stripped', adaptation }).text;
  console.log(a, '|', b);
}
