/** The status of a row or copy: the one word every stage and writer shares. */

/** The status of one manifest row, or of one copy of its file. */
export type Status = 'meets' | 'outdated' | 'missing' | 'not-applicable' | 'unverifiable' | 'unexpected';

/** All statuses, in the order reports list them. `unexpected` comes only from `scan --exact` against a snapshot manifest. */
export const STATUSES: readonly Status[] = ['meets', 'outdated', 'missing', 'unverifiable', 'not-applicable', 'unexpected'];
