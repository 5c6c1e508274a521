/**
 * Which copy the server runs. Windows keeps old copies on purpose (hotfix uninstall folders,
 * dllcache, the WinSxS store); a manifest may say where its product installs its files. Only
 * `installed` copies decide a row; the others are listed and never decide.
 */
import type { CopyRole } from '../model/finding.js';
import type { InstallLayout } from '../model/manifest.js';

/** Folders Windows (and hotfix installers) fill with copies kept for uninstall or repair, matched per path segment. */
const BACKUP_FOLDERS: readonly RegExp[] = [
  // $NtUninstallQ254943$, $NtUninstallKB890830$, $NtServicePackUninstall$, $MSI31Uninstall_KB893803v2$
  /^\$.*uninstall.*\$$/i,
  /^\$hf_mig\$$/i,
  /^servicepackfiles$/i,
  /^dllcache$/i,
  /^softwaredistribution$/i,
];

/** How the scan is told where the product lives. */
export interface InstallContext {
  /** The manifest's install layout, if it states one. */
  readonly layout?: InstallLayout;
  /** --install-root: the product's root folder relative to the target ("" or "." for the target itself), "/"-separated. */
  readonly root?: string;
  /** The last segment of the target's own path ("exchsrvr" for a scan of \\EXCH01\d$\exchsrvr), if it is a folder. */
  readonly targetName?: string;
}

/** The install root as a list of lower-cased segments ("." and "" are the target itself). */
export function rootSegments(root: string): string[] {
  return root
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => segment.toLowerCase());
}

function startsWith(folders: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= folders.length && prefix.every((segment, i) => folders[i] === segment);
}

function sameSegments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, i) => b[i] === segment);
}

/** The role of a copy at `path` (relative to the target, "/"-separated). */
export function copyRole(path: string, context: InstallContext): CopyRole {
  // An archive entry that climbs out of the image (../, /abs, C:/) could land anywhere when extracted,
  // over the installed file too: it always decides (fail closed), and its row says it was refused.
  if (/^([A-Za-z]:)?\//.test(path) || path.split('/').includes('..')) return 'installed';
  const folders = path.split('/').slice(0, -1);
  const lower = folders.map((segment) => segment.toLowerCase());
  const store = lower.indexOf('winsxs');
  if (store >= 0) return lower[store + 1] === 'backup' ? 'backup' : 'component-store';
  if (folders.some((segment) => BACKUP_FOLDERS.some((pattern) => pattern.test(segment)))) return 'backup';
  const root = context.root === undefined ? undefined : rootSegments(context.root);
  const layout = context.layout;
  if (layout === undefined) return root === undefined || startsWith(lower, root) ? 'installed' : 'outside';
  for (const folder of layout.folders) {
    const inner = rootSegments(folder);
    if (lower.length < inner.length || !sameSegments(lower.slice(lower.length - inner.length), inner)) continue;
    const prefix = lower.slice(0, lower.length - inner.length);
    if (root !== undefined) {
      if (sameSegments(prefix, root)) return 'installed';
      continue;
    }
    // The product root under its default name, or the target itself when it bears that name (a scan of \\EXCH01\d$\exchsrvr).
    // A top-level bin folder of a drive is not taken for the product's: an unusual root is named with --install-root.
    const rootName = layout.root.toLowerCase();
    if (prefix.length > 0 ? prefix[prefix.length - 1] === rootName : context.targetName?.toLowerCase() === rootName) return 'installed';
  }
  return 'outside';
}
