/**
 * The one error the KB importer raises: it names the article, the 1-based
 * line and what is wrong there, so a user can open the text and see it.
 */
import { HotfixError } from '../errors.js';

/** What went wrong, as a stable code that tests and callers can match on. */
export type KbImportErrorCode =
  /** No KB number: no "DOCUMENT:Q123456  DD-MON-YYYY" line, none in the text's head or the file name. */
  | 'bad-article-header'
  /** No file table with a row that can be read. */
  | 'no-file-table'
  /** The importer made a manifest that does not validate (a bug, reported rather than written). */
  | 'bad-manifest';

/** Raised when nothing of a KB article can be turned into manifests. */
export class KbImportError extends HotfixError {
  declare readonly code: KbImportErrorCode;
  constructor(
    code: KbImportErrorCode,
    /** The article's name as the caller gave it (usually the file name). */
    readonly article: string,
    /** 1-based line number in the article. */
    readonly line: number,
    /** What is wrong, without the article and line. */
    problem: string,
  ) {
    super(code, article, `line ${line}`, problem);
    this.message = `${article}, line ${line}: ${problem}`;
  }
}
