/**
 * What kind of source an article is, told by its content, never by its file name: the plain text of the
 * 1995-2004 archive, a Markdown article source, the HTML of a saved page, text copied from a page (tables as
 * tab-separated lines), or a file-information CSV.
 */

import { headerKinds } from './modernTables.js';
import { looksLikeCsv } from './readers/csvTables.js';

/** The kinds of source the importer reads. */
export type SourceKind = 'archive' | 'markdown' | 'html' | 'pasted' | 'csv';

/** A GFM table rule ("|---|---|", "|:---:|:--|"). */
const MARKDOWN_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$/m;

/** Tells the kind of source from its text. */
export function sourceKind(text: string): SourceKind {
  const head = text.slice(0, 4096);
  // The archive's head ("DOCUMENT:Q254943  08-MAY-2002") is the archive's alone.
  if (/^\s*DOCUMENT\s*:\s*Q\d/m.test(head)) return 'archive';
  if (/<(?:!doctype\s+html|html|body|table)\b/i.test(head) || (/<tr\b/i.test(text) && /<td\b/i.test(text) && /<\/table>/i.test(text))) {
    return 'html';
  }
  if (looksLikeCsv(text)) return 'csv';
  if (/^---\r?\n[\s\S]{0,4000}?\r?\n---\r?\n/.test(text) || MARKDOWN_RULE.test(text)) return 'markdown';
  // A copied table's header: tab-separated labels with a file-name column.
  for (const line of text.split(/\r\n|\r|\n/, 400)) {
    if ((line.match(/\t/g) ?? []).length < 2) continue;
    const kinds = headerKinds(line.split('\t').map((cell) => cell.trim()));
    if (kinds !== undefined && kinds.filter((kind) => kind !== 'other').length >= 3) return 'pasted';
  }
  return 'archive';
}
