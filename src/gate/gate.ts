/**
 * The CI gate: one pure rule from a report and the statuses a pipeline fails on to pass or fail.
 * It stamps its outcome on every manifest, row and copy, once; writers only read those outcomes,
 * and the CLI turns `gate.pass` into the exit code.
 */
import type { CopyFinding, ManifestFinding, ManifestOutcome, RowFinding, Status } from '../model/finding.js';
import { DEFAULT_FAIL_ON, type FailOnStatus, type GateOutcome, type GateReason, type GateResult } from '../model/gate.js';
import type { ScanReport, UngatedReport } from '../model/report.js';

/** True when a live (not expired) ignore entry hides this copy. */
function copySuppressed(copy: CopyFinding): boolean {
  return copy.suppression !== undefined && !copy.suppression.expired;
}

/**
 * True when a live ignore entry hides the row: one names the row itself, or every installed copy
 * that falls short is hidden by entries naming its path.
 */
function rowSuppressed(row: RowFinding): boolean {
  if (row.suppression !== undefined && !row.suppression.expired) return true;
  const short = row.copies.filter((copy) => copy.role === 'installed' && copy.status !== 'meets');
  return short.length > 0 && short.every(copySuppressed);
}

/** A file of another product branch inside a fix that applies: the fix's own file is not there, whatever --fail-on says. */
function otherBranchInside(manifest: ManifestFinding, finding: { readonly status: Status; readonly reason: string }): boolean {
  return finding.status === 'not-applicable' && finding.reason === 'other-branch' && manifest.verdict !== 'not-applicable';
}

/** True when the row is proven to meet the or-later rule: it meets, or (--exact) its copy is newer than the snapshot's. */
function rowProven(row: RowFinding): boolean {
  return row.status === 'meets' || (row.status === 'unexpected' && row.reason === 'newer');
}

const PASSES: GateOutcome = { kind: 'passes', why: 'meets' };
const FIX_NOT_APPLICABLE: GateOutcome = { kind: 'not-applicable', why: 'fix-not-applicable' };

/** The outcome of a finding (row or copy) whose manifest is gated and which does not meet. */
function judged(
  manifest: ManifestFinding,
  finding: { readonly status: Status; readonly reason: string },
  failOn: ReadonlySet<Status>,
  hiddenBy: string | undefined,
): GateOutcome {
  const inside = otherBranchInside(manifest, finding);
  if (failOn.has(finding.status) || inside) {
    if (hiddenBy !== undefined) return { kind: 'suppressed', why: 'ignore-entry', entry: hiddenBy };
    return { kind: 'blocking', why: failOn.has(finding.status) ? 'fail-on' : 'other-branch-inside' };
  }
  if (finding.status === 'not-applicable')
    return { kind: 'not-applicable', why: finding.reason === 'not-installed' ? 'not-installed' : 'other-platform' };
  return { kind: 'not-gated', why: 'status-not-gated' };
}

/** The live ignore entry hiding a row, if any: its own, or (when every short installed copy is hidden) its first copy's. */
function rowHiddenBy(row: RowFinding): string | undefined {
  if (!rowSuppressed(row)) return undefined;
  if (row.suppression && !row.suppression.expired) return row.suppression.entry;
  return row.copies.find((copy) => copy.role === 'installed' && copy.status !== 'meets' && copySuppressed(copy))?.suppression?.entry;
}

/** Stamps the gate's outcome on one row and its copies; returns the row and whether it blocks, is suppressed, or is proven. */
function gateRow(manifest: ManifestFinding, row: RowFinding, failOn: ReadonlySet<Status>, gated: boolean): RowFinding {
  const rowHidden = rowHiddenBy(row);
  const copies = row.copies.map((copy): CopyFinding => {
    let outcome: GateOutcome;
    if (copy.role !== 'installed') outcome = { kind: 'not-gated', why: 'not-deciding' };
    else if (copy.status === 'meets') outcome = PASSES;
    else if (!gated) outcome = FIX_NOT_APPLICABLE;
    else {
      const hidden =
        row.suppression && !row.suppression.expired ? row.suppression.entry : copySuppressed(copy) ? copy.suppression?.entry : undefined;
      outcome = judged(manifest, copy, failOn, hidden);
    }
    return { ...copy, outcome };
  });
  const outcome = row.status === 'meets' ? PASSES : !gated ? FIX_NOT_APPLICABLE : judged(manifest, row, failOn, rowHidden);
  return { ...row, copies, outcome };
}

/**
 * Decides the gate and stamps every manifest, row and copy with its outcome. Passes only when
 * the scan is complete, at least one manifest applies, has no blocking row and has a row that
 * meets (a scan where nothing applies or nothing meets proves nothing). Rows of manifests that
 * do not apply count only when `not-applicable` is itself in `failOn`.
 */
export function gateReport(report: UngatedReport, failOn: readonly FailOnStatus[] = DEFAULT_FAIL_ON): ScanReport {
  const fail = new Set<Status>(failOn);
  let blocking = 0;
  let suppressed = 0;
  let expired = 0;
  let proven = false;
  const byStatus: Partial<Record<Status, number>> = {};
  const manifests = report.manifests.map((manifest): ManifestFinding => {
    const gated = manifest.verdict !== 'not-applicable' || fail.has('not-applicable');
    let manifestBlocking = 0;
    let manifestMeets = false;
    const rows = manifest.rows.map((row) => {
      const stamped = gateRow(manifest, row, fail, gated);
      if (rowProven(row)) manifestMeets = true;
      if (row.suppression?.expired === true || row.copies.some((copy) => copy.suppression?.expired === true)) expired++;
      if (stamped.outcome?.kind === 'suppressed') suppressed++;
      if (stamped.outcome?.kind === 'blocking') {
        manifestBlocking++;
        byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      }
      return stamped;
    });
    blocking += manifestBlocking;
    // A manifest proves something only when some row of it meets: an empty target with --fail-on outdated,
    // or one whose every finding an ignore file hides, has no failing row but proves nothing.
    let outcome: ManifestOutcome;
    if (!gated) outcome = 'not-applicable';
    else if (manifestBlocking > 0) outcome = 'fails';
    else if (manifest.verdict !== 'not-applicable' && manifestMeets) outcome = 'proves';
    else outcome = 'proves-nothing';
    if (outcome === 'proves') proven = true;
    return { ...manifest, rows, outcome };
  });
  const pass = report.complete && proven && blocking === 0;
  const reasons: GateReason[] = [];
  if (!report.complete) reasons.push({ code: 'incomplete', parts: report.problems.length });
  if (blocking > 0) reasons.push({ code: 'rows-fail', rows: blocking, byStatus });
  if (!proven && blocking === 0) {
    reasons.push(report.manifests.some((m) => m.verdict !== 'not-applicable') ? { code: 'nothing-meets' } : { code: 'nothing-applies' });
  }
  const gate: GateResult = { failOn: [...failOn], pass, reasons: pass ? [] : reasons, blocking, suppressed, expired };
  return { ...report, manifests, gate };
}
