/** One PDF through the batch's convertFile of a given src/ (this tree's or the base's), in a process of its own: prints its peak RSS. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [srcRoot, file] = process.argv.slice(2) as [string, string];
const { convertFile } = await import(pathToFileURL(join(srcRoot, 'src/batch/convert-file.ts')).href) as typeof import('../../src/batch/convert-file.js');
const { prepareOutputDir } = await import(pathToFileURL(join(srcRoot, 'src/batch/output-dir.ts')).href) as typeof import('../../src/batch/output-dir.js');
const { prepareTmp } = await import(pathToFileURL(join(srcRoot, 'src/batch/atomic.ts')).href) as typeof import('../../src/batch/atomic.js');
const out = mkdtempSync(join(tmpdir(), 'baocao-pdf-bytes-'));
try {
  prepareOutputDir(out);
  await prepareTmp(out, { sweep: false });
  const began = process.cpuUsage();
  const r = await convertFile({ abs: file, rel: basename(file), display: basename(file) }, { outDir: out, formats: ['json'], resume: false, restore: false, segment: false, ocrMode: 'never' });
  const cpu = process.cpuUsage(began);
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (cpu.user + cpu.system) / 1e6, status: r.row.status, error: r.row.error, pages: r.row.pages, mb: statSync(file).size / 1048576 }));
} finally {
  rmSync(out, { recursive: true, force: true });
}
