/**
 * A fleet: what `aggregate` made of many hosts' scan reports, as data. src/fleet decides it, the
 * fleet writers (src/fleet/writers/) only read it, and src/report/messages.ts writes its words.
 */
import type { ManifestOutcome, MessageArgs, Verdict } from './finding.js';
import type { GateReason } from './gate.js';

/** The fleet report's schema version (`aggregate --format json`); the major changes on any incompatible change. */
export const FLEET_SCHEMA_VERSION = '1.0.0';

/**
 * What a host's report showed:
 * - meets: its report's gate passed
 * - falls-short: its report's gate failed
 * - bad-report: its report could not be read, was truncated, of another tool, of an unknown major schema, ...
 * - too-old: older than --max-age (or of unknown age while --max-age is given)
 * - no-report: named by --expect-hosts, and no report names it
 */
export type HostState = 'meets' | 'falls-short' | 'bad-report' | 'too-old' | 'no-report';

/** Every host state, worst first: the order fleet reports list hosts in. */
export const HOST_STATES: readonly HostState[] = ['no-report', 'bad-report', 'too-old', 'falls-short', 'meets'];

/**
 * Why a report does not count as the host's word:
 * - unreadable: the file cannot be read (errno), is a folder, or is larger than a report may be
 * - empty: nothing in it
 * - truncated: the JSON ends early (a copy cut short)
 * - not-json: not JSON at all (`where` says where it breaks)
 * - foreign: JSON of another tool (a SARIF log, a manifest, ...)
 * - not-scan-report: hotfix-verify's JSON, but not a scan report (a fleet report, inspect's output)
 * - unknown-major: a scan report of a schema major this version does not read
 * - invalid: a scan report with a field missing or of the wrong kind (`where` is its JSON path)
 * - no-host: the report names no host and has no file name to take one from (a line of stdin)
 * - from-the-future: stamped later than now (by more than a few minutes): its age, and whether it is newest, cannot be trusted
 * - too-old: older than --max-age
 * - age-unknown: --max-age is given and the report has no generatedAt (schema before 1.3)
 */
export type ReportProblemCode =
  | 'unreadable'
  | 'empty'
  | 'truncated'
  | 'not-json'
  | 'foreign'
  | 'not-scan-report'
  | 'unknown-major'
  | 'invalid'
  | 'no-host'
  | 'from-the-future'
  | 'too-old'
  | 'age-unknown';

/** A report problem as a code and its arguments (values only; the words are in messages.ts). */
export interface ReportProblem {
  readonly code: ReportProblemCode;
  readonly args: MessageArgs;
}

/** How a host got its name: its report, the report's file name (reports before 1.3), --expect-hosts, or its place on stdin. */
export type HostNameSource = 'report' | 'file-name' | 'expect-hosts' | 'stdin-line';

/** Where a report came from: a file, or a line of standard input (`-`). */
export interface ReportOrigin {
  /** The file as found (argument, or folder joined with the name); "-" for standard input. */
  readonly source: string;
  /** The line of standard input, from 1. */
  readonly line?: number;
}

/** A fix of one host, as its report judged it. */
export interface FleetFix {
  readonly id: string;
  readonly verdict: Verdict;
  /** The gate's outcome for the fix (reports of schema 1.2 and later). */
  readonly outcome?: ManifestOutcome;
}

/** Fixes of a host, counted by verdict. */
export interface FixCounts {
  readonly meets: number;
  readonly fallsShort: number;
  readonly notApplicable: number;
}

/** One finding a host's report holds: a copy (or a row with none) that does not meet, as the report stated it. */
export interface FleetFinding {
  readonly manifest: string;
  /** The row's name, or its pinned path. */
  readonly file: string;
  /** Where the copy is, relative to the host's target. */
  readonly path?: string;
  readonly status: string;
  readonly reason: string;
  /** The reason's arguments (schema 1.2 and later). */
  readonly args?: MessageArgs;
  /** The report's own words for it (every schema). */
  readonly detail?: string;
  /** True when it fails the host's gate. */
  readonly blocking: boolean;
}

/** What the host's own gate decided. */
export interface HostGate {
  readonly pass: boolean;
  /** Why it failed, as codes (schema 1.2 and later). */
  readonly reasons?: readonly GateReason[];
  /** The report's own words for it. */
  readonly summary?: string;
}

/** A report of a host that did not count, because a newer one (or one that cannot be proven older) did. */
export interface SupersededReport extends ReportOrigin {
  readonly generatedAt?: string;
  readonly state: HostState;
}

/** One host of the fleet: its state, and what its counting report said. */
export interface HostResult {
  readonly host: string;
  readonly hostFrom: HostNameSource;
  readonly state: HostState;
  /** True only for `meets`: the host proves the fleet's fixes. */
  readonly pass: boolean;
  /** The counting report; absent for no-report. */
  readonly origin?: ReportOrigin;
  /** Why the report does not count (bad-report, too-old). */
  readonly problem?: ReportProblem;
  readonly schemaVersion?: string;
  readonly toolVersion?: string;
  readonly target?: string;
  readonly generatedAt?: string;
  /** Seconds from generatedAt to the fleet's `now`, when known. */
  readonly ageSeconds?: number;
  /** The report's own verdict over its fixes. */
  readonly verdict?: Verdict;
  readonly gate?: HostGate;
  readonly fixes?: FixCounts;
  readonly fixList?: readonly FleetFix[];
  /** Its worst finding: one that fails the gate first, and of those outdated, then missing, unverifiable, unexpected. */
  readonly worst?: FleetFinding;
  /** Its findings, blocking first, at most MAX_HOST_FINDINGS. */
  readonly findings?: readonly FleetFinding[];
  /** Findings beyond those kept. */
  readonly moreFindings?: number;
  /** With --expect-hosts: whether the file names this host. */
  readonly expected?: boolean;
  /** Other reports of the same host that did not count, oldest first. */
  readonly superseded?: readonly SupersededReport[];
}

/** Why the fleet does not meet, as codes with their counts. */
export type FleetReason =
  | { readonly code: 'hosts-fall-short'; readonly hosts: number }
  | { readonly code: 'bad-reports'; readonly hosts: number }
  | { readonly code: 'too-old'; readonly hosts: number }
  | { readonly code: 'no-report'; readonly hosts: number }
  | { readonly code: 'no-hosts' };

/** The fleet's verdict and every host. */
export interface FleetReport {
  readonly schemaVersion: string;
  readonly kind: 'fleet';
  readonly tool: { readonly name: 'hotfix-verify'; readonly version: string };
  /** When the fleet was judged (UTC ISO 8601): ages are counted to it. */
  readonly generatedAt: string;
  /** True when there is at least one host and every host meets. */
  readonly pass: boolean;
  readonly verdict: 'meets' | 'falls-short';
  readonly reasons: readonly FleetReason[];
  /** Hosts per state, and in all. */
  readonly counts: Readonly<Record<HostState, number>> & { readonly hosts: number };
  /** --max-age as given ("7d") and in seconds. */
  readonly maxAge?: { readonly text: string; readonly seconds: number };
  /** --expect-hosts, as given. */
  readonly expectHosts?: string;
  /** Reports read in all (duplicates included). */
  readonly reportsRead: number;
  /** Hosts, worst state first, then by name. */
  readonly hosts: readonly HostResult[];
}
