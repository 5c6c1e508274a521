/**
 * The import report: what importing a folder of articles read and left out, per class of the
 * variety the articles print (versions, platforms, sizes, dates, times, layouts, several
 * tables, languages, encodings), so the remaining gaps can be seen and measured.
 * `npm run kb-report -- DIR` prints it (scripts/kbReport.ts).
 */

import { ROW_CLASSES, type RowClass } from './buildManifests.js';
import type { KbImport } from './importKbArticle.js';
import type { KbImportError } from './KbImportError.js';
import type { KbWarningCode } from './warnings.js';

/** One article's outcome: what it gave, or why it was refused. */
export type ArticleOutcome =
  | { readonly article: string; readonly result: KbImport }
  | { readonly article: string; readonly error: KbImportError };

/** Counts for one class of row. */
export interface ClassCount {
  read: number;
  leftOut: number;
  /** Warnings on the rows of this class, by code (left out, or kept as information only). */
  readonly warnings: Partial<Record<KbWarningCode, number>>;
}

/** The whole report, as data (the script prints it, or writes it as JSON). */
export interface ImportReport {
  readonly articles: {
    total: number;
    /** Every row read, no warning. */
    clean: number;
    /** Manifests written, with values kept as information only (no row left out). */
    withNotes: number;
    /** Manifests written without some row. */
    withRowsLeftOut: number;
    refused: number;
  };
  readonly rows: { read: number; leftOut: number };
  manifests: number;
  readonly classes: Record<RowClass | 'plain', ClassCount>;
  readonly warnings: Partial<Record<KbWarningCode, number>>;
  readonly tables: Record<string, number>;
  /** Articles by what they were, told by content (archive text, markdown, html, pasted, csv). */
  readonly sources: Record<string, number>;
  /** Tables and their rows by the layout features their readers saw (padded, vertical, banner-rows, ...). */
  readonly features: Record<string, { tables: number; rows: number }>;
  readonly refused: readonly { article: string; line: number; code: string; problem: string }[];
}

/** Builds the report from the outcomes of importing each article. */
export function importReport(outcomes: readonly ArticleOutcome[]): ImportReport {
  const classes = Object.fromEntries(
    [...ROW_CLASSES, 'plain' as const].map((name) => [name, { read: 0, leftOut: 0, warnings: {} } as ClassCount]),
  ) as Record<RowClass | 'plain', ClassCount>;
  const report: ImportReport = {
    articles: { total: 0, clean: 0, withNotes: 0, withRowsLeftOut: 0, refused: 0 },
    rows: { read: 0, leftOut: 0 },
    manifests: 0,
    classes,
    warnings: {},
    tables: {},
    sources: {},
    features: {},
    refused: [],
  };
  const refused: { article: string; line: number; code: string; problem: string }[] = [];
  for (const outcome of outcomes) {
    report.articles.total++;
    if ('error' in outcome) {
      report.articles.refused++;
      refused.push({ article: outcome.article, line: outcome.error.line, code: outcome.error.code, problem: outcome.error.problem });
      continue;
    }
    const { result } = outcome;
    report.manifests += result.manifests.length;
    const leftOut = result.warnings.some((warning) => warning.leftOut);
    if (leftOut) report.articles.withRowsLeftOut++;
    else if (result.warnings.length > 0) report.articles.withNotes++;
    else report.articles.clean++;
    for (const warning of result.warnings) report.warnings[warning.code] = (report.warnings[warning.code] ?? 0) + 1;
    report.sources[result.source] = (report.sources[result.source] ?? 0) + 1;
    for (const table of result.tables) {
      report.tables[table.layout] = (report.tables[table.layout] ?? 0) + 1;
      for (const feature of table.features) {
        const count = report.features[feature] ?? { tables: 0, rows: 0 };
        report.features[feature] = count;
        count.tables++;
        count.rows += table.rows.length + table.skipped.length;
      }
    }
    for (const row of result.rows) {
      const counted = row.status === 'read' ? 'read' : 'leftOut';
      report.rows[counted]++;
      for (const name of row.classes.length > 0 ? row.classes : (['plain'] as const)) {
        const count = classes[name];
        count[counted]++;
        for (const code of row.warnings) count.warnings[code] = (count.warnings[code] ?? 0) + 1;
      }
    }
  }
  return { ...report, refused };
}

/** What each class counts, for the printed report. */
const CLASS_WORDS: Readonly<Record<RowClass | 'plain', string>> = {
  version: '2/3-part, partial, zero-padded, bare or unreadable versions',
  platform: 'platform cells other than Intel/x86/i386/Alpha, sub-headings, ditto cells',
  size: 'sizes with bytes/KB/MB or dots',
  date: 'day-first, month-name, ambiguous or placeholder dates',
  time: 'times with dots or placeholders',
  layout:
    'header synonyms, column order, no rule, blank after rule, tabs, no header, wrapped rows; padded, spacer rows, escapes, ' +
    'nested, vertical, branch columns, banner rows, quoted cells',
  tables: 'articles with several tables',
  language: 'language cells with ids or locale names',
  encoding: 'UTF-16 or Windows-1252 text',
  plain: 'none of the above',
};

/** The report as text for a person. */
export function formatImportReport(report: ImportReport): string {
  const { articles, rows } = report;
  const lines = [
    `articles: ${articles.total} (every row read: ${articles.clean}; values kept as information: ${articles.withNotes}; ` +
      `rows left out: ${articles.withRowsLeftOut}; refused: ${articles.refused})`,
    `rows: ${rows.read} read, ${rows.leftOut} left out; ${report.manifests} manifests`,
    `sources: ${
      Object.entries(report.sources)
        .map(([source, count]) => `${source} ${count}`)
        .join(', ') || 'none'
    }`,
    `tables by layout: ${
      Object.entries(report.tables)
        .map(([layout, count]) => `${layout} ${count}`)
        .join(', ') || 'none'
    }`,
    `layout features: ${
      Object.entries(report.features)
        .map(([feature, count]) => `${feature} ${count.tables} (${count.rows} rows)`)
        .join(', ') || 'none'
    }`,
    '',
    'class       rows read  left out  warnings on these rows',
  ];
  for (const [name, count] of Object.entries(report.classes) as [RowClass | 'plain', ClassCount][]) {
    const warnings = Object.entries(count.warnings)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    lines.push(`${name.padEnd(10)} ${String(count.read).padStart(10)} ${String(count.leftOut).padStart(9)}  ${warnings || '-'}`);
    lines.push(`           (${CLASS_WORDS[name]})`);
  }
  lines.push('', 'warnings by code:');
  const codes = Object.entries(report.warnings);
  if (codes.length === 0) lines.push('  none');
  for (const [code, count] of codes) lines.push(`  ${code}: ${count}`);
  lines.push('', `refused articles: ${report.refused.length}`);
  for (const refusal of report.refused) lines.push(`  ${refusal.article}, line ${refusal.line}: ${refusal.code}: ${refusal.problem}`);
  return `${lines.join('\n')}\n`;
}
