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

/** A column that may wrap to make a table fit: its index, the width it gets when there is room, and the least it gets. */
export interface WrapColumn {
  readonly index: number;
  readonly preferred?: number;
  readonly minimum: number;
}

/**
 * Column widths for cli-table3 (null: as wide as its content). Off a terminal (`columns` undefined) only the
 * preferred widths are set. On a terminal narrower than the table, the wrapping columns give up width, in the
 * order given, down to their minimum, until the table fits (or cannot shrink further).
 */
export function fitColumns(
  head: readonly string[],
  rows: readonly string[][],
  columns: number | undefined,
  wrap: readonly WrapColumn[],
): (number | null)[] {
  const natural = head.map((title, i) => Math.max(cellWidth(title), ...rows.map((row) => cellWidth(row[i] ?? ''))) + 2);
  const widths: (number | null)[] = head.map((_, i) => {
    const column = wrap.find((each) => each.index === i);
    return column?.preferred !== undefined ? Math.min(column.preferred, natural[i]!) : null;
  });
  // Off a terminal the preferred widths hold as they are: files and pipes get the same table every time.
  if (columns === undefined) return head.map((_, i) => wrap.find((each) => each.index === i)?.preferred ?? null);
  const total = () => widths.reduce<number>((sum, width, i) => sum + (width ?? natural[i]!), 0) + head.length + 1;
  for (const column of wrap) {
    const over = total() - columns;
    if (over <= 0) break;
    const current = widths[column.index] ?? natural[column.index]!;
    widths[column.index] = Math.max(column.minimum, current - over);
  }
  return widths;
}

/**
 * A path cut into lines of at most `width - 2` characters after its "/" separators (cli-table3 wraps only at
 * spaces, and would cut a long path short with "…"); a segment longer than a line is split where it must be.
 */
export function wrapPath(text: string, width: number): string {
  const room = Math.max(4, width - 2);
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const piece of line.split(/(?<=\/)/)) {
        if (current.length + piece.length <= room) {
          current += piece;
          continue;
        }
        if (current) out.push(current);
        current = piece;
        while (current.length > room) {
          out.push(current.slice(0, room));
          current = current.slice(room);
        }
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
