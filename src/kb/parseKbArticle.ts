/**
 * KB article text → manifests, for callers that want the manifests alone. The importer itself is
 * importKbArticle (manifests, warnings and row records); this is the short form of it.
 */

import type { Manifest } from '../manifest/types.js';
import { importKbArticle } from './importKbArticle.js';

export { articleLines } from './articleText.js';
export { importKbArticle, type KbImport } from './importKbArticle.js';
export { KbImportError, type KbImportErrorCode } from './KbImportError.js';
export { formatKbWarning, type KbWarning, type KbWarningCode } from './warnings.js';

/**
 * Parses a Microsoft KB article into one manifest per file table (or per product section,
 * language or platform of a table). `articleName` names the article in errors. Rows that
 * cannot be read are left out (importKbArticle says which); throws KbImportError, naming the
 * line, when nothing can be imported.
 */
export function parseKbArticle(text: string, articleName: string): Manifest[] {
  return [...importKbArticle(text, articleName).manifests];
}
