/** Errors for manifests a user gave us: each names the file, where in it, and what is wrong. */
import { HotfixError } from '../errors.js';

/** A manifest that cannot be used: unreadable, not JSON, or not of the format. */
export class ManifestError extends HotfixError {
  declare readonly code: 'manifest-unreadable' | 'manifest-json' | 'manifest-invalid';
  declare readonly file: string;
  declare readonly where: string;
  constructor(
    code: 'manifest-unreadable' | 'manifest-json' | 'manifest-invalid',
    /** The manifest file, as the user named it. */
    file: string,
    /** Where in the file: a JSON path ("$.files[3].version") or "line 4, column 7". */
    where: string,
    /** What is wrong, in words. */
    problem: string,
  ) {
    super(code, file, where, problem);
  }
}
