/** Errors the CLI knows how to report briefly; anything else is a bug and shows its stack. */

/** The command line itself is wrong (unknown option, bad value, missing argument). */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A report or manifest file could not be written (no such folder, permission denied). */
export class OutputError extends Error {
  readonly code = 'output';
  constructor(readonly file: string, problem: string) {
    super(`${file}: cannot be written: ${problem}`);
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
