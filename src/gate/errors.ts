/** The ignore file's error, kept apart from its parser so the CLI can name it without loading `yaml`. */

/** An ignore file that cannot be used; names the file, where in it, and the problem. */
export class IgnoreFileError extends Error {
  readonly code = 'ignore-file';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'IgnoreFileError';
  }
}
