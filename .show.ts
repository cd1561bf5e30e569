import { ingestWord } from '/work/wt-rtf/src/ingest/word/index.ts';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const r = ingestWord(readFileSync(f));
  console.log('==', f, r.encoding); console.log(r.original); console.log(JSON.stringify(r.diagnostics));
}
