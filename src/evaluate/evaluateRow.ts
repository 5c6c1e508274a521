/** A row's status from its copies: the installed copies decide; the others are listed and never decide. */
import type { CopyFinding, RowFinding } from '../model/finding.js';
import type { ManifestFile } from '../model/manifest.js';

/** Every name a row's file may carry on disk, lower-cased. */
export function rowNames(row: ManifestFile): string[] {
  return [row.name, ...(row.aliases ?? [])].map((name) => name.toLowerCase());
}

/**
 * Which copy decides a row, most severe first: a proven old copy outranks an unreadable one.
 * A copy of another product branch outranks one that meets: with a 5.5 Emsmta.exe in bin and
 * a patched 5.0 copy beside it, nothing proves which one the server runs, so the row does not
 * meet (inside a fix that applies, the gate fails it). A copy for another platform of a table
 * split per platform ranks last: it is another row's business.
 */
function severity(copy: CopyFinding): number {
  if (copy.status === 'not-applicable') return copy.reason === 'other-branch' ? 4 : 6;
  return ['outdated', 'missing', 'unverifiable', 'unexpected', '', 'meets'].indexOf(copy.status);
}

/** How many paths a reason names before "and N more". */
const NAMED_PATHS = 3;

/** What a row is, before it is judged. */
export function rowIdentity(row: ManifestFile): Pick<RowFinding, 'name' | 'aliases' | 'required' | 'platform' | 'path'> {
  return {
    name: row.name,
    ...(row.aliases ? { aliases: row.aliases } : {}),
    required: row.version,
    ...(row.platform ? { platform: row.platform } : {}),
    ...(row.path ? { path: row.path } : {}),
  };
}

/** Judges one row over its judged copies; `unlisted` names the parts of the target that could not be listed. */
export function decideRow(
  row: ManifestFile,
  copies: readonly CopyFinding[],
  unlisted: readonly string[] = [],
  folderLinks: readonly string[] = [],
): RowFinding {
  const identity = rowIdentity(row);
  const deciding = copies.filter((copy) => copy.role === 'installed');
  if (deciding.length === 0) {
    const elsewhere = copies.filter((copy) => copy.role === 'outside');
    const named = (list: readonly CopyFinding[]) => ({
      paths: list.slice(0, NAMED_PATHS).map((copy) => copy.path),
      more: Math.max(0, list.length - NAMED_PATHS),
    });
    const maybe = {
      ...(unlisted.length > 0 ? { unlisted: unlisted.slice(0, NAMED_PATHS), unlistedCount: unlisted.length } : {}),
      ...(folderLinks.length > 0 ? { folderLinks: folderLinks.slice(0, NAMED_PATHS) } : {}),
    };
    if (elsewhere.length > 0)
      return { ...identity, status: 'missing', reason: 'outside-install-folders', args: { ...named(elsewhere), ...maybe }, copies };
    if (copies.length > 0) return { ...identity, status: 'missing', reason: 'only-backups', args: { ...named(copies), ...maybe }, copies };
    const args = { ...(row.aliases?.length ? { aliases: row.aliases } : {}), ...(row.path ? { pinned: row.path } : {}), ...maybe };
    return { ...identity, status: 'missing', reason: 'not-found', args, copies };
  }
  // The first copy of the lowest severity decides (copies come in path order).
  const decisive = deciding.reduce((best, copy) => (severity(copy) < severity(best) ? copy : best));
  return {
    ...identity,
    status: decisive.status,
    reason: decisive.reason,
    args: decisive.args,
    ...(deciding.length > 1 || copies.length > 1 ? { decidedBy: decisive.path } : {}),
    copies,
  };
}
