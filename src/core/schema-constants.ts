/** The output schema's constants, apart so that modules without zod (document-result.ts) share them with the zod schemas. */

export const SCHEMA_VERSION = '1.8';

/** The header fields a person can set directly on the review page (baocao review): meta.type, meta.number, meta.date, meta.issuer, signature.name, signature.position. */
export const HEADER_FIELDS = ['type', 'number', 'date', 'issuer', 'signer', 'position'] as const;
