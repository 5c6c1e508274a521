/** --expect-hosts FILE: the hosts a fleet must have, one a line. */
import { HotfixError } from '../errors.js';
import { readUserText } from '../io/readUserFile.js';

/** The most bytes a host list may hold: a million hosts of 60 characters. */
const MAX_HOST_LIST_BYTES = 64 * 1024 * 1024;

/** The host list cannot be read, or names no host. Exit 2: the command cannot be judged without it. */
export class ExpectHostsError extends HotfixError {
  constructor(file: string, where: string | undefined, problem: string) {
    super('expect-hosts', file, where, problem);
  }
}

/**
 * Reads a host list: one host a line; blank lines and lines starting with "#" are left out, and so is
 * the rest of a line after whitespace (an inventory line "EXCH01 ansible_host=10.0.0.5" names EXCH01).
 * Duplicates (case-insensitive) are named once.
 */
export async function loadExpectHosts(file: string): Promise<string[]> {
  const text = await readUserText(file, {
    maxBytes: MAX_HOST_LIST_BYTES,
    what: 'a host list',
    fail: (name, problem) => new ExpectHostsError(name, undefined, problem),
  });
  const hosts = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const host = line.split(/\s+/)[0] as string;
    if (/[\u0000-\u001f\u007f-\u009f]/.test(host)) {
      throw new ExpectHostsError(file, `line ${i + 1}`, 'a host name with a control character; give one host name a line');
    }
    if (!hosts.has(host.toLowerCase())) hosts.set(host.toLowerCase(), host);
  }
  if (hosts.size === 0) throw new ExpectHostsError(file, undefined, 'names no host; give one host name a line');
  return [...hosts.values()];
}
