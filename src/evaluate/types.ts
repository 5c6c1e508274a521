/** Findings and the scan report: plain data that every reporter writes out. */
import type { SourceProblem } from '../source/types.js';

/** The status of one manifest row, or of one copy of its file. */
export type Status = 'meets' | 'outdated' | 'missing' | 'not-applicable' | 'unverifiable' | 'unexpected';

/** All statuses, in the order reports list them. `unexpected` comes only from `scan --exact` against a snapshot manifest. */
export const STATUSES: readonly Status[] = ['meets', 'outdated', 'missing', 'unverifiable', 'not-applicable', 'unexpected'];

/**
 * Why a row or copy has its status. Machine-readable; `detail` carries the evidence in words.
 * - version-ok / present / size-ok / date-ok: proven to meet
 * - older / older-date / size-mismatch / sha256-mismatch: falls short
 * - not-found: missing
 * - other-branch / other-platform: not applicable
 * - not-pe / truncated / corrupt / read-error / no-version-resource / no-fixed-info /
 *   not-regular-file / link-outside-target / broken-link / unreadable / vanished: unverifiable
 * - archive-link / unsafe-path / expansion-limit / corrupt-entry: unverifiable (an entry of a zip, tar or WIM image)
 * - newer / not-in-snapshot: unexpected (scan --exact against a snapshot manifest)
 */
export type ReasonCode =
  | 'version-ok'
  | 'present'
  | 'date-ok'
  | 'older'
  | 'older-date'
  | 'size-mismatch'
  | 'sha256-mismatch'
  | 'not-found'
  | 'other-branch'
  | 'other-platform'
  | 'not-pe'
  | 'truncated'
  | 'corrupt'
  | 'read-error'
  | 'no-version-resource'
  | 'no-fixed-info'
  | 'not-regular-file'
  | 'link-outside-target'
  | 'broken-link'
  | 'unreadable'
  | 'vanished'
  | 'archive-link'
  | 'unsafe-path'
  | 'expansion-limit'
  | 'corrupt-entry'
  | 'newer'
  | 'not-in-snapshot';

/** What decided a copy's status. */
export type Evidence = 'fixed-version' | 'presence' | 'size' | 'sha256' | 'date' | 'none';

/** One copy of a manifest file, judged. */
export interface CopyFinding {
  /** Path relative to the target root, "/"-separated. */
  readonly path: string;
  readonly status: Status;
  readonly reason: ReasonCode;
  /** The evidence, in words, e.g. "fixed file version 5.0.1462.9 is older than 5.0.1462.10". */
  readonly detail: string;
  readonly evidence: Evidence;
  /** VS_FIXEDFILEINFO file version, "a.b.c.d". */
  readonly fixedVersion?: string;
  /** VS_FIXEDFILEINFO product version. */
  readonly productVersion?: string;
  /** The StringFileInfo FileVersion string, as stored. */
  readonly stringVersion?: string;
  /** PE machine type: i386, x64, alpha, ... */
  readonly machine?: string;
  /** Languages of the version resource ("0x0409"), from the Translation list and string tables. */
  readonly languages?: readonly string[];
  readonly size?: number;
  readonly sha256?: string;
  /** The timestamp used as date evidence (ISO 8601), when the row is judged by date. */
  readonly timestamp?: string;
  /** Remarks that do not change the status (string version differs from the fixed one, another language, ...). */
  readonly notes: readonly string[];
  /** Set when an ignore-file entry names this copy's path (schema 1.1). */
  readonly suppression?: Suppression;
}

/** An accepted finding: the ignore-file entry that hides it, or that no longer does because it expired. */
export interface Suppression {
  readonly reason: string;
  /** Last day (YYYY-MM-DD, UTC) the entry hides its finding. */
  readonly expires?: string;
  /** True when the entry has expired: the finding is shown and gated again. */
  readonly expired: boolean;
  /** Where the entry is: ignore file and index, e.g. "ignore.yml[2]". */
  readonly entry: string;
}

/** One manifest row, judged over every copy of its file. */
export interface RowFinding {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Required version, or null where the KB says N/A. */
  readonly required: string | null;
  readonly platform?: string;
  /** The one path this row is pinned to (snapshot manifests), relative to the target. */
  readonly path?: string;
  readonly status: Status;
  readonly reason: ReasonCode;
  readonly detail: string;
  readonly copies: readonly CopyFinding[];
  /** Set when an ignore-file entry names this row (schema 1.1); a live one hides the row from the gate. */
  readonly suppression?: Suppression;
}

/** A manifest's overall answer. */
export type Verdict = 'meets' | 'falls-short' | 'not-applicable';

/**
 * Why a manifest does not apply: its versioned files found are of another
 * branch (or platform), or, in a catalog scan, none of its files is on the
 * target (the component it fixes is not installed).
 */
export type ManifestReason = 'other-branch' | 'other-platform' | 'not-present';

/** One manifest, judged. */
export interface ManifestFinding {
  readonly id: string;
  readonly title: string;
  readonly product: string;
  /** The component the article's table is for ("MTA", "Information Store"), when it names one. */
  readonly component?: string;
  /** The branch rows were judged against ("5.0"), or null when no row has a version. */
  readonly branch: string | null;
  /** Where the manifest came from. */
  readonly source: string;
  readonly verdict: Verdict;
  /** Set when the verdict is not-applicable: why. */
  readonly reason?: ManifestReason;
  /** Rows per status. */
  readonly counts: Readonly<Record<Status, number>>;
  readonly rows: readonly RowFinding[];
}

/** The JSON report's schema version; bump the major on any incompatible change. */
export const REPORT_SCHEMA_VERSION = '1.1.0';

/** Everything a scan found. The JSON reporter writes exactly this. */
export interface ScanReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'hotfix-verify'; readonly version: string };
  /** The target as given (folder, image). */
  readonly target: string;
  /** Overall: meets only when every manifest meets or does not apply, at least one meets, and the scan was complete. */
  readonly verdict: Verdict;
  /** False when part of the target could not be listed: nothing can then be proven absent or up to date. */
  readonly complete: boolean;
  /** What could not be listed. */
  readonly problems: readonly SourceProblem[];
  readonly manifests: readonly ManifestFinding[];
  /** The CI gate's decision, when the report went through one (schema 1.1; see src/gate/gate.ts). */
  readonly gate?: GateResult;
  /** Each entry of the ignore file, when one was given (schema 1.1): whether it expired, and how many rows and copies it named. */
  readonly ignoreEntries?: readonly IgnoreEntryState[];
}

/** One ignore-file entry as the report lists it. */
export interface IgnoreEntryState {
  /** "FILE[index]". */
  readonly id: string;
  readonly manifest: string;
  readonly file: string;
  readonly path?: string;
  readonly reason: string;
  readonly expires?: string;
  readonly expired: boolean;
  /** Rows and copies it named (0: it matches nothing in this report). */
  readonly matched: number;
}

/** The statuses `--fail-on` may name. */
export type FailOnStatus = Exclude<Status, 'meets'>;

/** What the gate decided and why; the exit code follows `pass`. */
export interface GateResult {
  /** Statuses that fail the gate. */
  readonly failOn: readonly FailOnStatus[];
  /** True when the scan is complete, some manifest applies and meets, and no unsuppressed row has a status in failOn. */
  readonly pass: boolean;
  /** Why, in words. */
  readonly summary: string;
  /** Rows that fail the gate. */
  readonly blocking: number;
  /** Rows hidden by a live ignore entry. */
  readonly suppressed: number;
  /** Ignore entries past their expiry date that matched a row or copy. */
  readonly expired: number;
}
