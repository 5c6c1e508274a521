/** Sets of manifests: a folder of them, the bundled catalogs, and the rule that ids are unique across a scan. */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ManifestError } from './errors.js';
import { BUNDLED_MANIFEST_DIR, DEFAULT_MANIFEST_ID, loadBundledManifest, loadManifest } from './loadManifest.js';
import type { LoadedManifest } from './types.js';

/** A catalog shipped with hotfix-verify: a folder under manifests/catalog/, plus manifests kept elsewhere under manifests/. */
export interface BundledCatalog {
  readonly name: string;
  readonly description: string;
  /** Folder relative to manifests/. */
  readonly folder: string;
  /** Manifest files relative to manifests/ that belong to the catalog but live outside its folder. */
  readonly extra: readonly string[];
}

/** The bundled catalogs, by name; the first is the one `scan --catalog` checks. */
export const BUNDLED_CATALOGS: readonly BundledCatalog[] = [
  {
    name: 'exchange-5.0',
    description: 'every KB article with a file table for Microsoft Exchange Server 5.0 (and the 5.5 sections of the same articles)',
    folder: 'catalog/exchange-5.0',
    // Q254943 is the default manifest of `scan` and stays at manifests/Q254943.json; the catalog folder does not repeat it.
    extra: [`${DEFAULT_MANIFEST_ID}.json`],
  },
];

/** True for a file name that is a manifest in a folder of manifests: *.json, but not a JSON Schema. */
export function isManifestFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.json') && !name.toLowerCase().endsWith('.schema.json');
}

/** Loads every *.json manifest directly in `dir` (not in subfolders), in file-name order. Throws ManifestError. */
export async function loadManifestFolder(dir: string, label = (file: string) => file): Promise<LoadedManifest[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => !entry.isDirectory() && isManifestFileName(entry.name))
      .map((entry) => entry.name);
  } catch (error) {
    throw new ManifestError('manifest-unreadable', dir, 'folder', `cannot be listed: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new ManifestError('manifest-unreadable', dir, 'folder', 'holds no *.json manifest');
  names.sort();
  const loaded = await Promise.all(names.map((name) => loadManifest(path.join(dir, name))));
  return loaded.map((one) => ({ ...one, source: label(one.source) }));
}

/** Loads what a `--manifest` value names: one manifest file, or every manifest in a folder. */
export async function loadManifestPath(file: string): Promise<LoadedManifest[]> {
  const info = await stat(file).catch(() => undefined);
  return info?.isDirectory() ? loadManifestFolder(file) : [await loadManifest(file)];
}

/** Loads a bundled catalog by name (default: the first); sources read "<bundled>/catalog/exchange-5.0/Q192595-5.0.json". */
export async function loadBundledCatalog(name: string = BUNDLED_CATALOGS[0]!.name): Promise<LoadedManifest[]> {
  const catalog = BUNDLED_CATALOGS.find((each) => each.name === name);
  if (catalog === undefined)
    throw new ManifestError(
      'manifest-unreadable',
      name,
      'catalog',
      `no such bundled catalog (known: ${BUNDLED_CATALOGS.map((each) => each.name).join(', ')})`,
    );
  const bundled = (file: string) => `<bundled>/${path.relative(BUNDLED_MANIFEST_DIR, file).split(path.sep).join('/')}`;
  const extra = await Promise.all(
    catalog.extra.map(async (file) => ({ ...(await loadManifest(path.join(BUNDLED_MANIFEST_DIR, file))), source: `<bundled>/${file}` })),
  );
  const inFolder = await loadManifestFolder(path.join(BUNDLED_MANIFEST_DIR, ...catalog.folder.split('/')), bundled);
  return [...extra, ...inFolder].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id, 'en'));
}

/** Throws ManifestError naming both files when two manifests of one scan share an id: reports and gates key on ids. */
export function checkUniqueIds(manifests: readonly LoadedManifest[]): void {
  const seen = new Map<string, string>();
  for (const { manifest, source } of manifests) {
    const key = manifest.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ManifestError(
        'manifest-invalid',
        source,
        '$.id',
        `${JSON.stringify(manifest.id)} is also the id of ${first}; manifest ids must be unique across a scan`,
      );
    }
    seen.set(key, source);
  }
}

/** What a scan checks, as the command line names it. */
export interface ManifestSelection {
  /** Check the bundled catalog (true: the default one). */
  readonly catalog?: boolean;
  /** Manifest files and folders of manifests. */
  readonly manifest?: readonly string[];
}

/** The file behind a manifest's source label: "<bundled>/X" is X under the bundled manifests folder. */
function bundledPath(source: string): string {
  return source.startsWith('<bundled>/') ? path.join(BUNDLED_MANIFEST_DIR, ...source.slice('<bundled>/'.length).split('/')) : source;
}

/** A file's real path (links resolved), or its absolute path when it cannot be resolved. */
async function realFile(file: string): Promise<string> {
  return realpath(file).catch(() => path.resolve(file));
}

/**
 * Loads the manifests a scan checks: the bundled catalog and every file or
 * folder named, or the default manifest (Q254943) when nothing is named.
 * `catalog` is true when the manifests are a catalog of fixes (--catalog, or a
 * folder of manifests) rather than fixes named one by one; it then applies to
 * every manifest of the scan, files named alongside included. Throws
 * ManifestError, also when two manifests share an id.
 */
export async function loadManifestSelection(selection: ManifestSelection): Promise<{ manifests: LoadedManifest[]; catalog: boolean }> {
  const manifests: LoadedManifest[] = selection.catalog ? await loadBundledCatalog() : [];
  let catalog = selection.catalog === true;
  // One file is checked once, however it is named: --catalog with -m manifests/Q254943.json, or -m a.json -m ./a.json.
  const seen = new Set(await Promise.all(manifests.map((loaded) => realFile(bundledPath(loaded.source)))));
  const add = async (loaded: LoadedManifest, file: string) => {
    const real = await realFile(file);
    if (seen.has(real)) return;
    seen.add(real);
    manifests.push(loaded);
  };
  for (const file of selection.manifest ?? []) {
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      // A folder of manifests is a catalog; a file named on its own is a fix the user asks for.
      catalog = true;
      for (const loaded of await loadManifestFolder(file)) await add(loaded, loaded.source);
    } else await add(await loadManifest(file), file);
  }
  if (manifests.length === 0) manifests.push(await loadBundledManifest());
  checkUniqueIds(manifests);
  return { manifests, catalog };
}
