/** The CLI's own errors and exit codes; every error a user can act on is a HotfixError (src/errors.ts). */
import { HotfixError } from '../errors.js';

export { UsageError } from '../errors.js';

/** The report or listing could not be written (no such folder, a folder in the way, a closed pipe). */
export class OutputError extends HotfixError {
  constructor(
    /** The file named by --output, or "stdout". */
    readonly target: string,
    problem: string,
  ) {
    super('output', undefined, undefined, `cannot write to ${target}: ${problem}`);
  }
}

/** Exit codes, as documented in the README. */
export const EXIT = {
  /** The target is proven to meet every manifest (or, for inspect, every file was read). */
  ok: 0,
  /** Something falls short: outdated, missing, unverifiable, or the scan was incomplete. */
  findings: 1,
  /** The tool could not do its job: usage, bad manifest, target not found, or a bug. */
  error: 2,
} as const;
