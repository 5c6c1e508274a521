/**
 * Today's articles as a sequence of blocks, whatever they were written in: a Markdown source, the HTML
 * of a saved page, or the text copied from a page. Each document reader (readers/markdownDocument.ts,
 * htmlDocument.ts, pastedDocument.ts) turns its format into blocks; modernTables.ts then finds the file
 * tables among them and hands them over in the one table model (tableModel.ts), as the archive's readers do.
 */

/** One row of a table as printed: its cells' text (line breaks inside a cell kept as "\n"), and its line. */
export interface DocRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Layout details a document reader saw in a table, counted by the import report. */
export interface DocTableTraits {
  /** Cells padded with spaces, or an alignment rule ("|:---:|"). */
  readonly padded?: boolean;
  /** Markdown escapes or emphasis, or line breaks, inside cells. */
  readonly escaped?: boolean;
  /** Empty rows ("|||||||") between or after the rows. */
  readonly spacers?: boolean;
  /** Inside a list item or a <details> block. */
  readonly nested?: boolean;
}

/** A block of a document. */
export type DocBlock =
  /** A heading ("## File information", "<h4>", a line copied from a page that reads as one). */
  | { readonly kind: 'heading'; readonly line: number; readonly level: number; readonly text: string }
  /** A paragraph, a list item's text, a <summary>, a code block: text that is not a table. */
  | { readonly kind: 'text'; readonly line: number; readonly text: string; readonly code?: boolean }
  /** A table: its header row first (when it has one), then its rows; empty spacer rows are dropped. */
  | {
      readonly kind: 'table';
      readonly line: number;
      readonly header: DocRow | undefined;
      readonly rows: readonly DocRow[];
      readonly traits: DocTableTraits;
    };

/** What a document says about itself, where it says it (front matter, <title>, <meta>). */
export interface DocMeta {
  readonly title?: string;
  /** The date the document gives for itself, as printed ("04/27/2020", "2024-09-12"). */
  readonly date?: string;
  /** Products the document says it applies to ("appliesto:" front matter). */
  readonly appliesTo?: readonly string[];
}

/** A document read into blocks. */
export interface KbDocument {
  readonly blocks: readonly DocBlock[];
  readonly meta: DocMeta;
  /** The lines of the source, for messages and for finding a KB number in the text. */
  readonly lineCount: number;
}
