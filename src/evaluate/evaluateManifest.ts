/** Pure judgement of a manifest from the copies found: roles, platform, rows, then the manifest's verdict. */
import { type CopyRole, STATUSES, type ManifestFinding, type RowFinding, type Status } from '../model/finding.js';
import type { LoadedManifest, Manifest, ManifestFile, Platform } from '../model/manifest.js';
import type { Observation } from '../model/observation.js';
import { branchOf, parseVersion } from '../version/windowsVersion.js';
import { copyRole, type InstallContext } from './copyRole.js';
import { evaluateCopy } from './evaluateCopy.js';
import { decideRow, rowNames } from './evaluateRow.js';
import { checkCopyPlatform, readPlatform, type PlatformReading } from './platform.js';
import { judgeManifest } from './verdict.js';
import { inComponentStore, isWow64Row, storeComponentOf, systemFolderOf } from './windowsImage.js';

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

/**
 * The role of a copy for one row. A pinned snapshot row's one path is the installed copy; a servicing file
 * (.mum, .manifest, .cat) lives in the component store, so its copies there decide; in a Windows package
 * (packagePlatform), an x86 row of an x64 package is looked for in SysWOW64 and the package's own rows in
 * System32: a copy in the other system folder is not this row's.
 */
function roleFor(row: ManifestFile, manifest: Manifest, path: string, install: InstallContext): CopyRole {
  if (row.path !== undefined) return 'installed';
  const role = copyRole(path, install);
  if (row.servicing === true && role === 'component-store') return 'installed';
  if (role !== 'installed' || manifest.packagePlatform === undefined || row.platform === undefined) return role;
  const folder = systemFolderOf(path);
  if (folder === 'native' && isWow64Row(row, manifest.packagePlatform)) return 'outside';
  if (folder === 'wow64' && !isWow64Row(row, manifest.packagePlatform)) return 'outside';
  return role;
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
  // A table of several products' files (rowBranches) judges each row against the branch of its own version.
  const branchOfRow = (row: ManifestFile) =>
    manifest.rowBranches === true && row.version !== null ? branchOf(parseVersion(row.version)) : loaded.branch;
  const pack = manifest.packagePlatform;
  // Stage 1: every copy judged on its own, with its role.
  const judged = manifest.files.map((row) =>
    rowObservations(row, copiesOf).map((observation) =>
      evaluateCopy(
        { branch: branchOfRow(row), language: manifest.language, row },
        observation,
        roleFor(row, manifest, observation.entry.path, install),
      ),
    ),
  );
  // Stage 2: the platform the installed copies must share (snapshots hold many products: no platform rule). In a Windows
  // package, the copies of its WOW64 rows (x86 files of an x64 package) are guests: they do not vote, and are not wrong.
  const snapshot = manifest.kind === 'snapshot';
  const voters = judged.flatMap((list, index) => (isWow64Row(manifest.files[index]!, pack) ? [] : list));
  const reading: PlatformReading = snapshot ? { stated: false } : readPlatform(voters, options.platform);
  const copies = snapshot
    ? judged
    : judged.map((list, index) => {
        const row = manifest.files[index]!;
        const guest = isWow64Row(row, pack) ? row.platform : undefined;
        return list.map((copy) =>
          guest !== undefined && copy.machine === guest ? copy : checkCopyPlatform(copy, reading, manifest.platforms),
        );
      });
  // Stage 3: rows from their installed copies.
  const decided = manifest.files.map((row, index) => {
    const found = decideRow(row, copies[index]!, options.unlisted, options.folderLinks);
    const server = reading.platform;
    if (pack !== undefined) return packageRow(row, found, pack, server);
    if (server !== undefined && row.platform !== undefined && row.platform !== server && tableCovers(manifest, server)) {
      // A table split per platform, on a server of one of its platforms: the other platform's rows do not apply.
      if (found.copies.every((copy) => copy.status !== 'outdated' || copy.reason !== 'wrong-platform')) {
        return { ...found, status: 'not-applicable' as const, reason: 'other-platform' as const, args: { platform: row.platform, server } };
      }
    }
    return found;
  });
  // Stage 4: a modern Windows image: a file its image lacks because its component is not installed does not apply.
  const stored = snapshot || pack === undefined ? decided : notInstalled(decided);
  const first = judgeManifest(stored, options);
  // In a fix that applies, a platform row whose copies are all another platform's build, with no row of its
  // name for that platform, is not in a table split per platform: this machine's build of it is not there.
  const rows =
    first.verdict === 'not-applicable' || pack !== undefined
      ? stored
      : stored.map((row, index) =>
          platformUncovered(stored, index) ? platformMissing(row) : platformAbsentHere(stored, index) ? platformAbsent(row, stored) : row,
        );
  const judgement = rows.every((row, index) => row === stored[index]) ? first : judgeManifest(rows, options);
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

/**
 * A row of a Windows package (packagePlatform): on a server of another platform the package does not apply; on
 * one of its platform every row applies, its WOW64 rows too, so a row whose copies are all builds for another
 * platform is missing this platform's build (never "for another platform", which would let the fix pass without it);
 * and a row whose only copies sit in the other system folder (an x86 file in System32) is missing where it belongs.
 */
function packageRow(row: ManifestFile, found: RowFinding, pack: Platform, server: Platform | undefined): RowFinding {
  if (server !== undefined && server !== pack) {
    return { ...found, status: 'not-applicable', reason: 'other-platform', args: { platform: pack, server, package: true } };
  }
  if (found.status === 'not-applicable' && found.reason === 'other-platform') return platformMissing(found);
  if (found.status === 'missing' && found.reason === 'outside-install-folders') {
    const elsewhere = found.copies.filter((copy) => copy.role === 'outside');
    const folders = new Set(elsewhere.map((copy) => systemFolderOf(copy.path)));
    if (folders.size === 1 && !folders.has(undefined)) {
      return {
        ...found,
        reason: 'wrong-system-folder',
        args: {
          ...found.args,
          folder: isWow64Row(row, pack) ? 'SysWOW64' : 'System32',
          found: folders.has('native') ? 'System32' : 'SysWOW64',
          platform: row.platform,
        },
      };
    }
  }
  return found;
}

/** The store components (WinSxS folders without version and hash) that hold a row's copies. */
function componentsOf(row: RowFinding): Set<string> {
  const found = new Set<string>();
  for (const copy of row.copies) {
    const component = storeComponentOf(copy.path);
    if (component !== undefined) found.add(component);
  }
  return found;
}

/**
 * Rows of a file the image lacks because its component is not installed (a role, an optional feature), on a target
 * whose component store services the package: some row of the manifest has a copy in WinSxS, and every row with a
 * live copy has one there too (Windows installs a component's live files from the store; a product that installs
 * its own files, or a tree where a live file has no store copy, gets no such rule). Then a row with no live copy is
 * `not-installed` when its file is nowhere under the target (not live, not in the store, not in a backup), or when it
 * is only in the store and every other row of the same store component (a sibling: same WinSxS folder, any version)
 * has no live copy either (the component is staged, not installed). With a sibling live, or with no sibling to tell,
 * it stays missing.
 */
function notInstalled(rows: readonly RowFinding[]): RowFinding[] {
  const live = (row: RowFinding) => row.copies.some((copy) => copy.role === 'installed');
  const stored = (row: RowFinding) => row.copies.some((copy) => inComponentStore(copy.path));
  if (!rows.some(stored) || rows.some((row) => live(row) && !stored(row))) return [...rows];
  const components = rows.map(componentsOf);
  const liveComponents = new Set<string>();
  const siblingCount = new Map<string, number>();
  rows.forEach((row, index) => {
    for (const component of components[index]!) {
      siblingCount.set(component, (siblingCount.get(component) ?? 0) + 1);
      if (live(row)) liveComponents.add(component);
    }
  });
  return rows.map((row, index) => {
    if (row.status !== 'missing' || live(row)) return row;
    if (row.copies.length === 0) {
      return { ...row, status: 'not-applicable' as Status, reason: 'not-installed', args: { where: 'nowhere' } };
    }
    if (!row.copies.every((copy) => copy.role === 'component-store')) return row;
    const own = [...components[index]!];
    const siblings = own.filter((component) => (siblingCount.get(component) ?? 0) > 1);
    const named = { paths: row.copies.slice(0, 3).map((copy) => copy.path), more: Math.max(0, row.copies.length - 3) };
    if (siblings.length > 0 && own.every((component) => !liveComponents.has(component))) {
      return {
        ...row,
        status: 'not-applicable' as Status,
        reason: 'not-installed',
        args: { where: 'store-only', components: own, ...named },
      };
    }
    const liveSibling = own.find((component) => liveComponents.has(component));
    return {
      ...row,
      reason: 'only-component-store',
      args: { ...named, ...(liveSibling !== undefined ? { component: liveSibling } : {}) },
    };
  });
}
