/** The CI gate's decision as data: what --fail-on names, and the outcome stamped on every row and copy. */
import type { Status } from './status.js';

/** The statuses `--fail-on` may name. */
export type FailOnStatus = Exclude<Status, 'meets'>;

/** Every status `--fail-on` accepts, in the order help lists them. */
export const FAIL_ON_CHOICES: readonly FailOnStatus[] = ['outdated', 'missing', 'unverifiable', 'not-applicable', 'unexpected'];

/**
 * What fails the gate unless told otherwise. `unexpected` is only ever reported by
 * `scan --exact`, so including it makes --exact fail on what it finds.
 */
export const DEFAULT_FAIL_ON: readonly FailOnStatus[] = ['outdated', 'missing', 'unverifiable', 'unexpected'];

/** What the gate made of a row or copy. */
export type OutcomeKind = 'passes' | 'blocking' | 'suppressed' | 'not-gated' | 'not-applicable';

/**
 * Why:
 * - meets: proven to meet (passes)
 * - fail-on: its status is one --fail-on names (blocking)
 * - other-branch-inside: a file of another product branch inside a fix that applies (blocking whatever --fail-on says)
 * - ignore-entry: a live ignore entry hides it (suppressed; `entry` names it)
 * - status-not-gated: its status is not one --fail-on names (not-gated)
 * - not-deciding: a copy the server does not run (a backup, the component store, outside the install folders) (not-gated)
 * - fix-not-applicable: its fix does not apply to the target (not-applicable)
 * - other-platform: a row or copy for another platform of a table split per platform (not-applicable)
 * - not-installed: a file a modern Windows image lacks because its component is not installed (not-applicable)
 */
export type OutcomeWhy =
  | 'meets'
  | 'fail-on'
  | 'other-branch-inside'
  | 'ignore-entry'
  | 'status-not-gated'
  | 'not-deciding'
  | 'fix-not-applicable'
  | 'other-platform'
  | 'not-installed';

/** The gate's outcome for one row or copy. */
export interface GateOutcome {
  readonly kind: OutcomeKind;
  readonly why: OutcomeWhy;
  /** The ignore entry that hides it ("ignore.yml[2]"), for suppressed ones. */
  readonly entry?: string;
}

/** Why the gate failed, as codes with their counts. */
export type GateReason =
  | { readonly code: 'incomplete'; readonly parts: number }
  | { readonly code: 'rows-fail'; readonly rows: number; readonly byStatus: Readonly<Partial<Record<Status, number>>> }
  | { readonly code: 'nothing-meets' }
  | { readonly code: 'nothing-applies' };

/** What the gate decided and why; the exit code follows `pass`. */
export interface GateResult {
  /** Statuses that fail the gate. */
  readonly failOn: readonly FailOnStatus[];
  /** True when the scan is complete, some manifest applies and meets, and no unsuppressed row fails. */
  readonly pass: boolean;
  /** Why it failed (empty when it passed). */
  readonly reasons: readonly GateReason[];
  /** Rows that fail the gate. */
  readonly blocking: number;
  /** Rows hidden by a live ignore entry. */
  readonly suppressed: number;
  /** Ignore entries past their expiry date that matched a row or copy. */
  readonly expired: number;
}
