/**
 * The one table model every layout reader produces and the manifest builder reads.
 *
 * A reader (boxed, column, headerless for the archive's plain text; Markdown, HTML, text copied from a
 * page and file-information CSV for today's articles) knows only how
 * its layout prints cells: it hands over the cells of each row as printed text, where each row
 * is, what it could not split, and what the text around the table says (the announcing
 * sentence, the section heading, a "Component:" line, a platform or language sub-heading).
 * Giving the cells meaning (versions, dates, platforms, languages, one manifest per branch or
 * platform) happens once, in buildManifests.ts, whatever the layout.
 */

import type { Platform } from '../model/manifest.js';
import type { KnownLanguage } from './languages.js';

/**
 * The kinds of column a KB file table has; `other` is a column the importer keeps but does not use ("Description").
 * Today's articles add `branch` (Service branch: GDR, LDR, QFE, SP3GDR, WOW), `requirement` (SP requirement)
 * and, in a package's hash table, `sha1` and `sha256`.
 */
export type ColumnKind =
  | 'name'
  | 'version'
  | 'size'
  | 'date'
  | 'time'
  | 'platform'
  | 'language'
  | 'branch'
  | 'requirement'
  | 'sha1'
  | 'sha256'
  | 'other';

/** Every kind, in the order messages list them. */
export const COLUMN_KINDS: readonly ColumnKind[] = [
  'name',
  'version',
  'size',
  'date',
  'time',
  'platform',
  'language',
  'branch',
  'requirement',
  'sha1',
  'sha256',
  'other',
];

/** Human name of a column kind, for messages. */
export const COLUMN_NAMES: Readonly<Record<ColumnKind, string>> = {
  name: 'File name',
  version: 'Version',
  size: 'Size',
  date: 'Date',
  time: 'Time',
  platform: 'Platform',
  language: 'Language',
  branch: 'Service branch',
  requirement: 'SP requirement',
  sha1: 'SHA1 hash',
  sha256: 'SHA256 hash',
  other: 'Other',
};

/** One column of a table: its kind, its label as printed ('' when the table prints no header) and, for text layouts, where it sits. */
export interface TableColumn {
  readonly kind: ColumnKind;
  readonly label: string;
  /** 0-based character offset of the label (tabs expanded), when the layout has positions. */
  readonly start?: number;
  readonly end?: number;
}

/** The cells of one row by column, as printed; a column the row leaves empty is absent or "". */
export type Cells = Readonly<Partial<Record<ColumnKind, string>>>;

/** What a short line above some rows says about them ("Intel:", "Alpha-based computers:", "French:", "Outlook 2000:"). */
export interface SubHeading {
  readonly line: number;
  readonly text: string;
  /** The processor it names ('all' for "Intel and Alpha"), if any. */
  readonly platform?: string;
  readonly language?: KnownLanguage;
  /** The major.minor it names ("Exchange Server 5.5:"), if any. */
  readonly version?: string;
}

/** One row of a table. */
export interface TableRow {
  /** 1-based line the row starts on. */
  readonly line: number;
  readonly cells: Cells;
  /** Runs of rows separated by a blank line or a sub-heading are numbered from 0. */
  readonly group: number;
  /** True when the row goes on over more than one line of text. */
  readonly wrapped?: boolean;
  /** The nearest sub-heading inside the table above the row. */
  readonly subHeading?: SubHeading;
}

/** A line inside a table that looks like a row but could not be split into the table's columns. */
export interface SkippedLine {
  readonly line: number;
  readonly text: string;
  readonly problem: string;
  /** The cell that could not be read, when one can be named. */
  readonly cell?: { readonly kind: ColumnKind; readonly text: string };
}

/** The sentence that announces a file table ("The English version of this fix should have the following file attributes or later:"). */
export interface Announcement {
  /** 1-based line the sentence starts on. */
  readonly line: number;
  /** The sentence, on one line. */
  readonly text: string;
  /** The build language it names; undefined when it names none or one without a single language id. */
  readonly language?: KnownLanguage;
  /** The language word it names that the importer has no language id for ("Pan Chinese"), if any. */
  readonly unknownLanguage?: string;
  /** The processor it names ("The Alpha-based version of this fix"), if any. */
  readonly platform?: string;
  /** Whether it says "or later". */
  readonly orLater: boolean;
  /** Whether it is worded other than "The <Language> version of this fix should have the following file attributes or later:". */
  readonly unusual: boolean;
}

/** A section heading ("Exchange Server 5.5" over dashes, "Windows NT 4.0:"). */
export interface SectionHeading {
  readonly line: number;
  readonly text: string;
  /** The major.minor it names, if any. */
  readonly version?: string;
}

/**
 * The section a table of today's articles sits in: "For all supported x64-based versions of Windows 7", a CSV's
 * banner row ("Windows 11, version 24H2 LCU x64-based"), SQL Server's "x64-based versions". Its platform is the
 * update package's; the Platform cell of each row is the file's own (x86 files of an x64 package run under WOW64).
 */
export interface PackageSection {
  readonly line: number;
  readonly text: string;
  readonly platform?: Platform;
  /** What the section is for, without the platform words ("Windows 7 and of Windows Server 2008 R2"), if anything. */
  readonly product?: string;
  /** "Additional files for ...": the servicing files (.mum, .manifest, .cat) of the package. */
  readonly additional?: boolean;
}

/** What the text around a table says about it. */
export interface TableContext {
  readonly announcement?: Announcement;
  /** The "Component:" line above the table, if any and not empty. */
  readonly component?: string;
  readonly heading?: SectionHeading;
  /** A sub-heading between the announcement (or heading) and the table ("Windows 95:", "Intel:"). */
  readonly subHeading?: SubHeading;
  /** Today's articles: the package section the table is in. */
  readonly section?: PackageSection;
  /** Today's articles: the product the table itself names (an Exchange build table's "Exchange Server 2019"). */
  readonly product?: string;
  /**
   * Today's articles: the required version's build is part of its branch (an Exchange cumulative update: 15.2.792.x is
   * CU8's line, 15.2.721.x CU7's), so the manifest's branch is major.minor.build.
   */
  readonly buildBranch?: boolean;
}

/** Layout features a reader saw; the import report counts rows by them. */
export type LayoutFeature =
  /** A header word other than File name/Version/Size/Date/Time/Platform ("Name", "Version#", "File Version"). */
  | 'header-synonym'
  /** Columns in another order than Date, Time, Version, Size, File name, Platform. */
  | 'column-order'
  /** No dashed rule under the header. */
  | 'no-rule'
  /** A blank line between the rule and the first row. */
  | 'blank-after-rule'
  /** Columns separated by tabs. */
  | 'tabs'
  /** No header at all: columns inferred from the values. */
  | 'no-header'
  /** Rows that go on over a second line. */
  | 'wrapped-rows'
  /** Markdown: cells padded with spaces, or a "|:---:|" rule with alignment colons. */
  | 'padded'
  /** Empty spacer rows ("|||||||"), a CSV's blank records or cells padded out with empty ones. */
  | 'spacer-rows'
  /** Cells with Markdown escapes or emphasis ("Sql\_as\_keyfile.dll", "*xxx*") or HTML line breaks ("<br/>"). */
  | 'escaped'
  /** A table inside a list item or a <details> block. */
  | 'nested'
  /** A "vertical" record table: one "| File name | X |" row per field, records separated by empty rows. */
  | 'vertical'
  /** An extra column the old tables never had: Service branch, SP requirement. */
  | 'branch-columns'
  /** A CSV: a banner or title row before each section, a byte-order mark, quoted cells, CRLF. */
  | 'banner-rows'
  | 'quoted';

/**
 * Layouts the readers know: the archive's plain text (boxed, columns, headerless) and today's articles
 * (Markdown pipe tables, HTML tables, tab-separated text copied from a page, file-information CSV, and the
 * Exchange build table, whose file is named in the text above it).
 */
export type TableLayout = 'boxed' | 'columns' | 'headerless' | 'markdown' | 'html' | 'pasted' | 'csv' | 'builds';

/** A file table as printed, with where it is and what surrounds it. */
export interface KbTable {
  readonly layout: TableLayout;
  readonly features: readonly LayoutFeature[];
  /** 1-based line of the header row, when the table has one. */
  readonly headerLine?: number;
  /** 1-based first and last line of the table. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  readonly skipped: readonly SkippedLine[];
  readonly context: TableContext;
}

/** The kinds of a table's columns, in order. */
export function kindsOf(table: Pick<KbTable, 'columns'>): ColumnKind[] {
  return table.columns.map((column) => column.kind);
}
