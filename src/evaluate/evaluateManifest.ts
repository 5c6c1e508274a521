/** Pure judgement of a manifest from the copies found: roles, platform, rows, then the manifest's verdict. */
import { STATUSES, type ManifestFinding, type RowFinding, type Status } from '../model/finding.js';
import type { LoadedManifest, ManifestFile, Platform } from '../model/manifest.js';
import type { Observation } from '../model/observation.js';
import { copyRole } from './copyRole.js';
import { evaluateCopy } from './evaluateCopy.js';
import { decideRow, rowNames } from './evaluateRow.js';
import { checkCopyPlatform, readPlatform, type PlatformReading } from './platform.js';
import { judgeManifest } from './verdict.js';

/** How a manifest is judged. */
export interface EvaluateOptions {
  /**
   * The manifest is one fix of a catalog: a fix none of whose files is installed on the target does not
   * apply, because its component is not installed there. A fix the user names on its own must be there.
   */
  readonly catalog?: boolean;
  /** The server's platform (--platform); without it, the installed copies of each fix must agree. */
  readonly platform?: Platform;
  /** --install-root: the product's root folder, relative to the target. */
  readonly installRoot?: string;
  /** The target folder's own name, which may be the product root's. */
  readonly targetName?: string;
  /** Parts of the target that could not be listed: a missing row may be there. */
  readonly unlisted?: readonly string[];
  /** Links to folders the listing did not follow: a missing row may be behind one. */
  readonly folderLinks?: readonly string[];
}

/** Counts rows per status. */
export function countStatuses(rows: readonly RowFinding[]): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((status) => [status, rows.filter((row) => row.status === status).length])) as Record<
    Status,
    number
  >;
}

/** The observations of one row: by name anywhere, or only at its pinned path; each observation once. */
function rowObservations(row: ManifestFile, copiesOf: (lowerName: string) => readonly Observation[]): Observation[] {
  const pinned = row.path?.toLowerCase();
  const seen = new Set<Observation>();
  const out: Observation[] = [];
  for (const name of rowNames(row)) {
    for (const observation of copiesOf(name)) {
      if (pinned !== undefined && observation.entry.path.toLowerCase() !== pinned) continue;
      // One observation may come under two of the row's names; two entries at one path (a tar or zip that holds
      // a path twice) are two observations, and both are judged.
      if (seen.has(observation)) continue;
      seen.add(observation);
      out.push(observation);
    }
  }
  return out;
}

/** True when the table has rows for `platform`: then its rows for other platforms do not apply on that server. */
function tableCovers(manifest: LoadedManifest['manifest'], platform: string): boolean {
  return manifest.files.some((file) => file.platform === platform);
}

/** Judges a whole manifest; `copiesOf` gives the observations of every copy of a name (lower-cased). */
export function evaluateManifest(
  loaded: LoadedManifest,
  copiesOf: (lowerName: string) => readonly Observation[],
  options: EvaluateOptions = {},
): ManifestFinding {
  const { manifest } = loaded;
  const install = {
    ...(manifest.install ? { layout: manifest.install } : {}),
    ...(options.installRoot !== undefined ? { root: options.installRoot } : {}),
    ...(options.targetName !== undefined ? { targetName: options.targetName } : {}),
  };
  const context = { branch: loaded.branch, language: manifest.language };
  // Stage 1: every copy judged on its own, with its role (a pinned snapshot row's one path is the installed copy).
  const judged = manifest.files.map((row) =>
    rowObservations(row, copiesOf).map((observation) =>
      evaluateCopy({ ...context, row }, observation, row.path !== undefined ? 'installed' : copyRole(observation.entry.path, install)),
    ),
  );
  // Stage 2: the platform the installed copies must share (snapshots hold many products: no platform rule).
  const snapshot = manifest.kind === 'snapshot';
  const reading: PlatformReading = snapshot ? { stated: false } : readPlatform(judged.flat(), options.platform);
  const copies = snapshot ? judged : judged.map((list) => list.map((copy) => checkCopyPlatform(copy, reading, manifest.platforms)));
  // Stage 3: rows from their installed copies.
  const decided = manifest.files.map((row, index) => {
    const found = decideRow(row, copies[index]!, options.unlisted, options.folderLinks);
    const server = reading.platform;
    if (server !== undefined && row.platform !== undefined && row.platform !== server && tableCovers(manifest, server)) {
      // A table split per platform, on a server of one of its platforms: the other platform's rows do not apply.
      if (found.copies.every((copy) => copy.status !== 'outdated' || copy.reason !== 'wrong-platform')) {
        return { ...found, status: 'not-applicable' as const, reason: 'other-platform' as const, args: { platform: row.platform, server } };
      }
    }
    return found;
  });
  const first = judgeManifest(decided, options);
  // In a fix that applies, a platform row whose copies are all another platform's build, with no row of its
  // name for that platform, is not in a table split per platform: this machine's build of it is not there.
  const rows =
    first.verdict === 'not-applicable'
      ? decided
      : decided.map((row, index) =>
          platformUncovered(decided, index)
            ? platformMissing(row)
            : platformAbsentHere(decided, index)
              ? platformAbsent(row, decided)
              : row,
        );
  const judgement = rows.every((row, index) => row === decided[index]) ? first : judgeManifest(rows, options);
  return {
    id: manifest.id,
    title: manifest.title,
    product: manifest.productVersion ? `${manifest.product} ${manifest.productVersion}` : manifest.product,
    ...(manifest.component ? { component: manifest.component } : {}),
    branch: loaded.branch ?? null,
    source: loaded.source,
    verdict: judgement.verdict,
    ...(judgement.reason ? { reason: judgement.reason } : {}),
    counts: countStatuses(rows),
    rows,
  };
}

/** True when row `index` is for another platform and no other row of its name judged the copies found. */
function platformUncovered(rows: readonly RowFinding[], index: number): boolean {
  const row = rows[index]!;
  if (row.status !== 'not-applicable' || row.reason !== 'other-platform' || row.args['server'] !== undefined) return false;
  const names = new Set([row.name, ...(row.aliases ?? [])].map((name) => name.toLowerCase()));
  return !rows.some(
    (other, at) =>
      at !== index &&
      !(other.status === 'not-applicable' && other.reason === 'other-platform') &&
      [other.name, ...(other.aliases ?? [])].some((name) => names.has(name.toLowerCase())),
  );
}

/** The row as missing: its copies are builds for another platform, not the file this row names. */
function platformMissing(row: RowFinding): RowFinding {
  const builds = row.copies.map((copy) => `${copy.path} (${copy.machine ?? 'another platform'})`);
  return { ...row, status: 'missing', reason: 'no-build-for-platform', args: { platform: row.platform, builds } };
}

/** The machine types of every installed copy found for the manifest. */
function machinesFound(rows: readonly RowFinding[]): Set<string> {
  return new Set(
    rows
      .flatMap((row) => row.copies.filter((copy) => copy.role === 'installed').map((copy) => copy.machine))
      .filter((machine): machine is string => machine !== undefined),
  );
}

/**
 * A platform row with no copy at all, in a table split per platform whose rows for another platform
 * meet, on a target where no file is built for this row's platform: an Alpha-only file of a split
 * table on an Intel server does not apply there, it is not missing.
 */
function platformAbsentHere(rows: readonly RowFinding[], index: number): boolean {
  const row = rows[index]!;
  if (row.status !== 'missing' || row.platform === undefined || row.copies.length > 0) return false;
  const machines = machinesFound(rows);
  return (
    machines.size > 0 &&
    !machines.has(row.platform) &&
    rows.some((other) => other.platform !== undefined && other.platform !== row.platform && other.status === 'meets')
  );
}

/** The row as not applicable: the target is built for another platform. */
function platformAbsent(row: RowFinding, rows: readonly RowFinding[]): RowFinding {
  return { ...row, status: 'not-applicable', reason: 'other-platform', args: { platform: row.platform, found: [...machinesFound(rows)] } };
}
