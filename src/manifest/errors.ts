/** Errors for manifests a user gave us: each names the file, where in it, and what is wrong. */

/** A manifest that cannot be used: unreadable, not JSON, or not of the format. */
export class ManifestError extends Error {
  readonly code: 'manifest-unreadable' | 'manifest-json' | 'manifest-invalid';
  constructor(
    code: ManifestError['code'],
    /** The manifest file, as the user named it. */
    readonly file: string,
    /** Where in the file: a JSON path ("$.files[3].version") or "line 4, column 7". */
    readonly where: string,
    /** What is wrong, in words. */
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'ManifestError';
    this.code = code;
  }
}
