/**
 * KB article text → manifests. The entry point of the importer: a pure
 * function of the text, so the CLI, tests and scripts call it the same way.
 */

import type { Manifest } from '../manifest/types.js';
import { readArticleHeader } from './articleHeader.js';
import { buildManifests } from './buildManifests.js';
import { findTables } from './findTables.js';

export { KbImportError, type KbImportErrorCode } from './KbImportError.js';

/** Splits an article into lines: CRLF or CR line ends, tabs expanded to 8-column stops so that positions match the printed page. */
export function articleLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line.includes('\t') ? line.replace(/[^\t]*\t/g, (chunk) => chunk.slice(0, -1).padEnd(Math.ceil(chunk.length / 8) * 8, ' ')) : line,
    );
}

/**
 * Parses a Microsoft KB article (the plain-text archive format of 1998-2002)
 * into one manifest per file table, or per product section of a table.
 * `articleName` names the article in errors (usually its file name).
 * Throws KbImportError, naming the line, when the article has no file table or
 * a table cannot be read without guessing.
 */
export function parseKbArticle(text: string, articleName: string): Manifest[] {
  const lines = articleLines(text);
  const header = readArticleHeader(lines, articleName);
  const tables = findTables(lines, articleName);
  return buildManifests(header, tables, articleName);
}
