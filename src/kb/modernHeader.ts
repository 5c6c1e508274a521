/**
 * The head of today's articles: the KB number ("_Original KB number:_ 3018885", "# KB5041321 - Cumulative
 * Update 15 for SQL Server 2022", the file name), the title (front matter, <title>, the first heading), the
 * date (ms.date) and the product ("_Original product version:_", "appliesto:"). A file-information CSV names
 * none of them: the caller supplies them (import --id, --title, --product), or the id comes from the file name.
 */

import type { ArticleHeader } from './articleHeader.js';
import type { KbDocument } from './document.js';
import { KbImportError } from './KbImportError.js';
import { isoDate } from './values.js';

/** What the caller supplies for a source that lacks it (import --id, --title, --product); given, it is used. */
export interface ImportOverrides {
  readonly id?: string;
  readonly title?: string;
  readonly product?: string;
}

/** "KB5034441" for "KB5034441", "kb 5034441" or "5034441"; other ids ("Q254943", "MS15-044") as given. */
export function normalizeKbId(text: string): string {
  const trimmed = text.trim();
  const kb = /^(?:kb\s*)?(\d{5,8})$/i.exec(trimmed);
  return kb ? `KB${kb[1]}` : trimmed;
}

/** The article's own number, "Original KB number: 3018885", as "KB3018885". */
function originalKbIn(text: string): string | undefined {
  const original = /original\s+kb\s+number\s*:?\s*(\d{5,8})\b/i.exec(text);
  return original ? `KB${original[1]}` : undefined;
}

/** A KB number in a text ("KB5041321"), as "KB1234567". */
function kbIn(text: string): string | undefined {
  const kb = /\bKB\s?(\d{6,8})\b/i.exec(text);
  return kb ? `KB${kb[1]}` : undefined;
}

/** A date as the document gives it (ms.date "04/27/2020", month first; "2024-09-12T10:00:00Z") as YYYY-MM-DD. */
function isoOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return us ? isoDate(Number(us[3]), Number(us[1]), Number(us[2])) : undefined;
}

/** The first entry of a "_Original product version:_ Windows 7 Service Pack 1, Windows Server 2012 R2" line. */
function productIn(document: KbDocument | undefined): string | undefined {
  for (const block of document?.blocks ?? []) {
    if (block.kind !== 'text') continue;
    const match = /^(?:original product version|applies to|product)\s*:\s*(.+)$/i.exec(block.text);
    const first = match?.[1]?.split(',')[0]?.trim();
    if (first) return first;
  }
  return document?.meta.appliesTo?.[0];
}

/**
 * Reads the head of today's article (or of a CSV, `document` undefined). Throws KbImportError when no KB
 * number is found in the document, the overrides or the file name.
 */
export function readModernHeader(
  document: KbDocument | undefined,
  article: string,
  overrides: ImportOverrides,
  what: 'a CSV' | 'the document',
): ArticleHeader {
  // The first heading of level 1, else the first heading at all (a page copied as text has no levels).
  const heading =
    document?.blocks.find((block) => block.kind === 'heading' && block.level === 1) ??
    document?.blocks.find((block) => block.kind === 'heading');
  const title = overrides.title ?? document?.meta.title ?? (heading?.kind === 'heading' ? heading.text : undefined);
  let id = overrides.id === undefined ? undefined : normalizeKbId(overrides.id);
  if (id === undefined && document !== undefined) {
    // The article's own number first, then its title's, then the first one its text names.
    const texts = document.blocks.flatMap((block) => (block.kind === 'table' ? [] : [block.text]));
    id =
      texts.map(originalKbIn).find((found) => found !== undefined) ??
      kbIn(document.meta.title ?? '') ??
      kbIn(heading?.kind === 'heading' ? heading.text : '') ??
      texts.map(kbIn).find((found) => found !== undefined);
  }
  const file = article.split(/[\\/]/).pop() ?? '';
  id ??= kbIn(file.replace(/[_-]/g, ' '));
  if (id === undefined) {
    throw new KbImportError(
      'bad-article-header',
      article,
      1,
      `no KB number in ${what} or its file name: give the update's KB number with --id (e.g. --id KB5034441)`,
    );
  }
  const product = overrides.product ?? productIn(document) ?? '';
  const date = isoOf(document?.meta.date);
  return {
    id,
    date,
    title: title ?? `${id} file information`,
    product,
    productVersions: [],
    appliesTo: [],
    modern: true,
  };
}
