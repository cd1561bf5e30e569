export { segmentLines } from './segment.js';
export { segmentStage, type SegmentStageOptions } from './stage.js';
export { linesFromDocument, linesFromText, type SegLine } from './lines.js';
export { structureShape, structureSchema, type Structure, type Meta, type SectionNode, type AnnexNode, type FigureNode } from './schema.js';
export { sectionRows, tableRows, allTables, figureRows, documentColumns, issuerLabel, SECTION_CSV_HEADERS, FIGURE_CSV_HEADERS, DOCUMENT_CSV_HEADERS } from './csv-rows.js';
