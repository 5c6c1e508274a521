/**
 * Findings: what evaluation concluded of every copy, row and manifest, as codes and
 * arguments. The words are written by src/report/messages.ts, and only there.
 */
import type { GateOutcome } from './gate.js';

import type { Status } from './status.js';

export { STATUSES, type Status } from './status.js';

/**
 * Why a row or copy has its status; the README lists them all.
 * - version-ok / present / date-ok: proven to meet
 * - older / older-date / size-mismatch / sha256-mismatch / wrong-platform / mixed-platform: falls short (outdated)
 * - not-found / outside-install-folders / only-backups / no-build-for-platform: missing
 * - only-component-store (only WinSxS copies, the live copy gone) / wrong-system-folder (only in the other of System32 and
 *   SysWOW64): missing
 * - other-branch / other-platform / not-installed (a modern Windows image lacks the file's component): not applicable
 * - not-pe / truncated / corrupt / read-error / no-version-resource / no-fixed-info / not-regular-file /
 *   link-outside-target / broken-link / unreadable / vanished / in-use: unverifiable
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
  | 'wrong-platform'
  | 'mixed-platform'
  | 'not-found'
  | 'outside-install-folders'
  | 'only-backups'
  | 'no-build-for-platform'
  | 'only-component-store'
  | 'wrong-system-folder'
  | 'other-branch'
  | 'other-platform'
  | 'not-installed'
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
  | 'in-use'
  | 'archive-link'
  | 'unsafe-path'
  | 'expansion-limit'
  | 'corrupt-entry'
  | 'newer'
  | 'not-in-snapshot';

/** The arguments of a reason or note: values only, never sentences (a reader's own error text is kept as `message`). */
export type MessageArgs = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** Remarks that do not change a status. */
export type NoteCode = 'versions-disagree' | 'string-version-differs' | 'other-language' | 'size-information' | 'store-folder';

/** One remark on a copy, as a code and its arguments. */
export interface Note {
  readonly code: NoteCode;
  readonly args: MessageArgs;
}

/** What decided a copy's status. */
export type Evidence = 'fixed-version' | 'presence' | 'size' | 'sha256' | 'date' | 'none';

/**
 * Which copy the server runs. `installed` copies decide their row. The others are listed with what they
 * are and never decide: `backup` (a hotfix uninstall folder, dllcache, the WinSxS backup store, ...),
 * `component-store` (WinSxS), `outside` (not in the install folders the manifest names).
 */
export type CopyRole = 'installed' | 'backup' | 'component-store' | 'outside';

/** One copy of a manifest file, judged. */
export interface CopyFinding {
  /** Path relative to the target root, "/"-separated. */
  readonly path: string;
  readonly role: CopyRole;
  readonly status: Status;
  readonly reason: ReasonCode;
  readonly args: MessageArgs;
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
  readonly notes: readonly Note[];
  /** Set when an ignore-file entry names this copy's path. */
  readonly suppression?: Suppression;
  /** What the gate made of this copy; set on every copy of a gated report. */
  readonly outcome?: GateOutcome;
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
  readonly args: MessageArgs;
  /** The copy whose status the row took, when several installed copies were judged. */
  readonly decidedBy?: string;
  readonly copies: readonly CopyFinding[];
  /** Set when an ignore-file entry names this row; a live one hides the row from the gate. */
  readonly suppression?: Suppression;
  /** What the gate made of this row; set on every row of a gated report. */
  readonly outcome?: GateOutcome;
}

/** A manifest's overall answer. */
export type Verdict = 'meets' | 'falls-short' | 'not-applicable';

/**
 * Why a manifest does not apply: its versioned files found are of another branch (or platform),
 * or, in a catalog scan, none of its files is installed on the target.
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
  /** What the gate made of this manifest; set on every manifest of a gated report. */
  readonly outcome?: ManifestOutcome;
}

/** The gate's view of one manifest. */
export type ManifestOutcome =
  /** It applies, no row blocks, and some row meets. */
  | 'proves'
  /** Some row blocks the gate. */
  | 'fails'
  /** It applies and nothing blocks, but no row meets (every finding ignored or not gated): it proves nothing. */
  | 'proves-nothing'
  /** It does not apply to the target, and the gate does not fail on not-applicable. */
  | 'not-applicable';
