/**
 * Column tables: a header row, usually a dashed rule, then one row per line.
 *
 *   Date      Time     Version      Size    File name     Platform
 *   -------------------------------------------------------------
 *   06/14/00  01:26pm  5.0.2195.1   954,944 Ntkrnlmp.exe  Intel
 *
 * Every variation the archive prints is read: any column words and order, one dashed rule or
 * none, a blank line after the rule, tabs, rows that wrap onto a second line, runs of rows
 * separated by a blank line or by a sub-heading ("Alpha:") that says what the next rows are for.
 */

import { splitByPosition, splitWords, cellFit } from '../splitRow.js';
import { headerColumns, isHeaderLine, readHeaderLabels, usesSynonym, wordsOf, type Word } from '../tableHeader.js';
import {
  COLUMN_NAMES,
  type Cells,
  type ColumnKind,
  type KbTable,
  type LayoutFeature,
  type SkippedLine,
  type SubHeading,
  type TableColumn,
  type TableContext,
  type TableRow,
} from '../tableModel.js';
import { readName } from '../values.js';
import { isBoxRule, isDashRule, isPipeRow, readSubHeading } from './lineShapes.js';

/** The order most tables of the era print their columns in; another order is reported as such. */
const USUAL_ORDER: readonly ColumnKind[] = ['date', 'time', 'version', 'size', 'name', 'platform'];

/** A line read against a table's columns. */
type LineReading =
  | { readonly kind: 'row'; readonly cells: Cells }
  | { readonly kind: 'skipped'; readonly skipped: SkippedLine }
  | { readonly kind: 'other' };

function withoutMarkup(line: string): string {
  // Keep positions: replace HTML line breaks the archive's conversion left with spaces of the same length.
  return line.replace(/<br\s*\/?>/gi, (tag) => ' '.repeat(tag.length));
}

function hasFileName(words: readonly Word[]): boolean {
  return words.some((word) => readName(word.text)?.hasExtension === true);
}

/** Words of sentences, never of a table row: a line with two of them, or a sentence's end, is prose. */
const PROSE_WORDS = /\b(the|a|an|these|this|that|is|are|be|will|must|should|you|your|to|of|in|with|from|replace|replaces|see|note)\b/gi;

/** True when a line reads as a sentence ("These files replace the Nlgwbrkr.dll file."), not a row. */
function isProse(line: string): boolean {
  const text = line.trim();
  return (text.match(PROSE_WORDS)?.length ?? 0) >= 2 || /^(note|for|to|if|the|this|these|you)\b/i.test(text) || /[a-z][.:]$/i.test(text);
}

/** Reads one line as a row of the table, a row it cannot split, or neither. */
export function readRowLine(text: string, number: number, columns: readonly TableColumn[]): LineReading {
  const line = withoutMarkup(text);
  const words = wordsOf(line);
  if (words.length === 0) return { kind: 'other' };
  const split = splitWords(line, words, columns);
  if (split !== undefined) {
    const name = split.cells.name ?? '';
    const strong = columns.some((column) => column.kind !== 'name' && cellFit(column.kind, split.cells[column.kind] ?? '') >= 6);
    // A bare word in the name column ("Outllib") is a row only when another cell reads as a value.
    if (readName(name)?.hasExtension === true || strong) return { kind: 'row', cells: split.cells };
  }
  if (words.length > columns.length + 4 || isProse(line)) return { kind: 'other' };
  // A line with no file name is a row only when it prints a value a table row would (a version, a date, a size).
  if (!hasFileName(words) && !words.some((word) => /^\d+\.\d+\.\d+|^\d{1,2}\/\d{1,2}\/\d{2,4}$|^\d{1,3}(,\d{3})+$/.test(word.text))) {
    return { kind: 'other' };
  }
  // A row whose cells do not all read: split by position and keep it when its file name reads; the cell
  // that does not read is named in a warning later (an unreadable version never becomes a requirement).
  const cells = splitByPosition(line, words, columns);
  const name = readName(cells.name ?? '');
  const bad = columns.find((column) => cellFit(column.kind, cells[column.kind] ?? '') === Number.NEGATIVE_INFINITY);
  if (name?.hasExtension === true && bad !== undefined && bad.kind !== 'name') return { kind: 'row', cells };
  const problem =
    bad === undefined
      ? `the line does not split into the columns ${columns.map((column) => column.label || COLUMN_NAMES[column.kind]).join(', ')}`
      : `${bad.label || COLUMN_NAMES[bad.kind]} ${JSON.stringify(cells[bad.kind] ?? '')} is not ${describe(bad.kind)}`;
  return {
    kind: 'skipped',
    skipped: {
      line: number,
      text: text.trim(),
      problem,
      ...(bad !== undefined ? { cell: { kind: bad.kind, text: cells[bad.kind] ?? '' } } : {}),
    },
  };
}

/** Why the first line under a header cannot be its first row, naming the cell where one can be named. */
function firstRowProblem(text: string, number: number, columns: readonly TableColumn[]): SkippedLine {
  const line = withoutMarkup(text);
  const cells = splitByPosition(line, wordsOf(line), columns);
  const bad = columns.find((column) => cellFit(column.kind, cells[column.kind] ?? '') === Number.NEGATIVE_INFINITY);
  return {
    line: number,
    text: text.trim(),
    problem:
      bad === undefined
        ? 'the line does not split into the columns of the header above it'
        : `${bad.label || COLUMN_NAMES[bad.kind]} ${JSON.stringify(cells[bad.kind] ?? '')} is not ${describe(bad.kind)}`,
    ...(bad !== undefined ? { cell: { kind: bad.kind, text: cells[bad.kind] ?? '' } } : {}),
  };
}

/** What a column of a kind should hold, for messages. */
export function describe(kind: ColumnKind): string {
  switch (kind) {
    case 'name':
      return 'a file name';
    case 'version':
      return 'a version';
    case 'size':
      return 'a size';
    case 'date':
      return 'a date';
    case 'time':
      return 'a time of day';
    case 'platform':
      return 'a platform';
    case 'language':
      return 'a language';
    case 'branch':
      return 'a service branch';
    case 'requirement':
      return 'a service pack';
    case 'sha1':
    case 'sha256':
      return 'a hash';
    case 'other':
      return 'a value';
  }
}

/**
 * Merges a line that carries on the row above it ("Second Edition" under "Windows 98") into
 * that row; undefined when the line is not such a continuation.
 */
function continuation(text: string, columns: readonly TableColumn[], row: TableRow): Cells | undefined {
  const line = withoutMarkup(text);
  const words = wordsOf(line);
  if (words.length === 0 || words.length > 6 || hasFileName(words) || /[.;]$/.test(line.trim())) return undefined;
  const first = columns.find((column) => column.start !== undefined);
  if (first?.start !== undefined && (words[0] as Word).start < first.start - 2) return undefined;
  const added = splitByPosition(line, words, columns);
  const merged: Partial<Record<ColumnKind, string>> = { ...row.cells };
  for (const column of columns) {
    const extra = added[column.kind] ?? '';
    if (extra === '') continue;
    const before = row.cells[column.kind] ?? '';
    if (column.kind === 'name' && readName(before)?.hasExtension === true) return undefined;
    const joined = column.kind === 'name' ? `${before}${extra}` : `${before} ${extra}`.trim();
    if (cellFit(column.kind, joined) === Number.NEGATIVE_INFINITY) return undefined;
    merged[column.kind] = joined;
  }
  return merged;
}

/** The columns from a rule cut into one run of dashes per column ("----  -----  ----"), which says exactly where each column is. */
function columnsFromRule(columns: readonly TableColumn[], rule: string): TableColumn[] {
  const runs = wordsOf(rule);
  if (runs.length !== columns.length) return [...columns];
  return columns.map((column, index) => ({ ...column, start: (runs[index] as Word).start, end: (runs[index] as Word).end }));
}

/**
 * Reads a column table whose header is at index `headerIndex` (0-based) of `lines` (tabs
 * expanded). Undefined when that line is no header or no row follows it.
 */
export function readColumnTable(
  lines: readonly string[],
  headerIndex: number,
  context: TableContext,
  announced: boolean,
  rawLines: readonly string[] = lines,
): KbTable | undefined {
  const headerText = lines[headerIndex] ?? '';
  const reading = readHeaderLabels(headerText);
  if (!isHeaderLine(reading, announced)) return undefined;
  let columns: TableColumn[] = headerColumns(reading, headerText);
  const features = new Set<LayoutFeature>();
  if (usesSynonym(columns)) features.add('header-synonym');
  const order = columns.map((column) => column.kind).filter((kind) => USUAL_ORDER.includes(kind));
  const usual = USUAL_ORDER.filter((kind) => order.includes(kind));
  if (order.join() !== usual.join()) features.add('column-order');
  if ((rawLines[headerIndex] ?? '').includes('\t')) features.add('tabs');

  let index = headerIndex + 1;
  // A blank line between the header and its rule (Q249863) is still the header's rule.
  if ((lines[index] ?? '').trim() === '' && isDashRule(lines[index + 1] ?? '')) index++;
  if (isDashRule(lines[index] ?? '')) {
    columns = columnsFromRule(columns, lines[index] as string);
    index++;
  } else {
    features.add('no-rule');
  }
  let blanks = 0;
  while (index < lines.length && (lines[index] as string).trim() === '' && blanks < 2) {
    blanks++;
    index++;
  }
  if (blanks > 0) features.add('blank-after-rule');

  const rows: TableRow[] = [];
  const skipped: SkippedLine[] = [];
  let group = 0;
  let subHeading: SubHeading | undefined;
  let lastLine = headerIndex + 1;
  blanks = 0;
  for (; index < lines.length; index++) {
    const text = lines[index] as string;
    if (text.trim() === '') {
      blanks++;
      if (blanks > 1) break;
      continue;
    }
    if (isDashRule(text) || isBoxRule(text) || isPipeRow(text)) break;
    const read = readRowLine(text, index + 1, columns);
    if (read.kind === 'row') {
      if (blanks > 0 && rows.length > 0) group++;
      rows.push({ line: index + 1, cells: read.cells, group, ...(subHeading !== undefined ? { subHeading } : {}) });
      if ((rawLines[index] ?? '').includes('\t')) features.add('tabs');
      lastLine = index + 1;
      blanks = 0;
      continue;
    }
    const previous = rows[rows.length - 1];
    if (blanks === 0 && previous !== undefined && lastLine === index) {
      const merged = continuation(text, columns, previous);
      if (merged !== undefined) {
        rows[rows.length - 1] = { ...previous, cells: merged, wrapped: true };
        features.add('wrapped-rows');
        lastLine = index + 1;
        continue;
      }
    }
    const heading = readSubHeading(text, index + 1);
    if (heading !== undefined && isHeaderLine(readHeaderLabels(text), false) === false) {
      // A sub-heading goes on the table only when a row follows it.
      let next = index + 1;
      while (next < lines.length && (lines[next] as string).trim() === '' && next - index <= 2) next++;
      if (readRowLine(lines[next] ?? '', next + 1, columns).kind === 'row') {
        subHeading = heading;
        if (rows.length > 0) group++;
        blanks = 0;
        lastLine = index + 1;
        continue;
      }
      break;
    }
    if (read.kind === 'skipped') {
      if (blanks > 0 && rows.length > 0) group++;
      blanks = 0;
      skipped.push(read.skipped);
      lastLine = index + 1;
      continue;
    }
    // The first line under a header is meant as its first row, unless it is a sentence: say why it cannot be read.
    if (rows.length === 0 && skipped.length === 0 && !isProse(text) && wordsOf(text).length <= columns.length + 4) {
      skipped.push(firstRowProblem(text, index + 1, columns));
      lastLine = index + 1;
    }
    break;
  }
  if (rows.length === 0 && skipped.length === 0) return undefined;
  return {
    layout: 'columns',
    features: [...features],
    headerLine: headerIndex + 1,
    firstLine: headerIndex + 1,
    lastLine,
    columns,
    rows,
    skipped,
    context,
  };
}
