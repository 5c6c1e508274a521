/** Errors the CLI knows how to report briefly; anything else is a bug and shows its stack. */

/** The command line itself is wrong (unknown option, bad value, missing argument). */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The report or listing could not be written (no such folder, a folder in the way, a closed pipe). */
export class OutputError extends Error {
  readonly code = 'output';
  constructor(
    /** The file named by --output, or "stdout". */
    readonly target: string,
    problem: string,
  ) {
    super(`cannot write to ${target}: ${problem}`);
    this.name = 'OutputError';
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
