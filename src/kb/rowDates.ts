/**
 * All-numbers dates ("3/2/99", "21/12/00"): month first or day first, decided per table from
 * the dates that can only be read one way, then from the rest of the article, else month
 * first (the US archive's order). A date that still reads two ways is never a requirement.
 */

import type { KbTable } from './tableModel.js';
import { type DateOrder, numericDate, readDate, type TwoDigitYears } from './values.js';

/** The orders an all-numbers date can be read in. */
export function ordersOf(text: string, years: TwoDigitYears = 'archive'): DateOrder[] {
  const reading = readDate(text, years);
  if (reading?.kind !== 'numeric') return [];
  return (['month-first', 'day-first'] as const).filter((order) => numericDate(reading, order) !== undefined);
}

/** The evidence a set of date texts gives: the orders some date can only be read in. */
export function evidenceOf(texts: readonly string[]): Set<DateOrder> {
  const evidence = new Set<DateOrder>();
  for (const text of texts) {
    const orders = ordersOf(text);
    if (orders.length === 1) evidence.add(orders[0] as DateOrder);
  }
  return evidence;
}

/** How a table's all-numbers dates are read: in one order, or (undefined) not at all where they read two ways. */
export interface DatePolicy {
  readonly order: DateOrder | undefined;
  readonly why: string;
}

/** How a table's all-numbers dates are read: its own evidence, else the article's, else month first. */
export function datePolicy(table: KbTable, articleEvidence: ReadonlySet<DateOrder>): DatePolicy {
  const own = evidenceOf(table.rows.map((row) => row.cells.date ?? ''));
  if (own.size === 1) {
    const order = [...own][0] as DateOrder;
    return { order, why: order === 'day-first' ? 'the table has dates that only make sense day first' : 'month first (US order)' };
  }
  if (own.size === 2) return { order: undefined, why: 'the table has dates in both orders' };
  if (articleEvidence.size === 1) {
    const order = [...articleEvidence][0] as DateOrder;
    return { order, why: order === 'day-first' ? "the article's other dates only make sense day first" : 'month first (US order)' };
  }
  if (articleEvidence.size === 2) return { order: undefined, why: 'the article has dates in both orders' };
  return { order: 'month-first', why: 'month first (US order)' };
}
