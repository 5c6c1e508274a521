/** Findings as the CI writers list them: one per installed copy that falls short, or per row with none. Reads the gate's stamps only. */
import type { CopyFinding, ManifestFinding, RowFinding, Status, Suppression } from '../model/finding.js';
import type { GateOutcome } from '../model/gate.js';
import type { ScanReport } from '../model/report.js';
import { copyDetail, rowDetail } from './messages.js';

/** One thing a pipeline should see: an installed copy (or a row with none) that does not meet. */
export interface Finding {
  readonly manifest: ManifestFinding;
  readonly row: RowFinding;
  /** The copy, when the finding is about one. */
  readonly copy?: CopyFinding;
  readonly status: Exclude<Status, 'meets'>;
  /** Where the file is or should be, relative to the target; undefined when unknown (a missing file with no pinned path). */
  readonly path?: string;
  /** One line: "found 5.0.1462.9, required 5.0.1462.10 or later", or the evidence. */
  readonly message: string;
  /** The ignore entry that names it, live or expired. */
  readonly suppression?: Suppression;
  /** The gate's outcome for it. */
  readonly outcome: GateOutcome;
  /** True when a live ignore entry hides it. */
  readonly suppressed: boolean;
  /** True when it fails the gate. */
  readonly blocking: boolean;
}

/** A row's name as a report shows it: the pinned path, or the name and platform. */
export function rowLabel(row: RowFinding): string {
  return row.path ?? (row.platform ? `${row.name} (${row.platform})` : row.name);
}

/**
 * What a copy's Found column shows: the date that decided a date row (even for a PE file with a version), else
 * the fixed file version, else "present" or "-"; and the string FileVersion when it disagrees with the fixed one.
 */
export function foundOf(copy: CopyFinding): { readonly shown: string; readonly differingString?: string } {
  if (copy.evidence === 'date' && copy.timestamp) return { shown: copy.timestamp.slice(0, 10) };
  if (copy.fixedVersion === undefined) return { shown: copy.status === 'meets' ? 'present' : '-' };
  const differs = copy.stringVersion !== undefined && copy.notes.some((note) => note.code === 'string-version-differs');
  return differs ? { shown: copy.fixedVersion, differingString: copy.stringVersion! } : { shown: copy.fixedVersion };
}

/** The one-line message of a copy (or of a row with no copy). */
export function findingMessage(row: RowFinding, copy: CopyFinding | undefined): string {
  const reason = copy?.reason ?? row.reason;
  if ((reason === 'older' || reason === 'newer') && copy?.fixedVersion !== undefined && row.required !== null) {
    return reason === 'older'
      ? `found ${copy.fixedVersion}, required ${row.required} or later`
      : `found ${copy.fixedVersion}, the snapshot has ${row.required}`;
  }
  return (copy ? copyDetail(copy) : rowDetail(row)).replace(/\s*\r?\n\s*/g, '; ');
}

/** The outcome of a finding, failing closed when a report was never gated. */
export function outcomeOf(finding: { readonly outcome?: GateOutcome }): GateOutcome {
  return finding.outcome ?? { kind: 'blocking', why: 'fail-on' };
}

/** Every finding of a report, in report order. */
export function findingsOf(report: ScanReport): Finding[] {
  const out: Finding[] = [];
  for (const manifest of report.manifests) {
    for (const row of manifest.rows) {
      if (row.status === 'meets') continue;
      const short = row.copies.filter((copy) => copy.role === 'installed' && copy.status !== 'meets');
      if (short.length === 0) {
        const outcome = outcomeOf(row);
        out.push({
          manifest,
          row,
          status: row.status as Finding['status'],
          ...(row.path ? { path: row.path } : {}),
          message: findingMessage(row, undefined),
          ...(row.suppression ? { suppression: row.suppression } : {}),
          outcome,
          suppressed: outcome.kind === 'suppressed',
          blocking: outcome.kind === 'blocking',
        });
        continue;
      }
      for (const copy of short) {
        const suppression = copy.suppression && (!copy.suppression.expired || !row.suppression) ? copy.suppression : row.suppression;
        const outcome = outcomeOf(copy);
        out.push({
          manifest,
          row,
          copy,
          status: copy.status as Finding['status'],
          path: copy.path,
          message: findingMessage(row, copy),
          ...(suppression ? { suppression } : {}),
          outcome,
          suppressed: outcome.kind === 'suppressed',
          blocking: outcome.kind === 'blocking',
        });
      }
    }
  }
  return out;
}
