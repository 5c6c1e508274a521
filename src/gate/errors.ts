/** The ignore file's error, kept apart from its parser so the CLI can name it without loading `yaml`. */
import { HotfixError } from '../errors.js';

/** An ignore file that cannot be used; names the file, where in it, and the problem. */
export class IgnoreFileError extends HotfixError {
  constructor(file: string, where: string, problem: string) {
    super('ignore-file', file, where, problem);
  }
}
