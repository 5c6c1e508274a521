/**
 * `node:fs/promises` as the bundled code of hotfix-verify.exe sees it: the real module, except that
 * readFile, stat and readdir answer from the bundled files for paths under BUNDLED_ROOT (bundled.ts).
 */
import * as real from 'node:fs/promises';
import { bundledDirent, bundledStats, encoded, lookUpBundled, notFound } from './bundled.js';

export * from 'node:fs/promises';

/** readFile, from the bundled files under BUNDLED_ROOT. */
export const readFile = (async (file: unknown, options?: unknown) => {
  const found = lookUpBundled(file);
  if (found === undefined) return real.readFile(file as string, options as undefined);
  if (found.kind !== 'file') throw notFound('open', file);
  return encoded(found.text, options);
}) as typeof real.readFile;

/** stat, from the bundled files under BUNDLED_ROOT. */
export const stat = (async (file: unknown, options?: unknown) => {
  const found = lookUpBundled(file);
  if (found === undefined) return real.stat(file as string, options as undefined);
  if (found.kind === 'absent') throw notFound('stat', file);
  return bundledStats(found);
}) as typeof real.stat;

/** readdir, from the bundled files under BUNDLED_ROOT. */
export const readdir = (async (dir: unknown, options?: unknown) => {
  const found = lookUpBundled(dir);
  if (found === undefined) return real.readdir(dir as string, options as undefined);
  if (found.kind !== 'folder') throw notFound('scandir', dir);
  if (!(options as { withFileTypes?: boolean } | undefined)?.withFileTypes) return found.names;
  return found.names.map((name) => bundledDirent(name, found.folders.has(name), String(dir)));
}) as typeof real.readdir;
