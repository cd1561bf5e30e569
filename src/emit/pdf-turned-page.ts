/**
 * A page OCR read turned (Page.turn: the image was turned a quarter or a half to read it upright)
 * keeps its word boxes in the image's own pixels, where its text runs sideways or upside down. Its
 * text layer is laid in the upright frame instead: the boxes turned upright, and the map from
 * pixels to the PDF page composed with the turn back, so the invisible words lie over the printed
 * ones along their own direction and are selected and extracted in reading order.
 */
import type { DocumentResult } from '../core/schema.js';
import type { Box } from './pdf-words.js';
import type { PixelMatrix, TextLayerPage } from './pdf-text-layer.js';

type Page = DocumentResult['pages'][number];
type Turn = 90 | 180 | 270;

/** A box in an image W×H (y down) as it lies once the image is turned clockwise by `turn`. */
export function uprightBox([x1, y1, x2, y2]: Box, turn: Turn, width: number, height: number): Box {
  if (turn === 90) return [height - y2, x1, height - y1, x2];
  if (turn === 180) return [width - x2, height - y2, width - x1, height - y1];
  return [y1, width - x2, y2, width - x1];
}

/** Map from the upright image's pixels (y up) back to the turned image's pixels (y up). */
function turnBack(turn: Turn, width: number, height: number): PixelMatrix {
  if (turn === 90) return [0, 1, -1, 0, width, 0];
  if (turn === 180) return [-1, 0, 0, -1, width, height];
  return [0, -1, 1, 0, 0, height];
}

/** `outer` after `inner`, as PDF matrices compose. */
function compose(outer: PixelMatrix, inner: PixelMatrix): PixelMatrix {
  const [a, b, c, d, e, f] = outer, [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

/** The page and its text-layer target in the upright frame; as they are for a page not turned. */
export function uprightLayer(page: Page, target: TextLayerPage): { page: Page; target: TextLayerPage } {
  const turn = page.turn;
  if (!turn || target.imageWidth === undefined) return { page, target };
  const width = target.imageWidth, height = target.imageHeight;
  const words = page.words?.map((w) => ({ ...w, bbox: uprightBox(w.bbox as Box, turn, width, height) }));
  return {
    page: { ...page, ...(words ? { words } : {}) },
    target: { ...target, imageWidth: turn === 180 ? width : height, imageHeight: turn === 180 ? height : width, toUser: compose(target.toUser, turnBack(turn, width, height)) },
  };
}
