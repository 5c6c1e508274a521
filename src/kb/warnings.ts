/**
 * What the importer could not read, or could read only as information, as data: a code, the
 * article, the line and the cell. The CLI words them with formatKbWarning; the import report
 * counts them; tests match on codes.
 */

/** Stable codes of the importer's warnings. */
export type KbWarningCode =
  /** A line inside a table that looks like a row but cannot be read (no file name, cells that do not split): left out. */
  | 'row-unreadable'
  /** A file listed twice for the same platform with other values: the second row is left out. */
  | 'row-duplicate'
  /** A version that cannot be required (a bare number, unreadable, or a partial one that cannot be completed): kept as information. */
  | 'version-information'
  /** A date that cannot be read, or reads as two different dates: kept as information. */
  | 'date-information'
  /** A size that cannot be read: kept as information. */
  | 'size-information'
  /** The announcing sentence names a language with no single language id ("Pan Chinese"): no language requirement. */
  | 'language-unknown'
  /** A sentence announces a table and no table follows it. */
  | 'table-missing';

/** One warning. */
export interface KbWarning {
  readonly code: KbWarningCode;
  /** The article as the caller named it (usually its file name). */
  readonly article: string;
  /** 1-based line in the article. */
  readonly line: number;
  /** The cell concerned, when there is one: its column and its text as printed. */
  readonly cell?: { readonly column: string; readonly text: string };
  /** What is wrong and what was done, in words, without the article and line. */
  readonly problem: string;
  /** True when a row was left out of the manifests because of it. */
  readonly leftOut: boolean;
}

/** One line for a person: "Q123.TXT, line 58, Version "5.0.x": ...". */
export function formatKbWarning(warning: KbWarning): string {
  const cell = warning.cell === undefined ? '' : `, ${warning.cell.column} ${JSON.stringify(warning.cell.text)}`;
  return `${warning.article}, line ${warning.line}${cell}: ${warning.problem}`;
}
