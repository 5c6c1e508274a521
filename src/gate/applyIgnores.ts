/** Marks the findings an ignore file accepts: pure, from (report, entries, today) to a new report. */
import type { CopyFinding, RowFinding, Suppression } from '../model/finding.js';
import type { UngatedReport } from '../model/report.js';
import type { IgnoreEntry } from './ignoreFile.js';

/** How one ignore entry fared: how many rows and copies it named, and whether it has expired. */
export interface IgnoreUse {
  readonly entry: IgnoreEntry;
  readonly expired: boolean;
  readonly matched: number;
}

function suppressionOf(entry: IgnoreEntry, today: string): Suppression {
  // An entry hides its finding through its expiry day, and no longer from the day after.
  const expired = entry.expires !== undefined && today > entry.expires;
  return { reason: entry.reason, ...(entry.expires ? { expires: entry.expires } : {}), expired, entry: entry.id };
}

/** Of several entries naming one finding, a live one wins; else the first. */
function pick(found: Suppression[]): Suppression | undefined {
  return found.find((s) => !s.expired) ?? found[0];
}

/**
 * Attaches a `suppression` to every row (entries with no path) and copy (entries with a path,
 * or a row pinned to that path) an entry names. Rows and copies that meet are never marked.
 * Returns the new report and how each entry was used.
 */
export function applyIgnores(
  report: UngatedReport,
  entries: readonly IgnoreEntry[],
  today: string,
): { report: UngatedReport; uses: IgnoreUse[] } {
  const matched = new Map<IgnoreEntry, number>();
  const manifests = report.manifests.map((manifest) => {
    const forManifest = entries.filter((entry) => entry.manifest.toLowerCase() === manifest.id.toLowerCase());
    if (forManifest.length === 0) return manifest;
    const rows = manifest.rows.map((row): RowFinding => {
      if (row.status === 'meets') return row;
      const names = new Set([row.name, ...(row.aliases ?? [])].map((name) => name.toLowerCase()));
      const naming = forManifest.filter((entry) => names.has(entry.file.toLowerCase()));
      if (naming.length === 0) return row;
      const hit = (entry: IgnoreEntry) => matched.set(entry, (matched.get(entry) ?? 0) + 1);
      const rowEntries = naming.filter(
        (entry) => entry.path === undefined || (row.path !== undefined && row.path.toLowerCase() === entry.path.toLowerCase()),
      );
      rowEntries.forEach(hit);
      const copies = row.copies.map((copy): CopyFinding => {
        if (copy.status === 'meets') return copy;
        const copyEntries = naming.filter(
          (entry) => entry.path !== undefined && entry.path.toLowerCase() === copy.path.toLowerCase() && row.path === undefined,
        );
        copyEntries.forEach(hit);
        const suppression = pick(copyEntries.map((entry) => suppressionOf(entry, today)));
        return suppression ? { ...copy, suppression } : copy;
      });
      const suppression = pick(rowEntries.map((entry) => suppressionOf(entry, today)));
      return { ...row, copies, ...(suppression ? { suppression } : {}) };
    });
    return { ...manifest, rows };
  });
  const uses = entries.map((entry) => ({ entry, expired: suppressionOf(entry, today).expired, matched: matched.get(entry) ?? 0 }));
  return { report: { ...report, manifests }, uses };
}
