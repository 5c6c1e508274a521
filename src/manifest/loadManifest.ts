/** Loading manifests from files and from the bundled catalog, with errors that name file, place and problem. */
import { readUserText } from '../io/readUserFile.js';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ManifestError } from './errors.js';
import { findDuplicateKey, MAX_JSON_DEPTH, tooDeepAt } from './jsonShape.js';
import { validateManifest } from './validateManifest.js';
import type { LoadedManifest, Manifest } from './types.js';

/**
 * A manifest file larger than this is refused before it is read. An archive article's table is a few KB; a
 * cumulative update's 50,000 rows (component manifests have names of 120 characters) or a snapshot's 200,000
 * rows with paths and digests take tens of MB.
 */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/** The folder holding the manifests shipped with hotfix-verify. */
export const BUNDLED_MANIFEST_DIR = fileURLToPath(new URL('../../../manifests/', import.meta.url));

/** The manifest scanned when the user names none: KB Q254943. */
export const DEFAULT_MANIFEST_ID = 'Q254943';

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * Finds where JSON text first goes wrong. JSON.parse in Node 20 does not say where;
 * jsonc-parser does, and is loaded only on this error path so scans start fast.
 */
function locateJsonError(text: string): { where: string; what: string } {
  const jsonc = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { where: 'JSON', what: 'the text could not be parsed' };
  const words = jsonc
    .printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const found =
    first.offset < text.length
      ? `, found ${JSON.stringify(text.slice(first.offset, first.offset + Math.max(1, Math.min(first.length, 20))))}`
      : ', found the end of the file';
  return { where: lineAndColumn(text, first.offset), what: `${words}${found}` };
}

/** The branch rows are judged against: explicit, or the major.minor shared by the required versions. */
export function resolveBranch(manifest: Manifest): string | undefined {
  if (manifest.branch) return manifest.branch;
  // Several products' files (format 1.2): each row is judged against the branch of its own version.
  if (manifest.rowBranches === true) return undefined;
  // A snapshot holds files of many products: no branch rule, every versioned row is judged "or later" on its own.
  if (manifest.kind === 'snapshot') return undefined;
  const versioned = manifest.files.find((file) => file.version !== null);
  if (versioned?.version) return versioned.version.split('.').slice(0, 2).join('.');
  // A table with dates only ("Windows NT 4.0"): its product version is the branch a dated file must belong to,
  // so a Windows 2000 file (5.0.2195.x) dated after an NT 4.0 row is not taken for that row's file.
  const product = manifest.productVersion?.match(/^(\d{1,5})\.(\d{1,5})$/);
  if (product && manifest.files.some((file) => file.date !== undefined)) return `${Number(product[1])}.${Number(product[2])}`;
  return undefined;
}

/** Parses and validates manifest text; `file` is used in error messages only. Throws ManifestError. */
export function parseManifest(text: string, file: string): LoadedManifest {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const json = text.slice(bom);
  // Before anything recursive sees it: JSON.parse copes with deep nesting, the error reporting would not.
  const deep = tooDeepAt(json);
  if (deep !== undefined) {
    throw new ManifestError(
      'manifest-json',
      file,
      lineAndColumn(text, deep + bom),
      `nested deeper than ${MAX_JSON_DEPTH} levels; a manifest needs 4`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    const { where, what } = locateJsonError(text);
    throw new ManifestError('manifest-json', file, where, `not valid JSON: ${what}`);
  }
  if (Array.isArray(doc)) {
    // What `import` prints for an article with several sections: say how to get files scan reads.
    throw new ManifestError(
      'manifest-invalid',
      file,
      '$',
      'expected an object, found a JSON array: a manifest file holds one manifest (`hotfix-verify import --out DIR` writes one file per ' +
        'manifest)',
    );
  }
  const duplicate = findDuplicateKey(json);
  if (duplicate) {
    throw new ManifestError(
      'manifest-invalid',
      file,
      duplicate.path,
      `the key ${JSON.stringify(duplicate.key)} appears twice in one object (JSON would keep only the last); give it once`,
    );
  }
  const problems = validateManifest(doc);
  const first = problems[0];
  if (first) {
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: ${problems
            .slice(1, 4)
            .map((p) => `${p.path}: ${p.problem}`)
            .join('; ')}${problems.length > 4 ? '; ...' : ''})`
        : '';
    throw new ManifestError('manifest-invalid', file, first.path, `${first.problem}${more}`);
  }
  const manifest = doc as Manifest;
  return { manifest, source: file, branch: resolveBranch(manifest) };
}

/** Reads one manifest file. Throws ManifestError naming the file for every problem. */
export async function loadManifest(file: string): Promise<LoadedManifest> {
  const text = await readUserText(file, {
    maxBytes: MAX_MANIFEST_BYTES,
    what: 'a manifest',
    fail: (named, problem) => new ManifestError('manifest-unreadable', named, 'file', problem),
  });
  return parseManifest(text, file);
}

/** Loads a manifest shipped with hotfix-verify by its id (e.g. "Q254943"). */
export async function loadBundledManifest(id: string = DEFAULT_MANIFEST_ID): Promise<LoadedManifest> {
  const loaded = await loadManifest(path.join(BUNDLED_MANIFEST_DIR, `${id}.json`));
  return { ...loaded, source: `<bundled>/${id}.json` };
}
