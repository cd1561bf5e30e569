import { readBody } from './src/ingest/word/docx.js';
import { parseStyles } from './src/ingest/word/docx-styles.js';
const xml = `<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t xml:space="preserve">Ủy ban nhân dân xã </w:t></w:r><w:del w:id="1"><w:r><w:delText>đã cũ </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>mới sửa</w:t></w:r></w:ins></w:p>
<w:p><w:moveFromRangeStart w:id="3" w:name="move1"/><w:moveFrom w:id="4"><w:r><w:t>Đoạn được chuyển đi.</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="3"/></w:p>
<w:p><w:r><w:t>Đoạn giữa.</w:t></w:r></w:p>
<w:p><w:moveToRangeStart w:id="5" w:name="move1"/><w:moveTo w:id="6"><w:r><w:t>Đoạn được chuyển đi.</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="5"/></w:p>
</w:body></w:document>`;
const r = readBody(xml, parseStyles(null as any));
console.log(JSON.stringify(r.paragraphs ?? r, null, 0).slice(0, 800));
