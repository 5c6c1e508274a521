/** One-line summaries of a manifest and of a whole report. */
import type { ManifestFinding } from '../model/finding.js';
import type { ScanReport } from '../model/report.js';

/** "Q254943 (Microsoft Exchange Server 5.0): FALLS SHORT: 13 meet, 1 outdated, 1 missing". */
export function manifestSummary(manifest: ManifestFinding): string {
  const parts = Object.entries(manifest.counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status === 'meets' ? (count === 1 ? 'meets' : 'meet') : status}`);
  const verdict = manifest.verdict === 'meets' ? 'MEETS THE FIX' : manifest.verdict === 'not-applicable' ? 'NOT APPLICABLE' : 'FALLS SHORT';
  return `${manifest.id} (${manifest.product}): ${verdict}: ${parts.join(', ')}`;
}

/** The closing line: the overall verdict in words, and why the scan is incomplete when it is. */
export function reportSummary(report: ScanReport): string {
  const scope = report.manifests.length === 1 ? 'the fix' : `${report.manifests.length} manifests`;
  const incomplete = report.complete
    ? ''
    : ` (scan incomplete: ${report.problems.length} part${report.problems.length === 1 ? '' : 's'} of the target could not be listed)`;
  switch (report.verdict) {
    case 'meets': {
      // With several manifests, some may not apply: say how many it meets, not that it meets them all.
      const applying = report.manifests.filter((m) => m.verdict !== 'not-applicable').length;
      const notApplicable = report.manifests.length - applying;
      if (notApplicable === 0) return `Verdict: ${report.target} meets ${scope}.`;
      return (
        `Verdict: ${report.target} meets the ${applying === 1 ? 'fix that applies' : `${applying} fixes that apply`} ` +
        `(${notApplicable} of ${report.manifests.length} do not apply).`
      );
    }
    case 'not-applicable':
      return `Verdict: ${scope} does not apply to ${report.target}${incomplete}.`;
    default:
      return `Verdict: ${report.target} falls short of ${scope}${incomplete}.`;
  }
}
