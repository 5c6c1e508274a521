/**
 * The files hotfix-verify.exe carries inside itself (the bundled manifests, the catalog and the tool's
 * version), served under a folder that exists nowhere on disk: `<folder of the .exe>\hotfix-verify.bundled`.
 * The code reads them as it reads them from a checkout (paths made from `import.meta.url`), through the
 * fs shims beside this file; nothing is ever extracted to disk, so nothing can be swapped there.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Project-relative path ("/"-separated) → content. Empty when compiled by tsc; the exe build puts the files in. */
export const BUNDLED_FILES: Readonly<Record<string, string>> = {};

/** Where the bundled files seem to live. The name cannot be mistaken for a file anyone wrote: nothing there is read from disk. */
export const BUNDLED_ROOT = path.join(path.dirname(process.execPath), 'hotfix-verify.bundled');

/** The `import.meta.url` a bundled module had in the checkout (`dist/src/toolInfo.js`), re-rooted under BUNDLED_ROOT. */
export function bundledModuleUrl(projectPath: string): string {
  return pathToFileURL(path.join(BUNDLED_ROOT, ...projectPath.split('/'))).href;
}

/** What a path is inside BUNDLED_ROOT: a bundled file, a folder of them, absent; undefined for a path outside it. */
export type BundledLookup = { kind: 'file'; text: string } | { kind: 'folder'; names: string[]; folders: Set<string> } | { kind: 'absent' };

/** Looks up `file` (a path, Buffer or file URL) among the bundled files; undefined when it lies outside BUNDLED_ROOT. */
export function lookUpBundled(file: unknown): BundledLookup | undefined {
  const text =
    typeof file === 'string' ? file : Buffer.isBuffer(file) ? file.toString('utf8') : file instanceof URL ? file.href : undefined;
  if (text === undefined) return undefined;
  const absolute = path.resolve(text.startsWith('file:') ? fileURLToPath(text) : text);
  const relative = path.relative(BUNDLED_ROOT, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const key = relative.split(path.sep).join('/');
  const content = BUNDLED_FILES[key];
  if (content !== undefined) return { kind: 'file', text: content };
  const prefix = key === '' ? '' : `${key}/`;
  const names: string[] = [];
  const folders = new Set<string>();
  for (const each of Object.keys(BUNDLED_FILES)) {
    if (!each.startsWith(prefix)) continue;
    const [name, ...rest] = each.slice(prefix.length).split('/');
    if (names.includes(name!)) continue;
    names.push(name!);
    if (rest.length > 0) folders.add(name!);
  }
  return names.length > 0 ? { kind: 'folder', names: names.sort(), folders } : { kind: 'absent' };
}

/** The ENOENT error fs would give, so errnoWords words it as for any missing file. */
export function notFound(syscall: string, file: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${syscall} '${String(file)}'`), {
    code: 'ENOENT',
    errno: -2,
    syscall,
    path: String(file),
  });
}

/** A Stats-like answer for a bundled file or folder: what readUserFile and the manifest loaders ask. */
export function bundledStats(found: BundledLookup & { kind: 'file' | 'folder' }) {
  const isFile = found.kind === 'file';
  const size = isFile ? Buffer.byteLength(found.text) : 0;
  return {
    size,
    mtimeMs: 0,
    mtime: new Date(0),
    isFile: () => isFile,
    isDirectory: () => !isFile,
    isSymbolicLink: () => false,
    isFIFO: () => false,
    isSocket: () => false,
    isBlockDevice: () => false,
    isCharacterDevice: () => false,
  };
}

/** A Dirent-like entry of a bundled folder. */
export function bundledDirent(name: string, folder: boolean, parentPath: string) {
  return {
    name,
    parentPath,
    path: parentPath,
    isFile: () => !folder,
    isDirectory: () => folder,
    isSymbolicLink: () => false,
    isFIFO: () => false,
    isSocket: () => false,
    isBlockDevice: () => false,
    isCharacterDevice: () => false,
  };
}

/** A file's content in the encoding asked (`'utf8'` or `{ encoding }`), or as a Buffer. */
export function encoded(text: string, options: unknown): string | Buffer {
  const encoding = (typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding) as
    | BufferEncoding
    | undefined;
  const bytes = Buffer.from(text, 'utf8');
  return encoding ? bytes.toString(encoding) : bytes;
}
