/**
 * scan --exact against snapshot manifests: besides what a scan reports (older, missing,
 * changed, unverifiable), a file newer than the snapshot and a file the snapshot does not
 * have are `unexpected` (reasons `newer` and `not-in-snapshot`).
 */
import { judgeManifest, overallVerdict } from '../evaluate/evaluateManifest.js';
import { STATUSES, type CopyFinding, type ManifestFinding, type RowFinding, type ScanReport, type Status } from '../evaluate/types.js';
import type { LoadedManifest } from '../manifest/types.js';
import type { FileSource, SourceProblem } from '../source/types.js';
import { compareVersions, parseVersion } from '../version/windowsVersion.js';
import { EVERY_NAME } from '../source/everyName.js';

function newer(row: RowFinding): RowFinding {
  if (row.status !== 'meets' || row.required === null) return row;
  const required = parseVersion(row.required);
  const copies = row.copies.map(
    (copy): CopyFinding =>
      copy.status === 'meets' && copy.fixedVersion !== undefined && compareVersions(parseVersion(copy.fixedVersion), required) > 0
        ? {
            ...copy,
            status: 'unexpected',
            reason: 'newer',
            detail: `fixed file version ${copy.fixedVersion} is newer than the snapshot's ${row.required}`,
          }
        : copy,
  );
  const first = copies.find((copy) => copy.status === 'unexpected');
  return first ? { ...row, status: 'unexpected', reason: 'newer', detail: first.detail, copies } : row;
}

function unexpectedRow(relative: string, name: string): RowFinding {
  const detail = 'not in the snapshot';
  return {
    name,
    required: null,
    path: relative,
    status: 'unexpected',
    reason: 'not-in-snapshot',
    detail,
    copies: [{ path: relative, status: 'unexpected', reason: 'not-in-snapshot', detail, evidence: 'presence', notes: [] }],
  };
}

/** Adds the --exact findings to every snapshot manifest of a report; other manifests are left as they are. */
export async function exactCheck(report: ScanReport, manifests: readonly LoadedManifest[], source: FileSource): Promise<ScanReport> {
  if (!manifests.some((loaded) => loaded.manifest.kind === 'snapshot')) return report;
  const listing = await source.find(EVERY_NAME);
  const findings = report.manifests.map((finding, index): ManifestFinding => {
    const loaded = manifests[index];
    if (loaded?.manifest.kind !== 'snapshot') return finding;
    const known = new Set(loaded.manifest.files.map((row) => row.path?.toLowerCase()).filter((p): p is string => p !== undefined));
    const extra = listing.entries
      .filter((entry) => !known.has(entry.path.toLowerCase()))
      .map((entry) => unexpectedRow(entry.path, entry.name));
    const rows = [...finding.rows.map(newer), ...extra];
    const counts = Object.fromEntries(STATUSES.map((status) => [status, rows.filter((row) => row.status === status).length])) as Record<
      Status,
      number
    >;
    // The reason goes with the new verdict: a fix that now falls short keeps no "not-present" of before.
    const { reason: _before, ...rest } = finding;
    const judgement = judgeManifest(rows);
    return { ...rest, rows, counts, verdict: judgement.verdict, ...(judgement.reason ? { reason: judgement.reason } : {}) };
  });
  const seen = new Set(report.problems.map((p) => p.path));
  const problems: SourceProblem[] = [...report.problems, ...listing.problems.filter((p) => !seen.has(p.path))];
  const complete = problems.length === 0;
  return { ...report, manifests: findings, problems, complete, verdict: overallVerdict(findings, complete) };
}
