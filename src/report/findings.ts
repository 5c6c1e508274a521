/** Findings as the CI writers list them: one per copy that falls short, or per row with no copy. */
import type { CopyFinding, FailOnStatus, ManifestFinding, RowFinding, ScanReport, Status, Suppression } from '../evaluate/types.js';
import { DEFAULT_FAIL_ON, copySuppressed, findingFails, rowFailsOn, rowSuppressed } from '../gate/gate.js';

/** One thing a pipeline should see: a copy (or a row with no copy) that does not meet. */
export interface Finding {
  readonly manifest: ManifestFinding;
  readonly row: RowFinding;
  /** The copy, when the finding is about one (every status but missing). */
  readonly copy?: CopyFinding;
  readonly status: Exclude<Status, 'meets'>;
  /** Where the file is or should be, relative to the target; undefined when unknown (a missing file with no pinned path). */
  readonly path?: string;
  /** One line: "found 5.0.1462.9, required 5.0.1462.10 or later", or the evidence. */
  readonly message: string;
  /** The ignore entry that names it, live or expired. */
  readonly suppression?: Suppression;
  /** True when a live ignore entry hides it. */
  readonly suppressed: boolean;
  /** True when it fails the gate (status in --fail-on, manifest gated, not suppressed). */
  readonly blocking: boolean;
}

/** The statuses the report's gate fails on (the default when the report went through no gate). */
export function failOnOf(report: ScanReport): ReadonlySet<Status> {
  return new Set<Status>(report.gate?.failOn ?? (DEFAULT_FAIL_ON as readonly FailOnStatus[]));
}

/** A row's name as a report shows it: the pinned path, or the name and platform. */
export function rowLabel(row: RowFinding): string {
  return row.path ?? (row.platform ? `${row.name} (${row.platform})` : row.name);
}

/** The one-line message of a copy (or of a row with no copy). */
export function findingMessage(row: RowFinding, copy: CopyFinding | undefined): string {
  const reason = copy?.reason ?? row.reason;
  if ((reason === 'older' || reason === 'newer') && copy?.fixedVersion !== undefined && row.required !== null) {
    return reason === 'older'
      ? `found ${copy.fixedVersion}, required ${row.required} or later`
      : `found ${copy.fixedVersion}, the snapshot has ${row.required}`;
  }
  return (copy?.detail ?? row.detail).replace(/\s*\r?\n\s*/g, '; ');
}

/** Every finding of a report, in report order. */
export function findingsOf(report: ScanReport): Finding[] {
  const failOn = failOnOf(report);
  const out: Finding[] = [];
  for (const manifest of report.manifests) {
    for (const row of manifest.rows) {
      if (row.status === 'meets') continue;
      const rowHidden = row.suppression !== undefined && !row.suppression.expired;
      const fails = rowFailsOn(manifest, row, failOn);
      const blocks = fails && !rowSuppressed(row);
      const short = row.copies.filter((copy) => copy.status !== 'meets');
      if (short.length === 0) {
        out.push({
          manifest,
          row,
          status: row.status as Finding['status'],
          ...(row.path ? { path: row.path } : {}),
          message: findingMessage(row, undefined),
          ...(row.suppression ? { suppression: row.suppression } : {}),
          suppressed: rowHidden,
          blocking: blocks,
        });
        continue;
      }
      for (const copy of short) {
        const suppression = copy.suppression && (!copy.suppression.expired || !row.suppression) ? copy.suppression : row.suppression;
        const suppressed = rowHidden || copySuppressed(copy);
        out.push({
          manifest,
          row,
          copy,
          status: copy.status as Finding['status'],
          path: copy.path,
          message: findingMessage(row, copy),
          ...(suppression ? { suppression } : {}),
          suppressed,
          blocking: blocks && !suppressed && findingFails(manifest, copy, failOn),
        });
      }
    }
  }
  return out;
}
