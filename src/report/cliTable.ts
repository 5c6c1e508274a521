/**
 * cli-table3, loaded on first use: the registry holds every writer, and a JSON or SARIF
 * run should not pay for loading the table library (about 20 ms of start-up).
 */
import { createRequire } from 'node:module';
import type TableType from 'cli-table3';

let loaded: typeof TableType | undefined;

/** A new cli-table3 table. */
export function newTable(options: TableType.TableConstructorOptions): TableType.Table {
  loaded ??= createRequire(import.meta.url)('cli-table3') as typeof TableType;
  return new loaded(options);
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** The widest line of a cell, in characters on screen (colour codes take none). */
function cellWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => [...line.replace(ANSI, '')].length));
}

/**
 * The width of a table's last (wrapping) column: `preferred` when the table fits, else what the terminal
 * leaves after the other columns, but never under `minimum`. Without a terminal width, `preferred`.
 */
export function lastColumnWidth(
  head: readonly string[],
  rows: readonly string[][],
  columns: number | undefined,
  preferred: number,
  minimum = 20,
): number {
  if (columns === undefined) return preferred;
  const others = head.slice(0, -1).map((title, i) => Math.max(cellWidth(title), ...rows.map((row) => cellWidth(row[i] ?? ''))) + 2);
  // A border before each column and one after the last.
  const left = columns - others.reduce((sum, width) => sum + width, 0) - (head.length + 1);
  return Math.max(minimum, Math.min(preferred, left));
}
