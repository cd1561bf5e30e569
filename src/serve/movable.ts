/**
 * What to move rather than copy to the other thread: the bytes' own memory when they are all of
 * it (an upload, an answer's file). A view of part of a larger buffer (a form's file, Node's
 * pooled small buffers) is copied: moving it would empty the rest of that buffer for its holders.
 */
export function movable(data: Uint8Array | string): ArrayBuffer[] {
  if (typeof data === 'string' || !(data.buffer instanceof ArrayBuffer)) return [];
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? [data.buffer] : [];
}
