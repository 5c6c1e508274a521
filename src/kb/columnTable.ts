/**
 * Column tables: a header row, a dashed rule, then one row per line.
 *
 *   Date      Time     Size       File name     Platform
 *   ----------------------------------------------------
 *   06/14/00  01:26pm    954,944  Ntkrnlmp.exe  Intel
 *
 * Values are read by whitespace when a row has as many values as the header
 * has columns; otherwise (a value with a space, an empty cell) by position,
 * each value going to the column it overlaps most.
 */

import { KbImportError } from './KbImportError.js';
import { cellsProblem, type Cells, type RawRow, type RawTable } from './rawTable.js';
import { COLUMN_NAMES, headerProblem, readHeaderLabels, wordsOf, type ColumnKind, type Word } from './tableHeader.js';

const DASH_RULE = /^\s*-{3,}(?:\s+-{3,})*\s*$/;

/** True when a line is a dashed rule ("-------" or "----  -----  ----"). */
export function isDashRule(line: string): boolean {
  return DASH_RULE.test(line);
}

/** Joins words that belong together in one cell: "Not applicable", "10:38 PM". */
function mergeWords(words: readonly Word[]): Word[] {
  const merged: Word[] = [];
  for (const word of words) {
    const previous = merged[merged.length - 1];
    const joins =
      previous !== undefined &&
      ((/^not$/i.test(previous.text) && /^applicable$/i.test(word.text)) ||
        (/^\d{1,2}:\d{2}(?::\d{2})?$/.test(previous.text) && /^[ap]\.?m?\.?$/i.test(word.text)));
    if (previous !== undefined && joins) {
      merged[merged.length - 1] = { text: `${previous.text} ${word.text}`, start: previous.start, end: word.end };
    } else {
      merged.push(word);
    }
  }
  return merged;
}

/** Where each column starts; the first column also takes everything to its left. */
type Layout = readonly number[];

function byOrder(words: readonly Word[], kinds: readonly ColumnKind[]): Cells | undefined {
  if (words.length !== kinds.length) return undefined;
  return Object.fromEntries(kinds.map((kind, k) => [kind, (words[k] as Word).text]));
}

function byPosition(text: string, words: readonly Word[], kinds: readonly ColumnKind[], layout: Layout): Cells {
  const buckets: Word[][] = kinds.map(() => []);
  for (const word of words) {
    let best = 0;
    let bestOverlap = -1;
    for (let k = 0; k < kinds.length; k++) {
      const from = k === 0 ? 0 : (layout[k] as number);
      const to = k + 1 < kinds.length ? (layout[k + 1] as number) : Number.POSITIVE_INFINITY;
      const overlap = Math.min(word.end, to) - Math.max(word.start, from);
      if (overlap > bestOverlap) {
        best = k;
        bestOverlap = overlap;
      }
    }
    (buckets[best] as Word[]).push(word);
  }
  return Object.fromEntries(
    kinds.map((kind, k) => {
      const bucket = buckets[k] as Word[];
      const first = bucket[0];
      const last = bucket[bucket.length - 1];
      const value = first === undefined || last === undefined ? '' : text.slice(first.start, last.end).replace(/\s+/g, ' ');
      return [kind, value];
    }),
  );
}

/** Splits a row line into cells, or explains why it does not fit the columns. */
function splitRow(text: string, kinds: readonly ColumnKind[], layout: Layout): { cells: Cells } | { problem: string } {
  const words = mergeWords(wordsOf(text));
  const ordered = byOrder(words, kinds);
  const orderProblem = ordered === undefined ? undefined : cellsProblem(ordered, kinds);
  if (ordered !== undefined && orderProblem === undefined) return { cells: ordered };
  const positioned = byPosition(text, words, kinds, layout);
  const positionProblem = cellsProblem(positioned, kinds);
  if (positionProblem === undefined) return { cells: positioned };
  const columns = kinds.map((kind) => COLUMN_NAMES[kind]).join(', ');
  const counted = ordered === undefined ? `${words.length} values for ${kinds.length} columns (${columns}); ` : '';
  return { problem: `the row does not fit the columns: ${counted}${orderProblem ?? positionProblem}` };
}

/**
 * Reads a column table whose header is at index `headerIndex` (0-based) of
 * `lines`, with its dashed rule on the next line. Throws KbImportError for an
 * unknown column or a row that does not fit.
 */
export function readColumnTable(lines: readonly string[], headerIndex: number, article: string): RawTable {
  const header = readHeaderLabels(lines[headerIndex] ?? '');
  const problem = headerProblem(header);
  if (problem !== undefined) throw new KbImportError('bad-table-header', article, headerIndex + 1, problem);
  const kinds = header.columns.map((column) => column.kind);
  // A rule cut into one run of dashes per column says exactly where the columns are; a single rule does not.
  const runs = wordsOf(lines[headerIndex + 1] ?? '');
  const layout: Layout = (runs.length === kinds.length ? runs : header.columns).map((part) => part.start);

  const groups: RawRow[][] = [];
  let rows: RawRow[] = [];
  let index = headerIndex + 2;
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') {
      // One blank line ends the table unless the line after it still fits the columns.
      const next = lines[index + 1];
      if (rows.length === 0 || next === undefined || next.trim() === '' || 'problem' in splitRow(next, kinds, layout)) break;
      groups.push(rows);
      rows = [];
      continue;
    }
    const split = splitRow(line, kinds, layout);
    if ('problem' in split) throw new KbImportError('bad-row', article, index + 1, split.problem);
    rows.push({ line: index + 1, cells: split.cells });
  }
  if (rows.length === 0) throw new KbImportError('bad-row', article, headerIndex + 3, 'the table has a header but no rows');
  groups.push(rows);
  const lastRow = rows[rows.length - 1] as RawRow;
  return { layout: 'columns', headerLine: headerIndex + 1, columns: kinds, groups, lastLine: lastRow.line };
}
