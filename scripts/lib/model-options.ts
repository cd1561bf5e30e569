import type { AssembleOptions } from './assemble-model.js';

/** The language-model build options of npm run build:model, shared with the held-out build so the two differ only in their data. */
export const BUILD_MODEL_OPTIONS: AssembleOptions = { minSyllableCount: 2, minOtherCount: 25, minBigram: 1, minTrigram: 2 };
