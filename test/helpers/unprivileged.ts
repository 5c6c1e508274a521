/**
 * Running a command without root's power to read everything, for "permission denied" tests:
 * as root, through setpriv as nobody; as anyone else, as is. Undefined when neither works.
 */
import { spawnSync } from 'node:child_process';

const isRoot = process.getuid?.() === 0;
let setprivWorks: boolean | undefined;

/** argv that runs `command` so that mode 000 files and folders really cannot be read; undefined when that is not possible here. */
export function unprivileged(command: readonly string[]): string[] | undefined {
  if (!isRoot) return [...command];
  setprivWorks ??= spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;
  return setprivWorks ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : undefined;
}
