/** Errors the CLI knows how to report briefly; anything else is a bug and shows its stack. */

/** The command line itself is wrong (unknown option, bad value, missing argument). */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
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
