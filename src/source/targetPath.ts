/**
 * The one place that turns a scan target and a report path ("/"-separated, relative to the
 * target) into a file-system path, and back. Windows needs its own care:
 * - a `\\?\` (or `\\.\`) path is handed to the kernel as it is: Windows does not normalise it,
 *   so a "/" after the prefix is a literal character and the file is not found, and
 *   `\\?\C:` (no backslash) is the volume, not its root folder;
 * - drive letters, `\\server\share` and `\\?\UNC\server\share` name the same folders in
 *   several spellings, and names compare case-insensitively.
 * Every function takes the path flavour (`path.win32` or `path.posix`) so tests run the
 * Windows rules on any platform.
 */
import path from 'node:path';

/** `path.win32` or `path.posix` (the default: this platform's). */
export type PathFlavour = path.PlatformPath;

/** `\\?\` or `\\.\` followed by the rest: a Win32 device path, which Windows does not normalise. */
const DEVICE_PREFIX = /^[\\/][\\/][?.][\\/]/;
/** `\\?\C:` with nothing after the colon: the volume, whose root folder is `\\?\C:\`. */
const DEVICE_DRIVE_ONLY = /^\\\\[?.]\\[A-Za-z]:$/;
/** `\\?\UNC\server\share...`: the device spelling of `\\server\share...`. */
const DEVICE_UNC = /^\\\\[?.]\\UNC\\/i;
/** `\\?\C:...`: the device spelling of `C:...`. */
const DEVICE_DRIVE = /^\\\\[?.]\\(?=[A-Za-z]:)/;

/** True for a Windows device path (`\\?\C:\...`, `\\?\UNC\server\share\...`, `\\.\...`). */
export function isDevicePath(target: string): boolean {
  return DEVICE_PREFIX.test(target);
}

/**
 * The absolute path of a target for the file system. Ordinary paths are resolved as usual
 * (relative ones against the working folder, `/` and repeated separators normalised on
 * Windows). A `\\?\` path is kept as typed, only its separators made backslashes (a "/" can
 * never be part of a Windows name) and `\\?\C:` given its root backslash: resolving it would
 * turn `\\?\C:\` into the volume `\\?\C:`.
 */
export function resolveTarget(target: string, flavour: PathFlavour = path): string {
  if (flavour.sep !== '\\' || !isDevicePath(target)) return flavour.resolve(target);
  const kept = `\\\\${target[2]}\\${target
    .slice(4)
    .replace(/[\\/]+/g, '\\')
    .replace(/(?<=.)\\$/, '')}`;
  return DEVICE_DRIVE_ONLY.test(kept) ? `${kept}\\` : kept;
}

/**
 * The file-system path of `relative` ("/"-separated, as reports show it; "" for the root)
 * under `root` (absolute, from resolveTarget): joined with the flavour's separator and
 * nothing else changed, so a `\\?\` root stays valid and a name is opened by its exact
 * spelling.
 */
export function joinUnder(root: string, relative: string, flavour: PathFlavour = path): string {
  const windows = flavour.sep === '\\';
  const base = windows && DEVICE_DRIVE_ONLY.test(root) ? `${root}\\` : root;
  if (relative === '') return base;
  const tail = windows ? relative.replace(/\//g, '\\') : relative;
  const last = base[base.length - 1];
  const endsInSeparator = last === flavour.sep || (windows && last === '/');
  return endsInSeparator ? `${base}${tail}` : `${base}${flavour.sep}${tail}`;
}

/** `\\?\C:\x` as `C:\x` and `\\?\UNC\srv\share\x` as `\\srv\share\x`: one spelling per folder, for comparing. */
function withoutDevicePrefix(absolute: string): string {
  if (DEVICE_UNC.test(absolute)) return `\\\\${absolute.slice(8)}`;
  return absolute.replace(DEVICE_DRIVE, '');
}

/**
 * Where `full` lies under `root` (both absolute), as reports show it: "/"-separated, "" for
 * the root itself; undefined when `full` is outside `root` (another folder, drive or share).
 * On Windows the device and ordinary spellings of a path are the same place, and names
 * compare case-insensitively (realpath gives `C:\Srv` for a target typed `\\?\c:\srv`).
 */
export function relativeUnder(root: string, full: string, flavour: PathFlavour = path): string | undefined {
  const windows = flavour.sep === '\\';
  const from = windows ? withoutDevicePrefix(resolveTarget(root, flavour)) : root;
  const to = windows ? withoutDevicePrefix(resolveTarget(full, flavour)) : full;
  const relative = flavour.relative(from, to);
  if (relative === '') return '';
  if (flavour.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${flavour.sep}`)) return undefined;
  return windows ? relative.replace(/\\/g, '/') : relative;
}
