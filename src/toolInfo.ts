/** The tool's own name and version, read once from package.json. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** hotfix-verify's version, as in its package.json. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
