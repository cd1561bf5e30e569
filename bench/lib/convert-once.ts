/**
 * Child process of bench:pathological: converts one generated shape once and prints
 * {cpuSeconds, maxRssMb, ...} as JSON. A process per run, so peak RSS belongs to that run alone.
 * Usage: tsx bench/lib/convert-once.ts <shape> <bytes> <restore:on|off>
 */
import { performance } from 'node:perf_hooks';
import { convert, loadModel } from '../../src/index.js';
import { validateDocumentResult } from '../../src/core/schema.js';
import { SHAPES, type ShapeName } from './shapes.js';

const [shape, bytesArg, restoreArg] = process.argv.slice(2);
const make = SHAPES[shape as ShapeName]?.make;
if (!make) throw new Error(`unknown shape ${shape}`);
const restore = restoreArg === 'on' ? { model: loadModel() } : false;
const data = new TextEncoder().encode(make(Number(bytesArg)));
const before = process.cpuUsage();
const t = performance.now();
const result = await convert({ path: `${shape}.txt`, data }, { restore });
const cpu = process.cpuUsage(before);
const valid = validateDocumentResult(result);
console.log(JSON.stringify({
  shape, bytes: data.length, restore: restoreArg === 'on',
  cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (performance.now() - t) / 1000,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  paragraphs: result.paragraphs.length, pages: result.source.pages, valid: valid.ok,
  errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId),
}));
