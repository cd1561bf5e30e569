/**
 * Token ids shared by the model builder and the decoder. The language model sees lower-cased,
 * old-style-tone-placed syllables; numbers collapse to <num>, a comma is kept as a token, and any
 * other punctuation ends the segment (</s> … <s>), so n-gram context never crosses a sentence end.
 */
export const BOS = 0;
export const EOS = 1;
export const UNK = 2;
export const NUM = 3;
export const COMMA = 4;
export const SPECIAL_TOKENS = ['<s>', '</s>', '<unk>', '<num>', ','] as const;
export const FIRST_WORD_ID = SPECIAL_TOKENS.length;
/** Ids are packed 16 bits each into n-gram keys. */
export const MAX_VOCAB = 65536;

export const ID_BITS = 65536;

export function bigramKey(a: number, b: number): number {
  return a * ID_BITS + b;
}

export function trigramKey(a: number, b: number, c: number): number {
  return (a * ID_BITS + b) * ID_BITS + c;
}
