/**
 * A file table as read from the text, before any meaning is given to it:
 * the columns from the header and, per row, the text of each cell.
 */

import { findLanguage, isNeutralLanguage } from './languages.js';
import { COLUMN_NAMES, type ColumnKind } from './tableHeader.js';
import { isFileName, looksLikeDate, parseKbSize, parseKbTime, parsePlatform, parseVersionCell } from './values.js';

/** The cells of one row by column; "" for a column the row leaves empty. */
export type Cells = Readonly<Partial<Record<ColumnKind, string>>>;

/** One row of a table and the 1-based line it is on. */
export interface RawRow {
  readonly line: number;
  readonly cells: Cells;
}

/** A table as printed. */
export interface RawTable {
  readonly layout: 'boxed' | 'columns';
  /** 1-based line of the header row. */
  readonly headerLine: number;
  readonly columns: readonly ColumnKind[];
  /**
   * Runs of rows. Boxed tables have one; a column table continues after a
   * single blank line when the next line still fits its columns (Q195215
   * lists its Exchange 5.5 files, a blank line, then its 5.0 files).
   */
  readonly groups: readonly (readonly RawRow[])[];
  /** 1-based line of the table's last line. */
  readonly lastLine: number;
}

/**
 * Why a row's cells cannot be a row of the table, or undefined when they fit.
 * Dates are only checked for their shape here: an unreadable date is judged
 * later, where it is known whether the row needs it.
 */
export function cellsProblem(cells: Cells, columns: readonly ColumnKind[]): string | undefined {
  for (const kind of columns) {
    const text = cells[kind] ?? '';
    const label = COLUMN_NAMES[kind];
    if (kind === 'name') {
      if (!isFileName(text)) return text === '' ? 'the row has no file name' : `${label} ${JSON.stringify(text)} is not a file name`;
      continue;
    }
    if (text === '') continue;
    const fits =
      kind === 'version'
        ? parseVersionCell(text) !== undefined
        : kind === 'size'
          ? parseKbSize(text) !== undefined
          : kind === 'date'
            ? looksLikeDate(text)
            : kind === 'time'
              ? parseKbTime(text) !== undefined
              : kind === 'platform'
                ? parsePlatform(text) !== undefined
                : findLanguage(text) !== undefined || isNeutralLanguage(text);
    if (!fits) return `${label} ${JSON.stringify(text)} is not ${describe(kind)}`;
  }
  return undefined;
}

function describe(kind: ColumnKind): string {
  switch (kind) {
    case 'version':
      return 'a version (a.b.c.d or N/A)';
    case 'size':
      return 'a size in bytes';
    case 'date':
      return 'a date';
    case 'time':
      return 'a time of day';
    case 'platform':
      return 'a platform (Intel/x86/I386, Alpha, x64, IA-64)';
    case 'language':
      return 'a language';
    case 'name':
      return 'a file name';
  }
}
