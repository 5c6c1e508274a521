/**
 * The one error the KB importer raises: it names the article, the 1-based
 * line and what is wrong there, so a user can open the text and see it.
 */
import { HotfixError } from '../errors.js';

/** What went wrong, as a stable code that tests and callers can match on. */
export type KbImportErrorCode =
  /** The article does not start with a "DOCUMENT:Q123456  DD-MON-YYYY" line. */
  | 'bad-article-header'
  /** Neither a file table nor the sentence announcing one. */
  | 'no-file-table'
  /** The "file attributes" sentence is not followed by a table we can read. */
  | 'table-expected'
  /** A table header with an unknown or missing column. */
  | 'bad-table-header'
  /** A row that does not fit the table's columns. */
  | 'bad-row'
  /** A value (version, date, size, platform, language) that cannot be read or used. */
  | 'bad-value';

/** Raised when a KB article's text cannot be turned into manifests without guessing. */
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
