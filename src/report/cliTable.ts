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
