import { USER_RESTORE_INPUTS } from '../core/restore/inputs.js';

/** The OpenAPI 3.1 description of the service, around the DocumentResult JSON Schema from zod. */
export function openApiDocument(schemaVersion: string, documentSchema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _drop, ...schema } = documentSchema;
  const query = (name: string, description: string, values?: string[], dflt?: string) => ({
    name, in: 'query', required: false, description, schema: values ? { type: 'string', enum: values, default: dflt } : { type: 'string', default: dflt },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'baocao', version: schemaVersion, description: 'Vietnamese administrative documents (text, PDF, scans) to restored text and structured data.' },
    paths: {
      '/v1/convert': {
        post: {
          summary: 'Convert one document sent as the request body',
          parameters: [
            query('name', 'file name of the document (its extension hints the kind)', undefined, 'document'),
            query('input', 'how the text lost its marks', [...USER_RESTORE_INPUTS], 'auto'),
            query('restore', 'restore diacritics', ['true', 'false'], 'true'),
            query('segment', 'read the Decree 30 structure', ['true', 'false'], 'true'),
            query('format', 'what to return', ['json', 'txt', 'md', 'docx', 'pdf'], 'json'),
            query('ocr', 'PDF pages with a text layer: auto takes a layer that reads as Vietnamese and agrees with the image, force OCRs every page, never takes every layer', ['auto', 'force', 'never'], 'auto'),
            query('noiseStop', 'false reads every page of a scan whose first 10 pages read no text (stopped there as noise by default)', ['true', 'false'], 'true'),
            { name: 'Content-Encoding', in: 'header', required: false, description: 'the body compressed once: gzip, deflate or br; the size limit holds for the decompressed body', schema: { type: 'string', enum: ['gzip', 'x-gzip', 'deflate', 'br', 'identity'] } },
          ],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', description: 'a form upload: its one file is the document, its filename the name unless the query gives one', properties: { file: { type: 'string', format: 'binary' } } } }, '*/*': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            200: { description: 'the converted document', content: { 'application/json': { schema: { $ref: '#/components/schemas/DocumentResult' } } } },
            400: { description: 'bad query (an unknown option too), empty body, a form upload without exactly one file, or a compressed body that is not valid data of its Content-Encoding' },
            408: { description: 'the request was not received in time (--request-timeout)' },
            405: { description: 'not POST (GET /v1/convert): the Allow header names the method; every route answers 405 with Allow to a method it lacks' },
            413: { description: 'body over the size limit (decompressed, for a compressed body)' },
            415: { description: 'a Content-Encoding other than gzip, deflate or br (or several at once)' },
            422: { description: 'the document could not be read; the DocumentResult says why', content: { 'application/json': { schema: { $ref: '#/components/schemas/DocumentResult' } } } },
            503: { description: 'busy: retry after the Retry-After header' },
            504: { description: 'the conversion took longer than the time limit' },
          },
        },
      },
      '/v1/schema': { get: { summary: 'JSON Schema of the DocumentResult', responses: { 200: { description: 'JSON Schema' } } } },
      '/healthz': { get: { summary: 'the process is up', responses: { 200: { description: 'ok' } } } },
      '/readyz': { get: { summary: 'the model is loaded', responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition' } } } },
    },
    components: { schemas: { DocumentResult: schema } },
  };
}
