/**
 * The realistic degradations bench:realistic applies, by name. Another kind (an e-signature
 * overlay, handwriting) is one more module exporting a Degradation, listed here.
 */
import type { Degradation } from './degradation.js';
import { bleed } from './bleed.js';
import { junkTextLayer } from './junk-text-layer.js';
import { photo } from './photo.js';
import { rotation } from './rotate.js';
import { sealBody, sealSignature } from './seal.js';
import { skew } from './skew.js';

export type { BasePage, DegradedPage, Degradation } from './degradation.js';

export function degradations(cacheDir?: string): Degradation[] {
  return [skew, rotation(90), rotation(180), rotation(270), photo, bleed, sealSignature, sealBody, junkTextLayer(cacheDir)];
}
