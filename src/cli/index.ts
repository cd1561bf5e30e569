#!/usr/bin/env node
/**
 * The `baocao` command (package.json "bin"). It runs the bundle that `npm run build` makes of the
 * command line (scripts/bundle-cli.mjs: dist/cli-bundle/, a few files to load instead of ~300
 * modules, about 0.1 s of CPU at every start) when there is one, else the modules tsc emitted
 * (main.ts). After `tsc` alone the old bundle would still run: build with `npm run build`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../cli-bundle/main.js', import.meta.url);
await import(existsSync(fileURLToPath(bundle)) ? bundle.href : './main.js');
