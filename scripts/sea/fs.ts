/**
 * `node:fs` as the bundled code of hotfix-verify.exe sees it: the real module, except that readFileSync
 * answers from the bundled files under BUNDLED_ROOT (bundled.ts): the tool's version.
 */
import * as real from 'node:fs';
import { encoded, lookUpBundled, notFound } from './bundled.js';

export * from 'node:fs';

/** readFileSync, from the bundled files under BUNDLED_ROOT. */
export const readFileSync = ((file: unknown, options?: unknown) => {
  const found = lookUpBundled(file);
  if (found === undefined) return real.readFileSync(file as string, options as undefined);
  if (found.kind !== 'file') throw notFound('open', file);
  return encoded(found.text, options);
}) as typeof real.readFileSync;
