/**
 * Structural and semantic validation of a parsed manifest document.
 * Hand-written rather than a JSON Schema engine so that scans start fast and every
 * message names the JSON path and the offending value; test/manifestSchema.test.ts
 * checks that manifests/manifest.schema.json accepts and rejects the same documents.
 */
// The three functions alone, not the whole package: `import 'semver'` costs 15-20 ms of every run's start-up.
import semverMajor from 'semver/functions/major.js';
import semverPrerelease from 'semver/functions/prerelease.js';
import semverValid from 'semver/functions/valid.js';
import { versionProblem } from '../version/windowsVersion.js';
import { isIsoDate } from '../version/isoDate.js';
import { MANIFEST_FORMAT_VERSION, PLATFORMS as PLATFORM_LIST, type Manifest } from './types.js';

const PLATFORMS: readonly string[] = PLATFORM_LIST;

/** One thing wrong with a manifest: where (JSON path), the value found, and the problem. */
export interface ManifestProblem {
  readonly path: string;
  readonly problem: string;
}

const TOP_FIELDS = new Set([
  '$schema',
  'formatVersion',
  'id',
  'title',
  'product',
  'productVersion',
  'branch',
  'component',
  'language',
  'rule',
  'date',
  'files',
  'notes',
  'kind',
  'install',
  'platforms',
  'packagePlatform',
  'serviceBranch',
  'servicePack',
  'rowBranches',
  'packages',
]);
const FILE_FIELDS = new Set([
  'name',
  'version',
  'aliases',
  'platform',
  'size',
  'sha256',
  'folder',
  'date',
  'kbVersion',
  'kbSize',
  'kbDate',
  'note',
  'path',
  'serviceBranch',
  'servicing',
  'component',
]);
/**
 * A KB table's rows. A Windows cumulative update lists about 4,000 files per platform (and a per-platform
 * file-information CSV up to about 15,000 rows with its servicing manifests), so KB manifests may hold up to
 * 50,000 rows; loading and validating one that size takes well under a second (npm run bench).
 */
const MAX_FILES = 50_000;
/** A snapshot lists every file of an image, so it may hold more rows than a KB table. */
const MAX_SNAPSHOT_FILES = 200_000;
const KINDS = ['kb', 'snapshot'];

/** Why `path` is not a plain relative path, or undefined when it is. */
function relativePathProblem(path: string): string | undefined {
  if (path.includes('\\')) return 'must use "/" between folders, not "\\"';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative to the target, not absolute';
  if (path.includes('\u0000')) return 'must not hold a NUL character';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return 'must not have empty, "." or ".." parts';
  return undefined;
}

/** A name a row can match: no folder separators, wildcards, drive colons or NUL (the schema's fileName). */
function isPlainFileName(name: string): boolean {
  return !/[\\/:*?"<>|\u0000]/.test(name);
}

function show(value: unknown): string {
  // JSON.parse turns 1e400 into Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed JSON value against manifest format 1; returns every problem found, in document order. */
export function validateManifest(doc: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const report = (path: string, problem: string) => problems.push({ path, problem });

  if (!isObject(doc)) {
    report('$', `expected an object, found ${show(doc)}`);
    return problems;
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_FIELDS.has(key)) report(`$.${key}`, `unknown field (allowed: ${[...TOP_FIELDS].join(', ')})`);
  }

  const requireString = (obj: Record<string, unknown>, key: string, path: string, required: boolean): string | undefined => {
    const value = obj[key];
    if (value === undefined) {
      if (required) report(`${path}.${key}`, 'missing required field');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      report(`${path}.${key}`, `expected a non-empty string, found ${show(value)}`);
      return undefined;
    }
    return value;
  };

  const format = requireString(doc, 'formatVersion', '$', true);
  if (format !== undefined) {
    // valid() also takes "v1.0.0", "=1.0.0", " 1.0.0" and drops build metadata: only its own output is the plain form the schema allows.
    if (semverValid(format) !== format)
      report('$.formatVersion', `${show(format)} is not a semantic version MAJOR.MINOR.PATCH such as "${MANIFEST_FORMAT_VERSION}"`);
    // Same as satisfies(format, '^M.0.0'): the same major, and not a pre-release.
    else if (semverMajor(format) !== semverMajor(MANIFEST_FORMAT_VERSION) || semverPrerelease(format) !== null) {
      report(
        '$.formatVersion',
        `${show(format)} is a manifest format this version of hotfix-verify cannot read (it reads ` +
          `${semverMajor(MANIFEST_FORMAT_VERSION)}.x)`,
      );
    }
  }
  const id = requireString(doc, 'id', '$', true);
  if (id !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
    report('$.id', `${show(id)} must be letters, digits, ".", "_" or "-" (e.g. "Q254943")`);
  requireString(doc, 'title', '$', true);
  requireString(doc, 'product', '$', true);
  requireString(doc, 'productVersion', '$', false);
  requireString(doc, 'component', '$', false);
  requireString(doc, '$schema', '$', false);
  const branch = requireString(doc, 'branch', '$', false);
  if (branch !== undefined && !/^\d{1,5}\.\d{1,5}(\.\d{1,5})?$/.test(branch))
    report('$.branch', `${show(branch)} must be "major.minor", e.g. "5.0" (or "major.minor.build", e.g. "15.2.792")`);
  requireString(doc, 'serviceBranch', '$', false);
  requireString(doc, 'servicePack', '$', false);
  const packagePlatform = doc['packagePlatform'];
  if (packagePlatform !== undefined && (typeof packagePlatform !== 'string' || !PLATFORMS.includes(packagePlatform)))
    report('$.packagePlatform', `${show(packagePlatform)} is not a known platform (allowed: ${PLATFORMS.join(', ')})`);
  const rowBranches = doc['rowBranches'];
  if (rowBranches !== undefined && typeof rowBranches !== 'boolean')
    report('$.rowBranches', `expected true or false, found ${show(rowBranches)}`);
  const packages = doc['packages'];
  if (packages !== undefined) {
    if (!Array.isArray(packages)) report('$.packages', `expected an array of { "name", "sha1"?, "sha256"? }, found ${show(packages)}`);
    else {
      packages.forEach((entry: unknown, k: number) => {
        const at = `$.packages[${k}]`;
        if (!isObject(entry)) {
          report(at, `expected an object { "name", "sha1"?, "sha256"? }, found ${show(entry)}`);
          return;
        }
        for (const key of Object.keys(entry))
          if (key !== 'name' && key !== 'sha1' && key !== 'sha256') report(`${at}.${key}`, 'unknown field (allowed: name, sha1, sha256)');
        const packageName = requireString(entry, 'name', at, true);
        if (packageName !== undefined && !isPlainFileName(packageName))
          report(`${at}.name`, `${show(packageName)} is not a plain file name`);
        const sha1 = entry['sha1'];
        if (sha1 !== undefined && (typeof sha1 !== 'string' || !/^[0-9a-fA-F]{40}$/.test(sha1)))
          report(`${at}.sha1`, `expected 40 hex digits, found ${show(sha1)}`);
        const sha256 = entry['sha256'];
        if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256)))
          report(`${at}.sha256`, `expected 64 hex digits, found ${show(sha256)}`);
      });
    }
  }
  const rule = doc['rule'];
  if (rule === undefined) report('$.rule', 'missing required field');
  else if (rule !== 'or-later') report('$.rule', `${show(rule)} is not a known rule (allowed: "or-later")`);
  const date = requireString(doc, 'date', '$', false);
  if (date !== undefined && !isIsoDate(date)) report('$.date', `${show(date)} is not a date YYYY-MM-DD`);

  const language = doc['language'];
  if (language !== undefined) {
    if (!isObject(language)) report('$.language', `expected an object { "name", "id" }, found ${show(language)}`);
    else {
      for (const key of Object.keys(language))
        if (key !== 'name' && key !== 'id') report(`$.language.${key}`, 'unknown field (allowed: name, id)');
      requireString(language, 'name', '$.language', true);
      const langId = requireString(language, 'id', '$.language', true);
      if (langId !== undefined && !/^0x[0-9A-Fa-f]{4}$/.test(langId))
        report('$.language.id', `${show(langId)} must be a Windows language id in hex, e.g. "0x0409"`);
    }
  }

  const kind = doc['kind'];
  if (kind !== undefined && (typeof kind !== 'string' || !KINDS.includes(kind)))
    report('$.kind', `${show(kind)} is not a known kind (allowed: ${KINDS.join(', ')})`);
  const snapshot = kind === 'snapshot';

  const install = doc['install'];
  if (install !== undefined) {
    if (!isObject(install)) report('$.install', `expected an object { "root", "folders" }, found ${show(install)}`);
    else {
      for (const key of Object.keys(install))
        if (key !== 'root' && key !== 'folders') report(`$.install.${key}`, 'unknown field (allowed: root, folders)');
      const root = requireString(install, 'root', '$.install', true);
      if (root !== undefined && !isPlainFileName(root))
        report('$.install.root', `${show(root)} must be one folder name (the product's root folder, e.g. "exchsrvr")`);
      const folders = install['folders'];
      if (!Array.isArray(folders) || folders.length === 0 || folders.some((f) => typeof f !== 'string')) {
        report('$.install.folders', `expected a non-empty array of folders relative to the root, found ${show(folders)}`);
      } else {
        folders.forEach((folder: string, k: number) => {
          const problem = relativePathProblem(folder);
          if (problem) report(`$.install.folders[${k}]`, `${show(folder)} ${problem}`);
        });
      }
    }
  }
  const platforms = doc['platforms'];
  if (platforms !== undefined) {
    if (!Array.isArray(platforms) || platforms.length === 0)
      report('$.platforms', `expected a non-empty array of platforms, found ${show(platforms)}`);
    else {
      platforms.forEach((platform: unknown, k: number) => {
        if (typeof platform !== 'string' || !PLATFORMS.includes(platform))
          report(`$.platforms[${k}]`, `${show(platform)} is not a known platform (allowed: ${PLATFORMS.join(', ')})`);
        else if (platforms.indexOf(platform) !== k) report(`$.platforms[${k}]`, `${show(platform)} is listed twice`);
      });
    }
  }

  const notes = doc['notes'];
  if (notes !== undefined && (!Array.isArray(notes) || notes.some((n) => typeof n !== 'string'))) {
    report('$.notes', `expected an array of strings, found ${show(notes)}`);
  }

  const files = doc['files'];
  if (files === undefined) {
    report('$.files', 'missing required field');
    return problems;
  }
  if (!Array.isArray(files)) {
    report('$.files', `expected an array of file rows, found ${show(files)}`);
    return problems;
  }
  if (files.length === 0) report('$.files', 'the file list is empty: a manifest must name at least one file');
  const maxFiles = snapshot ? MAX_SNAPSHOT_FILES : MAX_FILES;
  if (files.length > maxFiles) {
    report('$.files', `${files.length} rows is more than the ${maxFiles} a ${snapshot ? 'snapshot ' : ''}manifest may hold`);
    return problems;
  }

  const seen = new Map<string, number>();
  /** For each lower-cased name, the index of its first row for some platform: a row for every platform clashes with it. */
  const firstOfName = new Map<string, number>();
  const branches = new Set<string>();
  files.forEach((row: unknown, index: number) => {
    const path = `$.files[${index}]`;
    if (!isObject(row)) {
      report(path, `expected a file row { "name", "version" }, found ${show(row)}`);
      return;
    }
    for (const key of Object.keys(row)) {
      if (!FILE_FIELDS.has(key)) report(`${path}.${key}`, `unknown field (allowed: ${[...FILE_FIELDS].join(', ')})`);
    }
    const name = requireString(row, 'name', path, true);
    if (name !== undefined && !isPlainFileName(name))
      report(`${path}.name`, `${show(name)} is not a plain file name (no folders or wildcards)`);
    if (!('version' in row)) report(`${path}.version`, 'missing required field (a version "a.b.c.d", or null where the KB says N/A)');
    const version = row['version'];
    if (version !== null && version !== undefined) {
      if (typeof version !== 'string') report(`${path}.version`, `expected a version string or null, found ${show(version)}`);
      else {
        const problem = versionProblem(version);
        if (problem)
          report(`${path}.version`, `${show(version)} is not a Windows version (major.minor.build.revision, each 0-65535): ${problem}`);
        else branches.add(version.split('.').slice(0, 2).join('.'));
      }
    }
    const aliases = row['aliases'];
    const names: string[] = name ? [name] : [];
    if (aliases !== undefined) {
      if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.trim() === '')) {
        report(`${path}.aliases`, `expected an array of file names, found ${show(aliases)}`);
      } else {
        // An alias is matched like the name, so it must be a plain file name too (as the schema says).
        aliases.forEach((alias: string, k: number) => {
          if (!isPlainFileName(alias)) report(`${path}.aliases[${k}]`, `${show(alias)} is not a plain file name (no folders or wildcards)`);
        });
        names.push(...(aliases as string[]));
      }
    }
    const platform = row['platform'];
    if (platform !== undefined && (typeof platform !== 'string' || !PLATFORMS.includes(platform))) {
      report(`${path}.platform`, `${show(platform)} is not a known platform (allowed: ${PLATFORMS.join(', ')})`);
    }
    const size = row['size'];
    if (size !== undefined && (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)) {
      report(`${path}.size`, `expected a size in bytes (a whole number), found ${show(size)}`);
    }
    const sha256 = row['sha256'];
    if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256))) {
      report(`${path}.sha256`, `expected 64 hex digits, found ${show(sha256)}`);
    }
    requireString(row, 'folder', path, false);
    requireString(row, 'note', path, false);
    requireString(row, 'serviceBranch', path, false);
    requireString(row, 'component', path, false);
    const servicing = row['servicing'];
    if (servicing !== undefined && typeof servicing !== 'boolean')
      report(`${path}.servicing`, `expected true or false, found ${show(servicing)}`);
    for (const key of ['kbVersion', 'kbSize', 'kbDate']) {
      const printed = row[key];
      if (printed !== undefined && typeof printed !== 'string') report(`${path}.${key}`, `expected a string, found ${show(printed)}`);
    }
    const rowDate = requireString(row, 'date', path, false);
    if (rowDate !== undefined && !isIsoDate(rowDate)) report(`${path}.date`, `${show(rowDate)} is not a date YYYY-MM-DD`);

    const pinned = requireString(row, 'path', path, false);
    if (pinned !== undefined) {
      const problem = relativePathProblem(pinned);
      if (problem) report(`${path}.path`, `${show(pinned)} ${problem}`);
      else if (name !== undefined && !names.some((each) => each.toLowerCase() === pinned.split('/').pop()!.toLowerCase())) {
        report(`${path}.path`, `${show(pinned)} does not end in the row's name ${show(name)} (or one of its aliases)`);
      }
    }

    // Rows pinned to a path are told apart by the path: an image may hold many files of one name.
    const keys: [string, string][] =
      pinned !== undefined
        ? [[`path:${pinned.toLowerCase()}`, pinned]]
        : names.map((each) => [`${each.toLowerCase()}|${typeof platform === 'string' ? platform : '*'}`, each]);
    for (const [key, each] of keys) {
      // A row for every platform ('*') and a row for one platform would judge the same copies twice.
      // (A map of first rows per name, not a search of every key: a cumulative update has thousands of rows.)
      const [name, rowPlatform] = key.split('|') as [string, string | undefined];
      const first =
        seen.get(key) ?? (rowPlatform === undefined ? undefined : rowPlatform === '*' ? firstOfName.get(name) : seen.get(`${name}|*`));
      if (first !== undefined)
        report(
          `${path}.${pinned !== undefined ? 'path' : 'name'}`,
          `${show(each)} is listed twice (also at $.files[${first}]); ${pinned !== undefined ? 'paths' : 'names'} match case-insensitively`,
        );
      else {
        seen.set(key, index);
        if (rowPlatform !== undefined && !firstOfName.has(name)) firstOfName.set(name, index);
      }
    }
  });

  if (branch === undefined && !snapshot && rowBranches !== true && branches.size > 1) {
    report(
      '$.files',
      `rows require versions of several product branches (${[...branches].join(', ')}); split the manifest per branch or set "branch"`,
    );
  }
  return problems;
}

/** Narrowing helper: a document with no problems is a Manifest. */
export function isValidManifest(doc: unknown): doc is Manifest {
  return validateManifest(doc).length === 0;
}
