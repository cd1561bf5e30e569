/**
 * Where the blocks of an XML word-processing body go while it is read: the body, the cells of
 * tables (nested ones inside their cells), and text boxes, which are placed after the paragraph
 * anchoring them. The .docx and .odt readers both fill one; only their tag names differ.
 */
import type { WordBlock, WordCell, WordPageBreak, WordTable } from './layout.js';

export const PAGE_BREAK: WordPageBreak = { kind: 'page-break' };

export class BlockNest {
  private readonly containers: WordBlock[][] = [[]];
  private readonly tables: WordTable[] = [];
  // Text boxes met inside a paragraph, placed after it.
  private readonly floating: WordBlock[][] = [];

  /** The body's blocks. */
  get blocks(): WordBlock[] {
    return this.containers[0]!;
  }

  get inTable(): boolean {
    return this.tables.length > 0;
  }

  /** The container a block met now goes into. */
  get current(): WordBlock[] {
    return this.containers[this.containers.length - 1]!;
  }

  openTable(): void {
    this.tables.push({ kind: 'table', rows: [] });
  }

  openRow(): void {
    this.tables[this.tables.length - 1]?.rows.push([]);
  }

  /** A cell of the open row; it is returned even when there is no row to hold it (a damaged part). */
  openCell(selfClosing: boolean): WordCell {
    const cell = { blocks: [] as WordBlock[] };
    this.tables[this.tables.length - 1]?.rows.at(-1)?.push(cell);
    if (!selfClosing) this.containers.push(cell.blocks);
    return cell;
  }

  /** Blocks met now go on into `cell` (an OpenDocument covered cell's text, into the cell covering it). */
  reopenCell(cell: WordCell): void {
    this.containers.push(cell.blocks);
  }

  openTextBox(selfClosing: boolean): void {
    const box: WordBlock[] = [];
    this.floating.push(box);
    if (!selfClosing) this.containers.push(box);
  }

  /** A cell or text box ends; a stray end tag in a damaged part never closes the body itself. */
  closeContainer(): void {
    if (this.containers.length > 1) this.containers.pop();
  }

  /** A table ends: it goes where it stood, unless it had no rows. */
  closeTable(): void {
    const table = this.tables.pop();
    if (table && table.rows.length) this.current.push(table);
  }

  /**
   * A paragraph's blocks into the current container, then the text boxes anchored in it (and no
   * longer open) when it is the outermost paragraph or stands in the body.
   */
  endParagraph(before: readonly WordBlock[], paragraph: WordBlock, after: readonly WordBlock[], outermost: boolean): void {
    const into = this.current;
    into.push(...before, paragraph);
    if (outermost || this.containers.length === 1) {
      while (this.floating.length && !this.containers.includes(this.floating[0]!)) into.push(...this.floating.shift()!);
    }
    into.push(...after);
  }
}
