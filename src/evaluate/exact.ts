/**
 * scan --exact against snapshot manifests: besides what a scan reports (older, missing, changed,
 * unverifiable), a file newer than the snapshot and a file the snapshot does not have are
 * `unexpected` (reasons `newer` and `not-in-snapshot`). Pure: from the findings and the one listing.
 */
import type { CopyFinding, ManifestFinding, RowFinding } from '../model/finding.js';
import type { LoadedManifest } from '../model/manifest.js';
import type { SourceEntry } from '../model/source.js';
import { compareVersions, parseVersion } from '../version/windowsVersion.js';
import { countStatuses } from './evaluateManifest.js';
import { judgeManifest } from './verdict.js';

function newer(row: RowFinding): RowFinding {
  if (row.status !== 'meets' || row.required === null) return row;
  const required = parseVersion(row.required);
  const copies = row.copies.map(
    (copy): CopyFinding =>
      copy.status === 'meets' && copy.fixedVersion !== undefined && compareVersions(parseVersion(copy.fixedVersion), required) > 0
        ? { ...copy, status: 'unexpected', reason: 'newer', args: { found: copy.fixedVersion, required: row.required ?? undefined } }
        : copy,
  );
  const first = copies.find((copy) => copy.status === 'unexpected');
  return first ? { ...row, status: 'unexpected', reason: 'newer', args: first.args, copies } : row;
}

function unexpectedRow(entry: SourceEntry): RowFinding {
  return {
    name: entry.name,
    required: null,
    path: entry.path,
    status: 'unexpected',
    reason: 'not-in-snapshot',
    args: {},
    copies: [
      { path: entry.path, role: 'installed', status: 'unexpected', reason: 'not-in-snapshot', args: {}, evidence: 'presence', notes: [] },
    ],
  };
}

/** Adds the --exact findings to every snapshot manifest; other manifests are returned as they are. */
export function applyExact(
  findings: readonly ManifestFinding[],
  manifests: readonly LoadedManifest[],
  everyEntry: readonly SourceEntry[],
): ManifestFinding[] {
  return findings.map((finding, index): ManifestFinding => {
    const loaded = manifests[index];
    if (loaded?.manifest.kind !== 'snapshot') return finding;
    const known = new Set(loaded.manifest.files.map((row) => row.path?.toLowerCase()).filter((p): p is string => p !== undefined));
    const extra = everyEntry.filter((entry) => !known.has(entry.path.toLowerCase())).map(unexpectedRow);
    const rows = [...finding.rows.map(newer), ...extra];
    // The reason goes with the new verdict: a fix that now falls short keeps no "not-present" of before.
    const { reason: _before, ...rest } = finding;
    const judgement = judgeManifest(rows);
    return {
      ...rest,
      rows,
      counts: countStatuses(rows),
      verdict: judgement.verdict,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
    };
  });
}
