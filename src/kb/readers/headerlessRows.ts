/**
 * Rows with no header, right under the sentence that announces them:
 *
 *   This fix should have the following file attributes or later:
 *
 *      USER.EXE  version 4.00.951  dated 10/26/95 9:51am  461,984 bytes
 *      Outllib   8.04.00.6324
 *
 * Each value is told by what it reads as (a file name, a version, a date, a time, a size).
 */

import { splitHeaderless } from '../splitRow.js';
import { wordsOf } from '../tableHeader.js';
import type { ColumnKind, KbTable, TableColumn, TableContext, TableRow } from '../tableModel.js';

/** Reads the rows that start at index `start` (0-based); undefined when the first line is no such row. */
export function readHeaderlessRows(lines: readonly string[], start: number, context: TableContext): KbTable | undefined {
  const rows: TableRow[] = [];
  const kinds: ColumnKind[] = [];
  let index = start;
  let lastLine = start;
  let blanks = 0;
  for (; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/<br\s*\/?>/gi, ' ');
    if (line.trim() === '') {
      blanks++;
      if (blanks > 1) break;
      continue;
    }
    const split = splitHeaderless(line, wordsOf(line));
    if (split === undefined) break;
    for (const kind of split.kinds) if (!kinds.includes(kind)) kinds.push(kind);
    rows.push({ line: index + 1, cells: split.cells, group: 0 });
    lastLine = index + 1;
    blanks = 0;
  }
  if (rows.length === 0) return undefined;
  const columns: TableColumn[] = kinds.map((kind) => ({ kind, label: '' }));
  return {
    layout: 'headerless',
    features: ['no-header'],
    firstLine: start + 1,
    lastLine,
    columns,
    rows,
    skipped: [],
    context,
  };
}
