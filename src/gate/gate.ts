/**
 * The CI gate: one pure rule from a report and the statuses a pipeline fails on to pass or
 * fail. The CLI turns the answer into the exit code; writers show the same answer.
 */
import type { CopyFinding, FailOnStatus, GateResult, ManifestFinding, RowFinding, ScanReport, Status } from '../evaluate/types.js';

/** Every status `--fail-on` accepts, in the order help lists them. */
export const FAIL_ON_CHOICES: readonly FailOnStatus[] = ['outdated', 'missing', 'unverifiable', 'not-applicable', 'unexpected'];

/**
 * What fails the gate unless told otherwise. `unexpected` is only ever reported by
 * `scan --exact`, so including it makes --exact fail on what it finds.
 */
export const DEFAULT_FAIL_ON: readonly FailOnStatus[] = ['outdated', 'missing', 'unverifiable', 'unexpected'];

/** True when a live (not expired) ignore entry hides this copy. */
export function copySuppressed(copy: CopyFinding): boolean {
  return copy.suppression !== undefined && !copy.suppression.expired;
}

/**
 * True when a live ignore entry hides the row: one names the row itself, or every copy that
 * falls short is hidden by entries naming its path.
 */
export function rowSuppressed(row: RowFinding): boolean {
  if (row.suppression !== undefined && !row.suppression.expired) return true;
  const short = row.copies.filter((copy) => copy.status !== 'meets');
  return short.length > 0 && short.every(copySuppressed);
}

/** True when a manifest's rows are judged by the gate: it applies, or not-applicable itself fails the gate. */
export function manifestGated(manifest: ManifestFinding, failOn: ReadonlySet<Status>): boolean {
  return manifest.verdict !== 'not-applicable' || failOn.has('not-applicable');
}

/**
 * True when this row, unsuppressed, would fail the gate. A file of another product branch
 * inside a fix that applies (a 5.5 Emsmta.exe among 5.0 MTA files) always fails: the fix's
 * own file is not there, whatever --fail-on says about fixes that do not apply at all.
 */
export function rowFailsOn(manifest: ManifestFinding, row: RowFinding, failOn: ReadonlySet<Status>): boolean {
  return findingFails(manifest, row, failOn);
}

/** The same rule for a row or one copy of it: its status is in failOn, or it is another branch's file inside a fix that applies. */
export function findingFails(
  manifest: ManifestFinding,
  finding: { readonly status: Status; readonly reason: string },
  failOn: ReadonlySet<Status>,
): boolean {
  if (finding.status === 'meets' || !manifestGated(manifest, failOn)) return false;
  return failOn.has(finding.status) || otherBranchInside(manifest, finding);
}

/** True for a file of another product branch inside a manifest that applies. */
export function otherBranchInside(manifest: ManifestFinding, finding: { readonly status: Status; readonly reason: string }): boolean {
  return finding.status === 'not-applicable' && finding.reason === 'other-branch' && manifest.verdict !== 'not-applicable';
}

/** True when this row fails the gate: its status is in failOn, its manifest is gated, and nothing live hides it. */
export function rowBlocks(manifest: ManifestFinding, row: RowFinding, failOn: ReadonlySet<Status>): boolean {
  return rowFailsOn(manifest, row, failOn) && !rowSuppressed(row);
}

/** True when the row is proven to meet the or-later rule: it meets, or (--exact) its copy is newer than the snapshot's. */
function rowProven(row: RowFinding): boolean {
  return row.status === 'meets' || (row.status === 'unexpected' && row.reason === 'newer');
}

function hasExpired(row: RowFinding): boolean {
  return row.suppression?.expired === true || row.copies.some((copy) => copy.suppression?.expired === true);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Decides the gate. Passes only when the scan is complete, at least one manifest applies,
 * has no failing row and has a row that meets (a scan where nothing applies or nothing
 * meets proves nothing), and no unsuppressed row
 * has a status in `failOn`; rows of manifests that do not apply count only when
 * `not-applicable` is itself in `failOn`.
 */
export function gateReport(report: ScanReport, failOn: readonly FailOnStatus[] = DEFAULT_FAIL_ON): GateResult {
  const fail = new Set<Status>(failOn);
  let blocking = 0;
  let suppressed = 0;
  let expired = 0;
  let proven = false;
  const byStatus = new Map<Status, number>();
  for (const manifest of report.manifests) {
    let manifestBlocking = 0;
    let manifestMeets = false;
    for (const row of manifest.rows) {
      if (rowProven(row)) manifestMeets = true;
      if (hasExpired(row)) expired++;
      if (!rowFailsOn(manifest, row, fail)) continue;
      if (rowSuppressed(row)) suppressed++;
      else {
        manifestBlocking++;
        byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
      }
    }
    blocking += manifestBlocking;
    // A manifest proves something only when some row of it meets: an empty target with --fail-on outdated,
    // or one whose every finding an ignore file hides, has no failing row but proves nothing.
    if (manifest.verdict !== 'not-applicable' && manifestBlocking === 0 && manifestMeets) proven = true;
  }
  const pass = report.complete && proven && blocking === 0;
  const why: string[] = [];
  if (!report.complete) why.push(`the scan was incomplete (${plural(report.problems.length, 'part')} of the target could not be listed)`);
  if (blocking > 0)
    why.push(
      `${plural(blocking, 'row')} fail${blocking === 1 ? 's' : ''} (${[...byStatus].map(([status, n]) => `${n} ${status}`).join(', ')})`,
    );
  if (!proven && blocking === 0)
    why.push(
      report.manifests.some((m) => m.verdict !== 'not-applicable')
        ? 'no manifest meets'
        : 'no manifest applies to the target, so nothing is proven',
    );
  const extras = [
    suppressed > 0 ? `${plural(suppressed, 'row')} suppressed by the ignore file` : '',
    expired > 0 ? `${plural(expired, 'ignore entry', 'ignore entries')} expired` : '',
  ].filter(Boolean);
  const summary = `${pass ? 'passed' : `failed: ${why.join('; ')}`}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
  return { failOn: [...failOn], pass, summary, blocking, suppressed, expired };
}

/** The exit code of a scan: 0 when the gate passes, 1 when it does not. */
export function gateExitCode(report: ScanReport, failOn: readonly FailOnStatus[] = DEFAULT_FAIL_ON): 0 | 1 {
  return (report.gate ?? gateReport(report, failOn)).pass ? 0 : 1;
}
