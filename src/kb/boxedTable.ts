/**
 * Boxed tables, the layout of the Exchange articles revised in 2002:
 *
 *   +----------------------------+
 *   | File name    | Version     |
 *   +----------------------------+
 *   | Emsmta.exe   | 5.0.1462.10 |
 *   +----------------------------+
 */

import { KbImportError } from './KbImportError.js';
import { cellsProblem, type Cells, type RawRow, type RawTable } from './rawTable.js';
import { COLUMN_NAMES, readHeaderLabels, headerProblem, type Column, type ColumnKind } from './tableHeader.js';

const RULE = /^\s*\+[-=+]+\+\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;

/** True when a line is the "+----+" rule of a boxed table. */
export function isBoxRule(line: string): boolean {
  return RULE.test(line);
}

/** True when a line is a "| a | b |" row of a boxed table. */
export function isPipeRow(line: string): boolean {
  return PIPE_ROW.test(line);
}

function cellsOf(line: string): string[] {
  const trimmed = line.trim();
  return trimmed
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());
}

/**
 * Reads a boxed table whose top rule is at index `start` (0-based) of
 * `lines`. Throws KbImportError for an unknown column or a row that does not
 * fit.
 */
export function readBoxedTable(lines: readonly string[], start: number, article: string): RawTable {
  const headerIndex = start + 1;
  const headerLine = lines[headerIndex] ?? '';
  const headerCells = cellsOf(headerLine);
  const columns: Column[] = [];
  const unknown: { text: string; start: number; end: number }[] = [];
  for (const cell of headerCells) {
    const reading = readHeaderLabels(cell);
    const column = reading.columns[0];
    if (reading.columns.length === 1 && reading.unknown.length === 0 && column !== undefined) {
      columns.push(column);
    } else {
      unknown.push({ text: cell, start: 0, end: cell.length });
    }
  }
  const problem = headerProblem({ columns, unknown });
  if (problem !== undefined) throw new KbImportError('bad-table-header', article, headerIndex + 1, problem);
  const kinds: ColumnKind[] = columns.map((column) => column.kind);

  const rows: RawRow[] = [];
  let index = headerIndex + 1;
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    if (isBoxRule(line)) continue;
    if (!isPipeRow(line)) break;
    const values = cellsOf(line);
    if (values.length !== kinds.length) {
      throw new KbImportError(
        'bad-row',
        article,
        index + 1,
        `the row has ${values.length} cells but the header has ${kinds.length} (${kinds.map((kind) => COLUMN_NAMES[kind]).join(', ')})`,
      );
    }
    const cells: Cells = Object.fromEntries(kinds.map((kind, k) => [kind, values[k] as string]));
    const rowProblem = cellsProblem(cells, kinds);
    if (rowProblem !== undefined) throw new KbImportError('bad-row', article, index + 1, rowProblem);
    rows.push({ line: index + 1, cells });
  }
  if (rows.length === 0) throw new KbImportError('bad-row', article, headerIndex + 1, 'the table has a header but no rows');
  return { layout: 'boxed', headerLine: headerIndex + 1, columns: kinds, groups: [rows], lastLine: index };
}
