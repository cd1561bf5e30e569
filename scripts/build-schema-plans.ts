/**
 * npm run build:schema-plans — writes src/core/schema-plans.ts from the zod schemas (see
 * scripts/lib/schema-plans-source.ts). Run after any change to the output schema.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaPlansSource } from './lib/schema-plans-source.js';

const target = fileURLToPath(new URL('../src/core/schema-plans.ts', import.meta.url));
writeFileSync(target, schemaPlansSource());
console.log(`wrote ${target}`);
