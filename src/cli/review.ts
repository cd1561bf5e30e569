/**
 * `baocao review <out-dir>`: checks the folder, serves the review page until SIGINT/SIGTERM.
 * On a loopback address only loopback Host names are answered, so a web page elsewhere cannot
 * reach the server through a DNS name pointed at 127.0.0.1.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasDoneState } from '../batch/done-index.js';

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

export async function reviewCommand(dir: string, o: { port: number; host: string }): Promise<number> {
  const outDir = resolve(dir);
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) {
    process.stderr.write(`baocao: '${dir}' is not a folder: give the folder baocao convert wrote (-o)\n`);
    return 2;
  }
  if (!hasDoneState(outDir)) {
    process.stderr.write(`baocao: '${dir}' has no converted documents (.baocao/log is missing): give the folder baocao convert wrote (-o)\n`);
    return 2;
  }
  const { buildReviewServer } = await import('../review/server.js');
  const { applyLoggedCorrections } = await import('../review/rewrite.js');
  const { listDocuments } = await import('../review/folder.js');
  const synced = await applyLoggedCorrections(outDir, listDocuments(outDir));
  if (synced.rewritten.length) process.stderr.write(`baocao: corrections.jsonl applied again to ${synced.rewritten.length} document(s) converted since\n`);
  for (const p of synced.problems) process.stderr.write(`baocao: ${p}\n`);
  const app = await buildReviewServer(outDir, LOOPBACK.includes(o.host) ? { allowedHosts: LOOPBACK } : {});
  const address = await app.listen({ port: o.port, host: o.host });
  process.stderr.write(`baocao: review of ${outDir} on ${address}/ (Ctrl-C to stop; every decision is saved at once)\n`);
  await new Promise<void>((done) => {
    const stop = () => void app.close().then(done);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
