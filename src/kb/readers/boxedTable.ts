/**
 * Boxed tables, the layout of the articles revised in 1999-2002:
 *
 *   +----------------------------+
 *   | File name    | Version     |
 *   +----------------------------+
 *   | Emsmta.exe   | 5.0.1462.10 |
 *   +----------------------------+
 *
 * Cells are where the bars put them, so a cell that does not read is a cell, never a shifted
 * row. Also read: boxes with no header row (the columns are told by their values), header
 * and rows that go on over two bar lines, and HTML line breaks left in cells ("Intel<BR/>").
 */

import { cellFit } from '../splitRow.js';
import { readHeaderCell, usesSynonym } from '../tableHeader.js';
import {
  COLUMN_NAMES,
  type Cells,
  type ColumnKind,
  type KbTable,
  type LayoutFeature,
  type SkippedLine,
  type TableColumn,
  type TableContext,
  type TableRow,
} from '../tableModel.js';
import { readName } from '../values.js';
import { isBoxRule, isPipeRow, pipeCells } from './lineShapes.js';

/** Kinds a headerless box's columns may be told as, in the order ties are broken. */
const INFERRED: readonly ColumnKind[] = ['name', 'version', 'date', 'time', 'size', 'platform', 'language'];

/** The column kinds of a box with no header, told by the values in each column; undefined when no column holds file names. */
function inferColumns(rows: readonly string[][]): TableColumn[] | undefined {
  const width = Math.max(...rows.map((cells) => cells.length));
  const taken = new Set<ColumnKind>();
  const columns: TableColumn[] = [];
  for (let index = 0; index < width; index++) {
    const values = rows.map((cells) => cells[index] ?? '').filter((value) => value !== '');
    let best: ColumnKind = 'other';
    let bestScore = 0;
    for (const kind of INFERRED) {
      if (taken.has(kind)) continue;
      const fits = values.filter((value) => cellFit(kind, value) >= (kind === 'name' ? 8 : 6)).length;
      if (fits > bestScore && fits >= values.length / 2) {
        best = kind;
        bestScore = fits;
      }
    }
    if (best !== 'other') taken.add(best);
    columns.push({ kind: best, label: '' });
  }
  return taken.has('name') ? columns : undefined;
}

/** Joins the cells of several bar lines that make one row (or one header) column by column. */
function joinLines(lines: readonly string[][]): string[] {
  const width = Math.max(...lines.map((cells) => cells.length));
  return Array.from({ length: width }, (_, index) =>
    lines
      .map((cells) => cells[index] ?? '')
      .filter((cell) => cell !== '')
      .join(' '),
  );
}

/**
 * Reads a boxed table starting at index `start` (0-based; a rule or the first bar line).
 * Undefined when the box holds no file table.
 */
export function readBoxedTable(lines: readonly string[], start: number, context: TableContext): KbTable | undefined {
  // The box: rules and bar lines, in blocks of bar lines between rules.
  const blocks: { line: number; cells: string[] }[][] = [];
  let block: { line: number; cells: string[] }[] = [];
  let end = start;
  for (; end < lines.length; end++) {
    const line = lines[end] as string;
    if (isBoxRule(line)) {
      if (block.length > 0) blocks.push(block);
      block = [];
      continue;
    }
    if (!isPipeRow(line)) break;
    block.push({ line: end + 1, cells: pipeCells(line) });
  }
  if (block.length > 0) blocks.push(block);
  if (blocks.length === 0) return undefined;

  const features = new Set<LayoutFeature>();
  const first = blocks[0] as { line: number; cells: string[] }[];
  const headerCells = joinLines(first.map((entry) => entry.cells));
  const headerKinds = headerCells.map((cell) => (cell === '' ? undefined : readHeaderCell(cell)));
  let columns: TableColumn[];
  let dataBlocks = blocks;
  let headerLine: number | undefined;
  if (headerKinds.every((kind) => kind !== undefined) && headerKinds.includes('name')) {
    columns = headerCells.map((label, index) => ({ kind: headerKinds[index] as ColumnKind, label }));
    dataBlocks = blocks.slice(1);
    headerLine = first[0]?.line;
    if (first.length > 1) features.add('wrapped-rows');
    if (usesSynonym(columns)) features.add('header-synonym');
  } else {
    const inferred = inferColumns(blocks.flat().map((entry) => entry.cells));
    if (inferred === undefined) return undefined;
    columns = inferred;
    features.add('no-header');
  }

  const rows: TableRow[] = [];
  const skipped: SkippedLine[] = [];
  for (const rowBlock of dataBlocks) {
    // Bar lines between two rules are one row, unless each names a file of its own (boxes with no rule between rows).
    const parts: { line: number; cells: string[] }[][] = [];
    for (const entry of rowBlock) {
      const nameIndex = columns.findIndex((column) => column.kind === 'name');
      const named = (entry.cells[nameIndex] ?? '') !== '';
      const last = parts[parts.length - 1];
      if (last === undefined || named) parts.push([entry]);
      else last.push(entry);
    }
    for (const part of parts) {
      const line = (part[0] as { line: number }).line;
      const values = joinLines(part.map((entry) => entry.cells));
      // An empty row ("|   |   |") is a spacer, not a row.
      if (values.every((value) => value === '')) continue;
      while (values.length > columns.length && values[values.length - 1] === '') values.pop();
      if (values.length !== columns.length) {
        skipped.push({
          line,
          text: (lines[line - 1] as string).trim(),
          problem: `the row has ${values.length} cells but the table has ${columns.length} columns`,
        });
        continue;
      }
      const cells: Partial<Record<ColumnKind, string>> = {};
      columns.forEach((column, index) => {
        const value = values[index] as string;
        cells[column.kind] = column.kind === 'other' && cells.other ? `${cells.other} ${value}` : value;
      });
      // Cells swapped by the article ("| 5.5.2632 | Ese.dll |" under "File name | Version"): a person reads them back.
      if (readName(cells.name ?? '') === undefined) {
        const other = columns.find((column) => column.kind !== 'name' && readName(cells[column.kind] ?? '')?.hasExtension === true);
        if (other !== undefined && cellFit(other.kind, cells.name ?? '') > 0) {
          const swapped = cells.name ?? '';
          cells.name = cells[other.kind] ?? '';
          cells[other.kind] = swapped;
        }
      }
      const name = cells.name ?? '';
      if (readName(name) === undefined) {
        skipped.push({
          line,
          text: (lines[line - 1] as string).trim(),
          problem: name === '' ? 'the row has no file name' : `${COLUMN_NAMES.name} ${JSON.stringify(name)} is not a file name`,
          cell: { kind: 'name', text: name },
        });
        continue;
      }
      if (part.length > 1) features.add('wrapped-rows');
      rows.push({ line, cells: cells as Cells, group: 0, ...(part.length > 1 ? { wrapped: true } : {}) });
    }
  }
  if (rows.length === 0 && skipped.length === 0) return undefined;
  return {
    layout: 'boxed',
    features: [...features],
    ...(headerLine !== undefined ? { headerLine } : {}),
    firstLine: start + 1,
    lastLine: end,
    columns,
    rows,
    skipped,
    context,
  };
}
