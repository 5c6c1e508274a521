/**
 * Walks an article and finds its file tables, with what the text says about
 * each: the sentence that announces it ("The English version of this fix
 * should have the following file attributes or later:"), the "Component:"
 * line above it and the section heading it sits under.
 */

import { isBoxRule, isPipeRow, readBoxedTable } from './boxedTable.js';
import { isDashRule, readColumnTable } from './columnTable.js';
import { KbImportError } from './KbImportError.js';
import { findLanguage, type KnownLanguage } from './languages.js';
import type { RawTable } from './rawTable.js';
import { headerProblem, looksLikeTableHeader, readHeaderLabels } from './tableHeader.js';

/** The sentence that announces a file table. */
export interface Announcement {
  /** 1-based line the sentence starts on. */
  readonly line: number;
  /** The sentence, on one line. */
  readonly text: string;
  readonly language: KnownLanguage;
  /** Whether it says "or later". */
  readonly orLater: boolean;
  /** Whether it is worded other than "The <Language> version of this fix should have the following file attributes or later:". */
  readonly unusual: boolean;
}

/** A table and its surroundings. */
export interface FoundTable {
  readonly table: RawTable;
  readonly announcement: Announcement | undefined;
  /** The "Component:" line above the table, if any and not empty. */
  readonly component: string | undefined;
  /** major.minor named by the section heading above the table ("Exchange Server 5.5"), if any. */
  readonly headingVersion: string | undefined;
}

const ANNOUNCEMENT = /version of this fix should have the following file attributes/i;
const STANDARD_ANNOUNCEMENT = /^The [A-Z][A-Za-z ]*? version of this fix should have the following file attributes or later:$/;
const LANGUAGE_IN_ANNOUNCEMENT = /\b[Tt]he ([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)(?:-language)?\b(.*?)\bversion of this fix/;
/** The "=====" under the article's main headings (SYMPTOMS, RESOLUTION, STATUS). */
const MAJOR_HEADING_RULE = /^\s*={3,}\s*$/;
const COMPONENT = /^\s*Component:\s*(.*?)\s*$/;
/** "Exchange Server 5.5", "Exchange Server Version 5.0:". */
const HEADING_VERSION = /^\s*\S.{0,60}?\s(?:[Vv]ersion\s+)?(\d+\.\d+)\s*:?\s*$/;

/**
 * Reads the announcement sentence that starts at `index`, if one does: the
 * sentence may run over several lines, up to the one that ends with a colon.
 */
function readAnnouncement(
  lines: readonly string[],
  index: number,
  article: string,
): { announcement: Announcement; end: number } | undefined {
  const parts: string[] = [];
  let end = index;
  for (; end < lines.length && end < index + 4; end++) {
    const line = (lines[end] as string).trim();
    if (line === '' || isDashRule(line) || isBoxRule(line) || isPipeRow(line) || isDashRule(lines[end + 1] ?? '')) break;
    parts.push(line);
    if (line.endsWith(':')) break;
  }
  const text = parts.join(' ').replace(/\s+/g, ' ');
  if (!ANNOUNCEMENT.test(text)) return undefined;
  const named = LANGUAGE_IN_ANNOUNCEMENT.exec(text);
  const language = named ? findLanguage(named[1] as string) : undefined;
  if (named === null || language === undefined) {
    const what = named ? `unknown language ${JSON.stringify(named[1])}` : 'no language';
    throw new KbImportError(
      'bad-value',
      article,
      index + 1,
      `the sentence announcing the file table names ${what}: ${JSON.stringify(text)}`,
    );
  }
  return {
    announcement: {
      line: index + 1,
      text,
      language,
      orLater: /file attributes or later/i.test(text),
      unusual: !STANDARD_ANNOUNCEMENT.test(text),
    },
    end: Math.min(end, lines.length - 1),
  };
}

/**
 * Finds every file table of an article, in order. Throws KbImportError when
 * a table cannot be read, when an announced table is missing, or when the
 * article has no table at all.
 */
export function findTables(lines: readonly string[], article: string): FoundTable[] {
  const found: FoundTable[] = [];
  let announcement: Announcement | undefined;
  let component: string | undefined;
  let headingVersion: string | undefined;
  /** The announcement whose table has not been seen yet. */
  let awaiting: Announcement | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    if (MAJOR_HEADING_RULE.test(lines[index + 1] ?? '')) {
      // SYMPTOMS, RESOLUTION, ...: a new part of the article, whose product sections are yet to come.
      headingVersion = undefined;
      component = undefined;
      index++;
      continue;
    }

    const componentMatch = COMPONENT.exec(line);
    if (componentMatch) {
      component = componentMatch[1] === '' ? undefined : componentMatch[1];
      continue;
    }

    let table: RawTable | undefined;
    if (isBoxRule(line) && isPipeRow(lines[index + 1] ?? '')) {
      table = readBoxedTable(lines, index, article);
    } else if (isDashRule(lines[index + 1] ?? '') && !isDashRule(line)) {
      const reading = readHeaderLabels(line);
      if (awaiting !== undefined || looksLikeTableHeader(reading)) {
        table = readColumnTable(lines, index, article);
      } else {
        // A section heading ("Exchange Server 5.5" over dashes): its tables name their own component.
        headingVersion = HEADING_VERSION.exec(line)?.[1];
        component = undefined;
        index++;
        continue;
      }
    }
    if (table !== undefined) {
      found.push({ table, announcement, component, headingVersion });
      awaiting = undefined;
      index = table.lastLine - 1;
      continue;
    }

    const read = readAnnouncement(lines, index, article);
    if (read !== undefined) {
      if (awaiting !== undefined) {
        throw new KbImportError(
          'table-expected',
          article,
          awaiting.line,
          'the sentence announcing a file table is not followed by a table',
        );
      }
      announcement = read.announcement;
      awaiting = read.announcement;
      index = read.end;
      continue;
    }

    if (awaiting !== undefined) {
      const reading = readHeaderLabels(line);
      const problem = headerProblem(reading);
      const why =
        reading.columns.length === 0
          ? `found ${JSON.stringify(line.trim())}`
          : problem !== undefined
            ? `${problem}, and no dashed rule below it`
            : 'found a table header with no dashed rule below it';
      throw new KbImportError(
        'table-expected',
        article,
        index + 1,
        `expected the file table announced at line ${awaiting.line} (a "+---+" box or a header row over a dashed rule); ${why}`,
      );
    }

    const heading = HEADING_VERSION.exec(line);
    if (heading && line.trim().endsWith(':')) headingVersion = heading[1];
  }

  if (awaiting !== undefined) {
    throw new KbImportError('table-expected', article, awaiting.line, 'the sentence announcing a file table is not followed by a table');
  }
  if (found.length === 0) {
    let last = lines.length;
    while (last > 1 && (lines[last - 1] as string).trim() === '') last--;
    throw new KbImportError(
      'no-file-table',
      article,
      last,
      'reached the end of the article without finding a file table (no "file attributes" sentence, no table with a File name column)',
    );
  }
  return found;
}
