/**
 * Walks an article and finds its file tables, in order, each read by the reader of its layout,
 * with what the text says about it: the sentence that announces it, the "Component:" line, the
 * section heading and a sub-heading ("Windows 95:", "Intel:") above it.
 */

import { isLanguageWithoutId, languageNamedIn } from './languages.js';
import { readBoxedTable } from './readers/boxedTable.js';
import { readColumnTable } from './readers/columnTable.js';
import { readHeaderlessRows } from './readers/headerlessRows.js';
import { headingVersion, isBoxRule, isDashRule, isPipeRow, readSubHeading } from './readers/lineShapes.js';
import { isHeaderLine, readHeaderLabels } from './tableHeader.js';
import type { Announcement, KbTable, SectionHeading, SubHeading, TableContext } from './tableModel.js';
import { platformInText } from './values.js';

// Only the sentences that announce the fix's own files: a download package's list of contents ("These files contain
// the following files:") is not its file table.
const ANNOUNCEMENT =
  /following file attributes|listed file attributes|(?:should|will|must)\s+(?:have|contain|include)\s+the\s+following\s+files/i;
const STANDARD_ANNOUNCEMENT = /^The [A-Z][A-Za-z -]*? version of this fix should have the following file attributes or later:$/;
/** The "=====" under the article's main headings (SYMPTOMS, RESOLUTION, STATUS). */
const MAJOR_HEADING_RULE = /^\s*={3,}\s*$/;
const COMPONENT = /^\s*Components?:\s*(.*?)\s*$/;

/** The build language a sentence names before "version" ("The Japanese version of this fix", "The post-SP3 English-language version"). */
function announcedLanguage(text: string): Pick<Announcement, 'language' | 'unknownLanguage'> {
  const head = text.split(/\bversions?\s+of\s+(?:this|the|these)\b/i)[0] ?? text;
  const language = languageNamedIn(head);
  if (language !== undefined) return { language };
  const other = /\b(Pan[ -]Chinese|Chinese|International|Multilingual)\b/i.exec(head);
  if (other && isLanguageWithoutId(other[1] as string)) return { unknownLanguage: other[1] as string };
  return {};
}

/** Reads the announcing sentence that starts at `index`, if one does: it may run over several lines, up to the one ending with a colon. */
function readAnnouncement(lines: readonly string[], index: number): { announcement: Announcement; end: number } | undefined {
  const parts: string[] = [];
  let end = index;
  for (; end < lines.length && end < index + 5; end++) {
    const line = (lines[end] as string).trim();
    if (line === '' || isDashRule(line) || isBoxRule(line) || isPipeRow(line) || isDashRule(lines[end + 1] ?? '')) break;
    parts.push(line);
    if (/[:.]$/.test(line)) break;
  }
  const paragraph = parts.join(' ').replace(/\s+/g, ' ');
  if (!ANNOUNCEMENT.test(paragraph)) return undefined;
  // The paragraph may hold sentences before the announcing one ("... first corrected in SP2. The English version ...").
  const sentences = paragraph.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const text = sentences.find((sentence) => ANNOUNCEMENT.test(sentence)) ?? paragraph;
  const platform = platformInText(text.split(/\bshould\b|\bwill\b/i)[0] ?? '');
  return {
    announcement: {
      line: index + 1,
      text,
      ...announcedLanguage(text),
      ...(platform !== undefined ? { platform } : {}),
      orLater: /\bor\s+later\b|\(or later\)/i.test(text),
      unusual: !STANDARD_ANNOUNCEMENT.test(text),
    },
    end: Math.min(end, lines.length - 1),
  };
}

/** The tables of an article and the announcing sentences no table followed. */
export interface FoundTables {
  readonly tables: readonly KbTable[];
  readonly unanswered: readonly { readonly announcement: Announcement; readonly why: string | undefined }[];
}

/**
 * Finds every file table of an article, in order. `lines` have their tabs expanded (positions
 * as printed); `rawLines` are the same lines as written, for telling tab-separated columns.
 */
export function findTables(lines: readonly string[], rawLines: readonly string[] = lines): FoundTables {
  const tables: KbTable[] = [];
  const unanswered: { announcement: Announcement; why: string | undefined }[] = [];
  /** Why the awaited table could not be read, when a table-like thing was seen (a header with no file-name column). */
  let why: string | undefined;
  const unanswer = () => {
    if (awaiting !== undefined) unanswered.push({ announcement: awaiting, why });
    why = undefined;
  };
  let heading: SectionHeading | undefined;
  let component: string | undefined;
  let announcement: Announcement | undefined;
  let subHeading: SubHeading | undefined;
  /** The announcement whose table has not been seen yet, and whether only blank lines and sub-headings came since. */
  let awaiting: Announcement | undefined;
  let fresh = false;

  const context = (): TableContext => ({
    ...(announcement !== undefined ? { announcement } : {}),
    ...(component !== undefined ? { component } : {}),
    ...(heading !== undefined ? { heading } : {}),
    ...(subHeading !== undefined ? { subHeading } : {}),
  });
  const took = (table: KbTable): number => {
    tables.push(table);
    awaiting = undefined;
    fresh = false;
    subHeading = undefined;
    return table.lastLine - 1;
  };
  const newSection = (next: SectionHeading | undefined) => {
    heading = next;
    component = undefined;
    subHeading = undefined;
    // A heading right under an announcing sentence ("IIS 5.0" over dashes, then its table) is part of what was announced.
    if (awaiting !== undefined && next !== undefined) return;
    unanswer();
    announcement = undefined;
    awaiting = undefined;
    fresh = false;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    const next = lines[index + 1] ?? '';

    if (isBoxRule(line) || isPipeRow(line)) {
      const table = readBoxedTable(lines, index, context());
      if (table !== undefined) {
        index = took(table);
        continue;
      }
      while (index + 1 < lines.length && (isBoxRule(lines[index + 1] as string) || isPipeRow(lines[index + 1] as string))) index++;
      fresh = false;
      continue;
    }

    const reading = readHeaderLabels(line);
    if (awaiting !== undefined && reading.unknown.length === 0 && reading.columns.length > 0 && isDashRule(next)) {
      if (!reading.columns.some((column) => column.kind === 'name')) {
        why = `the table under it has no file-name column (${reading.columns.map((column) => column.label).join(', ')})`;
      }
    }
    if (!isDashRule(line) && isHeaderLine(reading, awaiting !== undefined)) {
      const table = readColumnTable(lines, index, context(), awaiting !== undefined, rawLines);
      if (table !== undefined) {
        index = took(table);
        continue;
      }
    }

    if (MAJOR_HEADING_RULE.test(next) && !isDashRule(line) && line.trim().length <= 60) {
      // SYMPTOMS, RESOLUTION, MORE INFORMATION: a new part of the article.
      newSection(undefined);
      index++;
      continue;
    }
    if (isDashRule(next) && !isDashRule(line) && line.trim().length <= 80) {
      // "Exchange Server 5.5" over dashes: a product section.
      const version = headingVersion(line);
      newSection({ line: index + 1, text: line.trim(), ...(version !== undefined ? { version } : {}) });
      index++;
      continue;
    }

    const componentMatch = COMPONENT.exec(line);
    if (componentMatch) {
      component = componentMatch[1] === '' ? undefined : componentMatch[1];
      continue;
    }

    const read = readAnnouncement(lines, index);
    if (read !== undefined) {
      unanswer();
      announcement = read.announcement;
      awaiting = read.announcement;
      fresh = true;
      subHeading = undefined;
      index = read.end;
      continue;
    }

    if (awaiting !== undefined && fresh) {
      const table = readHeaderlessRows(lines, index, context());
      if (table !== undefined) {
        index = took(table);
        continue;
      }
    }

    const sub = readSubHeading(line, index + 1);
    if (sub !== undefined) {
      subHeading = sub;
      continue;
    }
    // Prose: a sub-heading above it ("x86:" over a download link) heads that text, not a table further down.
    subHeading = undefined;
    fresh = false;
  }
  unanswer();
  return { tables, unanswered };
}
