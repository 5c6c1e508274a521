/**
 * KB article → manifests, warnings and a record per row: the importer's entry point. A pure
 * function of the article (text or bytes), so the CLI, the import report, tests and library
 * users call it the same way; only the CLI prints and sets exit codes.
 */

import type { Manifest } from '../manifest/types.js';
import { validateManifest } from '../manifest/validateManifest.js';
import { readArticleHeader } from './articleHeader.js';
import { articleLines, decodeArticle, rawArticleLines, type ArticleEncoding } from './articleText.js';
import { buildManifests, type RowRecord } from './buildManifests.js';
import { findTables } from './findTables.js';
import { KbImportError } from './KbImportError.js';
import type { KbTable } from './tableModel.js';
import type { KbWarning } from './warnings.js';

/** What importing one article gives. */
export interface KbImport {
  /** One manifest per table (or per branch, language or platform text of a table), in article order. */
  readonly manifests: readonly Manifest[];
  /** Rows left out and values kept as information only, in article order. */
  readonly warnings: readonly KbWarning[];
  /** Every table row the article prints, read or left out, with the classes it exercised (for the import report). */
  readonly rows: readonly RowRecord[];
  /** The tables as read, before any meaning was given to them. */
  readonly tables: readonly KbTable[];
  readonly encoding: ArticleEncoding;
}

/**
 * Imports a Microsoft KB article (the plain-text archive format of 1995-2004, as bytes in any of
 * its encodings or as text). `article` names it in messages (usually its file name). Throws
 * KbImportError, naming the line, only when nothing can be imported: no head with a KB number,
 * no file table with a row that can be read.
 */
export function importKbArticle(input: string | Uint8Array, article: string): KbImport {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeArticle(input);
  const raw = rawArticleLines(text);
  const lines = articleLines(text);
  const header = readArticleHeader(lines, article);
  const { tables, unanswered } = findTables(lines, raw);
  const unusualEncoding = encoding !== 'utf-8' || /[^\x00-\x7f]/.test(text);
  const built = buildManifests(header, tables, article, { unusualEncoding });
  const warnings = [...built.warnings];
  for (const { announcement, why } of unanswered) {
    warnings.push({
      code: 'table-missing',
      article,
      line: announcement.line,
      problem: `the sentence announces a file table, but ${why ?? 'no table the importer can read follows it'}`,
      leftOut: false,
    });
  }
  warnings.sort((a, b) => a.line - b.line);

  const manifests: Manifest[] = [];
  for (const manifest of built.manifests) {
    const problem = validateManifest(manifest)[0];
    // The builder should never make an invalid manifest; if it does, say so rather than hand it on.
    if (problem !== undefined) {
      throw new KbImportError(
        'bad-manifest',
        article,
        tables[0]?.firstLine ?? 1,
        `the manifest ${manifest.id} made from it is not valid (a bug in the importer): ${problem.path}: ${problem.problem}`,
      );
    }
    manifests.push(manifest);
  }
  if (manifests.length === 0) {
    const first = warnings.find((warning) => warning.leftOut) ?? warnings[0];
    if (first !== undefined) {
      throw new KbImportError('no-file-table', article, first.line, `no row of the article's file tables can be read (${first.problem})`);
    }
    let last = lines.length;
    while (last > 1 && (lines[last - 1] as string).trim() === '') last--;
    throw new KbImportError(
      'no-file-table',
      article,
      last,
      'reached the end of the article without finding a file table ' +
        '(no table with a file-name column, no rows under a "file attributes" sentence)',
    );
  }
  return { manifests, warnings, rows: built.rows, tables, encoding };
}
