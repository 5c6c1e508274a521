/** The scan report: everything the pipeline decided, as data. The JSON writer adds the words. */
import type { ManifestFinding, Verdict } from './finding.js';
import type { GateResult } from './gate.js';
import type { SourceProblem } from './source.js';

/** The JSON report's schema version; bump the major on any incompatible change. */
export const REPORT_SCHEMA_VERSION = '1.3.0';

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

/** Everything a scan found, gated. */
export interface ScanReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'hotfix-verify'; readonly version: string };
  /**
   * The host the report is about (schema 1.3): `scan --host`, else the name of the machine that scanned. `aggregate` keys the
   * fleet by it; reports of older versions have none (aggregate takes it from the file name).
   */
  readonly host?: string;
  /** When the report was made, UTC ISO 8601 ("2026-06-01T02:00:00.000Z") (schema 1.3): `aggregate --max-age` and duplicates go by it. */
  readonly generatedAt?: string;
  /** The target as given (folder, image). */
  readonly target: string;
  /** Overall: meets only when every manifest meets or does not apply, at least one meets, and the scan was complete. */
  readonly verdict: Verdict;
  /** False when part of the target could not be listed: nothing can then be proven absent or up to date. */
  readonly complete: boolean;
  /** What could not be listed. */
  readonly problems: readonly SourceProblem[];
  /** Remarks about the target that prove nothing either way (schema 1.2), e.g. garbage after a tar's end, ignored. */
  readonly notes?: readonly string[];
  readonly manifests: readonly ManifestFinding[];
  /** The CI gate's decision; every row, copy and manifest carries its outcome. */
  readonly gate: GateResult;
  /** Each entry of the ignore file, when one was given: whether it expired, and how many rows and copies it named. */
  readonly ignoreEntries?: readonly IgnoreEntryState[];
  /** The server's platform, as --platform stated it or the installed copies showed it (schema 1.2). */
  readonly platform?: string;
}

/** Something the pipeline wants the user to know that is not a finding (printed on stderr by the CLI). */
export interface Warning {
  readonly code: 'ignore-expired' | 'ignore-unmatched';
  readonly args: Readonly<Record<string, string | number | undefined>>;
}

/** A report before the gate: findings evaluated (and ignore entries attached), no outcomes yet. */
export type UngatedReport = Omit<ScanReport, 'gate'>;
