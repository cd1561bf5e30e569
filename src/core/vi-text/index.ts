/** Vietnamese text utilities: pure, NFC in and out, table-driven for the restorer's hot loops. */
export { toNfc, stripMarks, splitTone, type Tone } from './marks.js';
export { placeTone, normalizeTonePlacement, detectToneStyle, type ToneStyle } from './tone.js';
export { tokenize, type Token, type TokenKind } from './tokenize.js';
export { casePattern, applyCase, lowerCase, type CasePattern } from './case.js';
export { parseSyllable, isVietnameseSyllable, couldBeSyllable, type ParsedSyllable } from './syllable.js';
