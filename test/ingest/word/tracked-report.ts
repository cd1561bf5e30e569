/**
 * A report with tracked changes not yet accepted (fixtures/word/make-tracked.sh saves it as .doc,
 * .odt and .rtf): a deletion and an insertion in one sentence, and a paragraph moved below a heading.
 */
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';

const BY = 'w:author="Văn thư" w:date="2024-12-20T08:00:00Z"';
const BODY = `<w:p><w:r><w:t xml:space="preserve">Ủy ban nhân dân xã đã triển khai </w:t></w:r><w:del w:id="1" ${BY}><w:r><w:delText xml:space="preserve">kế hoạch cũ năm 2023 </w:delText></w:r></w:del><w:ins w:id="2" ${BY}><w:r><w:t xml:space="preserve">kế hoạch năm 2024 </w:t></w:r></w:ins><w:r><w:t>đúng thời hạn.</w:t></w:r></w:p>
<w:p><w:moveFromRangeStart w:id="3" ${BY} w:name="move1"/><w:moveFrom w:id="4" ${BY}><w:r><w:t>Tiếp tục đẩy mạnh công tác tuyên truyền.</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="3"/></w:p>
<w:p><w:r><w:t>II. PHƯƠNG HƯỚNG NĂM 2025</w:t></w:r></w:p>
<w:p><w:moveToRangeStart w:id="5" ${BY} w:name="move1"/><w:moveTo w:id="6" ${BY}><w:r><w:t>Tiếp tục đẩy mạnh công tác tuyên truyền.</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="5"/></w:p>`;

/** The text once the changes are accepted, a paragraph a line (the moved one's old place left empty). */
export const ACCEPTED = ['Ủy ban nhân dân xã đã triển khai kế hoạch năm 2024 đúng thời hạn.', 'II. PHƯƠNG HƯỚNG NĂM 2025', 'Tiếp tục đẩy mạnh công tác tuyên truyền.'];

export async function trackedReport(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] })));
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', xml.replace(/<w:body>[\s\S]*?(<w:sectPr)/, `<w:body>${BODY}$1`));
  return zip.generateAsync({ type: 'uint8array' });
}
