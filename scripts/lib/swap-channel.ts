/**
 * A model file with its OCR channel tables replaced: the channel lives in the JSON header only
 * (model-format.ts), so the language model's sections are kept byte for byte, whatever their layout.
 */
import { decodeModelFile, encodeModelFile } from '../../src/core/restore/model-format.js';
import type { ChannelTables } from '../../src/core/restore/channel.js';

export function withChannel(model: Uint8Array, channel: ChannelTables, meta: Record<string, unknown>): Uint8Array {
  const { header, sections } = decodeModelFile(model);
  const { sections: _table, ...rest } = header;
  return encodeModelFile({ ...rest, channel, meta: { ...(rest.meta as Record<string, unknown>), ...meta } }, sections);
}
