/**
 * The ignore file: accepted findings, as a YAML or JSON list. Each entry names a manifest id
 * and a file (and optionally the path of one copy), says why, and may expire:
 *
 *   - manifest: Q254943
 *     file: Mtamsg.dll
 *     path: backup/mtamsg.dll        # optional: only the copy at this path
 *     reason: backup folder, removed at the next rebuild
 *     expires: 2026-12-31            # optional: the last day it hides the finding (UTC)
 *
 * Read with the `yaml` package (JSON is YAML), which gives the line and column of every node,
 * so each problem names the file, the place in it, and what is wrong.
 */
import { readUserText } from '../io/readUserFile.js';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { IgnoreFileError } from './errors.js';
import { isIsoDate } from '../version/isoDate.js';

/** An ignore file larger than this is refused unread: it lists accepted findings, a few KB. */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** One accepted finding. */
export interface IgnoreEntry {
  readonly manifest: string;
  readonly file: string;
  /** Only the copy at this path (relative to the target, "/"-separated, case-insensitive). */
  readonly path?: string;
  readonly reason: string;
  /** Last day (YYYY-MM-DD) the entry hides its finding. */
  readonly expires?: string;
  /** How reports name the entry: "FILE[index]". */
  readonly id: string;
  /** Where it is: "line 3, column 3". */
  readonly where: string;
}

export { IgnoreFileError };

const FIELDS = ['manifest', 'file', 'path', 'reason', 'expires'];

/** Parses ignore-file text; `file` names it in errors and entry ids. Throws IgnoreFileError. */
export function parseIgnoreFile(text: string, file: string): IgnoreEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (node: Node | null | undefined, path: string): string => {
    const offset = node?.range?.[0];
    if (offset === undefined) return path;
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col} (${path})`;
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const { line, col } = lines.linePos(firstError.pos[0]);
    throw new IgnoreFileError(file, `line ${line}, column ${col}`, `not valid YAML or JSON: ${firstError.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isSeq(root))
    throw new IgnoreFileError(file, at(root, '$'), 'expected a list of entries ({ manifest, file, reason, path?, expires? })');
  return root.items.map((item, index) => {
    const path = `$[${index}]`;
    const node = item as Node;
    if (!isMap(node)) throw new IgnoreFileError(file, at(node, path), 'expected an entry { manifest, file, reason, path?, expires? }');
    const values: Record<string, string> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const keyNode = pair.key as Node;
      if (key === undefined || !FIELDS.includes(key))
        throw new IgnoreFileError(file, at(keyNode, `${path}.${key ?? '?'}`), `unknown field (allowed: ${FIELDS.join(', ')})`);
      const value = pair.value as Node | null;
      // YAML would read 2026-12-31 as a string under the core schema, but a bare number or true is not text.
      if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
        throw new IgnoreFileError(
          file,
          at(value ?? keyNode, `${path}.${key}`),
          `expected a non-empty string, found ` +
            `${value === null ? 'nothing' : JSON.stringify(isScalar(value) ? value.value : value.toJSON())}`,
        );
      }
      values[key] = value.value;
    }
    for (const required of ['manifest', 'file', 'reason']) {
      if (values[required] === undefined)
        throw new IgnoreFileError(
          file,
          at(node, path),
          `missing required field "${required}"${required === 'reason' ? ' (say why the finding is accepted)' : ''}`,
        );
    }
    const expiresNode = node.get('expires', true) as Node | undefined;
    if (values['expires'] !== undefined && !isIsoDate(values['expires'])) {
      throw new IgnoreFileError(file, at(expiresNode, `${path}.expires`), `${JSON.stringify(values['expires'])} is not a date YYYY-MM-DD`);
    }
    const relative = values['path'];
    if (relative !== undefined && (relative.startsWith('/') || relative.includes('\\'))) {
      throw new IgnoreFileError(
        file,
        at(node.get('path', true) as Node, `${path}.path`),
        `${JSON.stringify(relative)} must be relative to the target, "/"-separated`,
      );
    }
    return {
      manifest: values['manifest']!,
      file: values['file']!,
      ...(relative !== undefined ? { path: relative } : {}),
      reason: values['reason']!,
      ...(values['expires'] !== undefined ? { expires: values['expires'] } : {}),
      id: `${file}[${index}]`,
      where: at(node, path),
    };
  });
}

/** Reads and parses an ignore file. Throws IgnoreFileError for every problem, naming the file. */
export async function loadIgnoreFile(file: string): Promise<IgnoreEntry[]> {
  const text = await readUserText(file, {
    maxBytes: MAX_IGNORE_FILE_BYTES,
    what: 'an ignore file',
    fail: (named, problem) => new IgnoreFileError(named, 'file', problem),
  });
  return parseIgnoreFile(text, file);
}
