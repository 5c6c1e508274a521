/**
 * KB article → manifests, warnings and a record per row: the importer's entry point. A pure
 * function of the article (text or bytes), so the CLI, the import report, tests and library
 * users call it the same way; only the CLI prints and sets exit codes.
 */

import type { Manifest, PackageFile } from '../manifest/types.js';
import { validateManifest } from '../manifest/validateManifest.js';
import { type ArticleHeader, readArticleHeader } from './articleHeader.js';
import { articleLines, decodeArticle, rawArticleLines, type ArticleEncoding } from './articleText.js';
import { buildManifests, type RowRecord } from './buildManifests.js';
import type { KbDocument } from './document.js';
import type { Announcement, KbTable } from './tableModel.js';
import { findTables } from './findTables.js';
import { KbImportError } from './KbImportError.js';
import { type ImportOverrides, normalizeKbId, readModernHeader } from './modernHeader.js';
import { modernTables } from './modernTables.js';
import { readCsvTables } from './readers/csvTables.js';
import { readHtmlDocument } from './readers/htmlDocument.js';
import { readMarkdownDocument } from './readers/markdownDocument.js';
import { readPastedDocument } from './readers/pastedDocument.js';
import { type SourceKind, sourceKind } from './sourceKind.js';
import type { KbWarning } from './warnings.js';

export type { ImportOverrides } from './modernHeader.js';
export type { SourceKind } from './sourceKind.js';

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
  /** What the source was, told by its content: the archive's plain text, Markdown, HTML, text copied from a page, or a CSV. */
  readonly source: SourceKind;
}

/** What a source gives before meaning is given to its tables. */
interface ReadSource {
  readonly header: ArticleHeader;
  readonly tables: readonly KbTable[];
  readonly unanswered: readonly { readonly announcement: Announcement; readonly why: string | undefined }[];
  readonly packages: readonly PackageFile[];
  readonly lineCount: number;
}

/** The 1-based number of the last line that is not blank (1 for an empty text). */
function lastTextLine(lines: readonly string[]): number {
  let last = lines.length;
  while (last > 1 && (lines[last - 1] as string).trim() === '') last--;
  return Math.max(1, last);
}

/** Reads an archive text: its head (id, date, products) and its tables, with the sentences no table answered. */
function readArchive(text: string, article: string, overrides: ImportOverrides): ReadSource {
  const raw = rawArticleLines(text);
  const lines = articleLines(text);
  const head = readArticleHeader(lines, article, overrides.id === undefined ? undefined : normalizeKbId(overrides.id));
  const header = {
    ...head,
    ...(overrides.title !== undefined ? { title: overrides.title } : {}),
    ...(overrides.product !== undefined ? { product: overrides.product } : {}),
  };
  const { tables, unanswered } = findTables(lines, raw);
  return { header, tables, unanswered, packages: [], lineCount: lastTextLine(lines) };
}

/** Reads today's sources: Markdown, HTML, text copied from a page, or a file-information CSV. */
function readModern(text: string, kind: Exclude<SourceKind, 'archive'>, article: string, overrides: ImportOverrides): ReadSource {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lineCount = lastTextLine(lines);
  if (kind === 'csv') {
    const header = readModernHeader(undefined, article, overrides, 'a CSV');
    return { header, tables: readCsvTables(text.replace(/^\uFEFF/, '')), unanswered: [], packages: [], lineCount };
  }
  const document: KbDocument =
    kind === 'markdown' ? readMarkdownDocument(lines) : kind === 'html' ? readHtmlDocument(text, lines.length) : readPastedDocument(lines);
  const header = readModernHeader(document, article, overrides, 'the document');
  const found = modernTables(document, kind);
  return { header, tables: found.tables, unanswered: [], packages: found.packages, lineCount };
}

/**
 * Imports a Microsoft KB article: the plain-text archive format of 1995-2004, a Markdown article source, the
 * HTML of a saved page, text copied from a page, or a file-information CSV, told apart by content, as bytes in
 * any of their encodings or as text. `article` names it in messages (usually its file name); `overrides`
 * supply what the source lacks (a CSV names no KB). Throws KbImportError, naming the line, only when nothing
 * can be imported: no KB number, no file table with a row that can be read.
 */
export function importKbArticle(input: string | Uint8Array, article: string, overrides: ImportOverrides = {}): KbImport {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeArticle(input);
  const source = sourceKind(text);
  const { header, tables, unanswered, packages, lineCount } =
    source === 'archive' ? readArchive(text, article, overrides) : readModern(text, source, article, overrides);
  const unusualEncoding = encoding !== 'utf-8' || (source === 'archive' && /[^\x00-\x7f]/.test(text));
  const built = buildManifests(header, tables, article, { unusualEncoding, packages });
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
    throw new KbImportError(
      'no-file-table',
      article,
      lineCount,
      source === 'archive'
        ? 'reached the end of the article without finding a file table ' +
            '(no table with a file-name column, no rows under a "file attributes" sentence)'
        : `reached the end of the ${source === 'csv' ? 'CSV' : 'document'} without finding a file table ` +
            '(no table with a File name column and a version, size, date or platform column)',
    );
  }
  return { manifests, warnings, rows: built.rows, tables, encoding, source };
}
