/**
 * The head of a KB article as the text archive prints it:
 *
 *   DOCUMENT:Q254943  08-MAY-2002  [exchange]
 *   TITLE   :XCON: Message Transfer Agent Stops Unexpectedly w. Event ID 9405
 *   PRODUCT :Microsoft Exchange
 *   PROD/VER:winnt:5.0
 *
 * and the "applies to" list below it (" - Microsoft Exchange Server, version 5.0").
 */

import { KbImportError } from './KbImportError.js';
import { parseKbDate } from './values.js';

/** One line of the "applies to" list. */
export interface AppliesTo {
  /** Product name, e.g. "Microsoft Exchange Server". */
  readonly name: string;
  /** The major.minor of each version listed, e.g. ["5.0", "5.5"]. */
  readonly versions: readonly string[];
}

/** What the head of an article says. */
export interface ArticleHeader {
  /** "Q254943". */
  readonly id: string;
  /** The article's date as YYYY-MM-DD (the date of its last revision), when the head gives one. */
  readonly date: string | undefined;
  readonly title: string;
  /** The PRODUCT line, e.g. "Microsoft Exchange". */
  readonly product: string;
  /** The major.minor of each PROD/VER entry, without service packs and duplicates ("5.0 SP2,5.5" → ["5.0", "5.5"]). */
  readonly productVersions: readonly string[];
  readonly appliesTo: readonly AppliesTo[];
  /**
   * True for today's articles (Markdown, HTML, text copied from a page, file-information CSV): their tables are
   * read with today's conventions (two-digit years of this century, a section's platform is the package's).
   */
  readonly modern?: boolean;
}

/** The major.minor at the start of a version as articles print it ("5.0 SP2", "4.0 SP6a", "5.5"). */
export function baseVersion(text: string): string | undefined {
  const match = /^\s*(\d+\.\d+)\b/.exec(text);
  return match ? (match[1] as string) : undefined;
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

function field(lines: readonly string[], name: string): { value: string; index: number } | undefined {
  const pattern = new RegExp(`^\\s*${name.replace('/', '\\/')}\\s*:(.*)$`, 'i');
  for (let index = 0; index < Math.min(lines.length, 20); index++) {
    const match = pattern.exec(lines[index] as string);
    if (match) return { value: (match[1] as string).trim(), index };
  }
  return undefined;
}

/** Reads the "applies to" list: the " - Product, versions a, b" lines after "applies to:". */
function readAppliesTo(lines: readonly string[]): AppliesTo[] {
  const start = lines.findIndex((line) => /applies to:\s*$/i.test(line));
  if (start < 0) return [];
  const entries: AppliesTo[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^\s*-{5,}\s*$/.test(line)) break;
    // Sub-items ("    - the hardware: DEC Alpha") are indented further; only top-level items name products.
    const item = /^ ?- (.*?)\s*$/.exec(line);
    if (!item) continue;
    const text = (item[1] as string).replace(/,?\s*on platform\(s\):?$/i, '');
    const match = /^(.*?),?\s+versions?\s+(.+)$/i.exec(text);
    if (!match) continue;
    entries.push({ name: (match[1] as string).trim(), versions: distinct((match[2] as string).split(',').map(baseVersion)) });
  }
  return entries;
}

/** A KB id in a file name or a line ("Q254943.TXT", "kb254943", "Article: Q254943"). */
function idIn(text: string): string | undefined {
  const match = /\b(?:Q|KB)(\d{5,7})\b/i.exec(text);
  return match ? `Q${match[1]}` : undefined;
}

/**
 * Reads the head of an article. The archive's head ("DOCUMENT:Q254943  08-MAY-2002") gives the
 * id and date; an article pasted without it takes its id from an "Article: Q123456" line or the
 * file name; `givenId` (import --id) replaces whatever the text says. Throws KbImportError only when
 * no id can be found anywhere.
 */
export function readArticleHeader(lines: readonly string[], article: string, givenId?: string): ArticleHeader {
  const document = field(lines, 'DOCUMENT');
  let id: string | undefined;
  let date: string | undefined;
  if (document !== undefined) {
    const match = /^(Q\d+)\s+(\S+)/.exec(document.value);
    id = givenId ?? match?.[1];
    date = match ? parseKbDate(match[2] as string) : undefined;
    if (id === undefined) {
      throw new KbImportError(
        'bad-article-header',
        article,
        document.index + 1,
        `DOCUMENT line ${JSON.stringify(document.value)} does not read as "Q123456  DD-MON-YYYY"`,
      );
    }
  } else {
    const head = lines.slice(0, 30);
    const articleLine = head.find((line) => /^\s*(article|article id|kb article)\s*:\s*(Q|KB)?\d+/i.test(line));
    id = givenId ?? idIn(articleLine ?? '') ?? idIn(article.split(/[\\/]/).pop() ?? '');
    const modified = head.map((line) => /^\s*last\s+modified\s*:\s*(\S+)/i.exec(line)?.[1]).find((value) => value !== undefined);
    date = modified === undefined ? undefined : parseKbDate(modified);
    if (id === undefined) {
      throw new KbImportError(
        'bad-article-header',
        article,
        1,
        'no "DOCUMENT:Q123456  DD-MON-YYYY" line at the head of the article, and no KB number in it or in the file name ' +
          '(give one with --id)',
      );
    }
  }
  const titleField = field(lines, 'TITLE');
  const firstText = lines.find((line) => line.trim() !== '' && !/^\s*(DOCUMENT|article)\s*:/i.test(line))?.trim() ?? '';
  const title = titleField?.value || firstText.replace(/^#+\s*/, '') || id;
  const product = field(lines, 'PRODUCT') ?? field(lines, 'Product\\(s\\)');
  const prodVer = field(lines, 'PROD/VER');
  // "winnt:5.0,5.5", "WINDOWS:5.5", ":4.0,5.0": the part before the first colon is the platform family.
  const versionList = prodVer === undefined ? '' : prodVer.value.slice(prodVer.value.indexOf(':') + 1);
  return {
    id,
    date,
    title,
    product: product?.value ?? '',
    productVersions: distinct(versionList.split(/[,;]/).map(baseVersion)),
    appliesTo: readAppliesTo(lines),
  };
}
