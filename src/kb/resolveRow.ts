/**
 * One table row given meaning, whatever layout it came from: the manifest row it becomes, the
 * language and platform text that decide which manifest it joins, the report classes it
 * exercised and the warnings it gave.
 */

import type { ManifestFile, Platform } from '../manifest/types.js';
import { branchOf, parseVersion } from '../version/windowsVersion.js';
import type { ArticleHeader } from './articleHeader.js';
import { knownAliasesOf } from './knownAliases.js';
import { findLanguage, isLanguageWithoutId, isNeutralLanguage, type KnownLanguage } from './languages.js';
import { type DatePolicy, ordersOf } from './rowDates.js';
import { versionOf } from './rowVersions.js';
import { COLUMN_NAMES, type ColumnKind, type KbTable, type TableRow } from './tableModel.js';
import {
  type DateOrder,
  extensionOf,
  isTimePlaceholder,
  numericDate,
  parseKbTime,
  readDate,
  readName,
  readPlatform,
  readSize,
} from './values.js';
import type { KbWarning, KbWarningCode } from './warnings.js';

/** The classes of the import report: what a row exercised of the variety the articles print. */
export type RowClass = 'version' | 'platform' | 'size' | 'date' | 'time' | 'layout' | 'tables' | 'language' | 'encoding';

/** Every row class, in report order. */
export const ROW_CLASSES: readonly RowClass[] = ['version', 'platform', 'size', 'date', 'time', 'layout', 'tables', 'language', 'encoding'];

/** A row given meaning, before it joins a manifest. */
export interface ResolvedRow {
  readonly row: TableRow;
  readonly file: ManifestFile;
  readonly language: KnownLanguage | undefined;
  /** The Language cell names no language: the row belongs to every language's fix. */
  readonly neutral: boolean;
  /** Platform text that names no processor ("Windows 98"): rows are split by it. */
  readonly variant: string | undefined;
  /** Branch of the version the row prints in full, if any. */
  readonly branch: string | undefined;
  readonly classes: Set<RowClass>;
  readonly warnings: KbWarning[];
}

export interface Context {
  readonly article: string;
  readonly header: ArticleHeader;
  readonly warnings: KbWarning[];
}

/** Records a warning on the article (and returns it, for the row's own list). */
export function warn(
  context: Context,
  code: KbWarningCode,
  line: number,
  problem: string,
  leftOut: boolean,
  cell?: { kind: ColumnKind; text: string },
): KbWarning {
  const warning: KbWarning = {
    code,
    article: context.article,
    line,
    ...(cell !== undefined ? { cell: { column: COLUMN_NAMES[cell.kind], text: cell.text } } : {}),
    problem,
    leftOut,
  };
  context.warnings.push(warning);
  return warning;
}

/** The platform a row is for: its own cell, the cell above it when empty (ditto), or a sub-heading or sentence above. */
export function platformOf(
  table: KbTable,
  row: TableRow,
  previous: { platform: string | undefined; subHeading: unknown } | undefined,
): { cpu: Platform | undefined; variant: string | undefined; from: 'cell' | 'above' | 'heading' | undefined; text: string } {
  const text = row.cells.platform ?? '';
  const reading = readPlatform(text);
  if (reading !== undefined) {
    if (reading.kind === 'cpu') return { cpu: reading.platform, variant: undefined, from: 'cell', text };
    if (reading.kind === 'all') return { cpu: undefined, variant: undefined, from: 'cell', text };
    return { cpu: undefined, variant: reading.text, from: 'cell', text };
  }
  if (table.columns.some((column) => column.kind === 'platform') && previous?.platform && previous.subHeading === row.subHeading) {
    const above = readPlatform(previous.platform);
    if (above?.kind === 'cpu') return { cpu: above.platform, variant: undefined, from: 'above', text: previous.platform };
    if (above?.kind === 'other') return { cpu: undefined, variant: above.text, from: 'above', text: previous.platform };
  }
  const heading = row.subHeading?.platform ?? table.context.subHeading?.platform ?? table.context.announcement?.platform;
  if (heading !== undefined && heading !== 'all') return { cpu: heading as Platform, variant: undefined, from: 'heading', text: '' };
  return { cpu: undefined, variant: undefined, from: undefined, text: '' };
}

/**
 * A servicing file of today's updates: the package's .mum, the components' .manifest files, and a .cat listed with
 * them (a vertical record table or an "Additional files" section holds nothing else). A .cat of an old product's
 * own table (Exchange 5.0's Dcprods.cat) is a data file of the product, not of the component store.
 */
function isServicingFile(name: string, table: KbTable): boolean {
  const extension = extensionOf(name);
  if (extension === 'mum' || extension === 'manifest') return true;
  return extension === 'cat' && (table.context.section?.additional === true || table.features.includes('vertical'));
}

/** Turns one row into a manifest row, with its classes and warnings. */
export function resolveRow(
  context: Context,
  table: KbTable,
  row: TableRow,
  policy: DatePolicy,
  previous: { platform: string | undefined; subHeading: unknown } | undefined,
  remarkVariants: ReadonlySet<string>,
): ResolvedRow | undefined {
  const classes = new Set<RowClass>();
  const warnings: KbWarning[] = [];
  const nameText = row.cells.name ?? '';
  const nameReading = readName(nameText);
  if (nameReading === undefined) {
    warnings.push(
      warn(context, 'row-unreadable', row.line, 'the file name cannot be read; the row is left out', true, {
        kind: 'name',
        text: nameText,
      }),
    );
    return undefined;
  }
  const { name } = nameReading;
  const notes: string[] = [];
  const known = knownAliasesOf(name);
  if (known !== undefined) notes.push(known.note);
  if (!nameReading.hasExtension) notes.push(`The KB prints the file name without an extension (${name}).`);
  if (nameReading.remark !== undefined) notes.push(`The KB prints ${JSON.stringify(nameReading.remark)} after the file name.`);

  const version = versionOf(context.header, table, row, name);
  notes.push(...version.notes);
  if (version.unusual) classes.add('version');
  if (version.warning !== undefined) {
    warnings.push(
      warn(context, 'version-information', row.line, version.warning, false, { kind: 'version', text: row.cells.version ?? '' }),
    );
  }

  // Date: the evidence of a row judged by presence; information otherwise.
  let date: string | undefined;
  let kbDate: string | undefined;
  let dateUnreadable = false;
  const dateText = row.cells.date ?? '';
  const years = context.header.modern === true ? 'modern' : 'archive';
  // A servicing file of today's updates (.mum, .manifest, .cat) is judged by presence and size: the component store
  // writes it when the update is installed, so its timestamp says nothing of the build.
  const servicing = context.header.modern === true && isServicingFile(name, table);
  if (dateText !== '' && !servicing) {
    const reading = readDate(dateText, years);
    let iso: string | undefined;
    let why: string | undefined;
    if (reading?.kind === 'fixed') {
      iso = reading.iso;
      if (!/^\d{1,2}-[A-Za-z]{3}-\d{4}$/.test(dateText)) classes.add('date');
    } else if (reading?.kind === 'numeric') {
      const orders = ordersOf(dateText, years);
      const readings = new Set(orders.map((order) => numericDate(reading, order)));
      if (orders.length === 1) iso = numericDate(reading, orders[0] as DateOrder);
      else if (readings.size === 1) iso = [...readings][0];
      else if (policy.order !== undefined) iso = numericDate(reading, policy.order);
      else why = `it reads as two different dates and ${policy.why}`;
      if (orders.length === 1 && orders[0] === 'day-first') classes.add('date');
      if (orders.length === 2 && readings.size === 2 && policy.order === 'day-first') classes.add('date');
      if (iso !== undefined && context.header.date !== undefined && iso > context.header.date) {
        why = `it reads as ${iso}, after the article's own date ${context.header.date}`;
        iso = undefined;
      }
    } else {
      why = reading?.kind === 'placeholder' ? 'the article prints a placeholder, not a date' : 'it cannot be read as a date';
    }
    if (iso === undefined) {
      classes.add('date');
      dateUnreadable = true;
      kbDate = dateText;
      if (version.version === null) {
        warnings.push(
          warn(context, 'date-information', row.line, `the date is kept as information only: ${why}`, false, {
            kind: 'date',
            text: dateText,
          }),
        );
        notes.push(`The KB prints the date ${JSON.stringify(dateText)}; kept as information only: ${why}.`);
      } else {
        notes.push(`The KB prints the date ${JSON.stringify(dateText)}, which is not used (${why}); the row is judged by its version.`);
      }
    } else if (version.version === null) {
      // Without a version, the date the KB prints is the evidence: the copy must be no older.
      date = iso;
    }
  }
  const timeText = row.cells.time ?? '';
  if (timeText !== '' && (isTimePlaceholder(timeText) || !/^\d{1,2}:\d{2}(:\d{2})?\s?([ap]m?)?$/i.test(timeText))) {
    if (parseKbTime(timeText) !== undefined || isTimePlaceholder(timeText)) classes.add('time');
  }

  // Size: evidence for a row judged by presence, exact bytes only.
  let size: number | undefined;
  let kbSize: string | undefined;
  const sizeText = row.cells.size ?? '';
  if (sizeText !== '') {
    const reading = readSize(sizeText);
    if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(sizeText)) classes.add('size');
    if (servicing) {
      // Windows keeps the manifests in its component store compressed: the size the KB prints is information only.
      kbSize = sizeText;
    } else if (version.version === null) {
      if (reading?.kind === 'bytes' && !dateUnreadable) size = reading.bytes;
      else if (reading !== undefined) kbSize = sizeText;
      else {
        kbSize = sizeText;
        warnings.push(
          warn(context, 'size-information', row.line, 'the size cannot be read; kept as information', false, {
            kind: 'size',
            text: sizeText,
          }),
        );
      }
      if (reading?.kind === 'approximate') notes.push(`The KB prints the rounded size ${sizeText}; kept as information, never required.`);
    }
  }

  const platform = platformOf(table, row, previous);
  if (platform.from === 'heading' || platform.from === 'above' || platform.variant !== undefined) classes.add('platform');
  if (platform.from === 'cell' && !/^(intel|i386|x86|alpha)$/i.test(platform.text)) classes.add('platform');
  if (platform.from === 'above') notes.push(`The Platform cell is empty; the row is for the platform of the row above (${platform.text}).`);

  // Language cell, or a language sub-heading over the rows ("Simplified Chinese").
  const languageText = row.cells.language ?? '';
  let language: KnownLanguage | undefined = languageText === '' ? row.subHeading?.language : undefined;
  // A file listed twice, told apart by a remark after its name ("Mstsc.exe (32-bit)", "(16-bit)"): one fix each.
  let variant = platform.variant ?? (remarkVariants.has(name.toLowerCase()) ? nameReading.remark : undefined);
  if (languageText === '' && language === undefined && row.subHeading !== undefined && isLanguageWithoutId(row.subHeading.text)) {
    variant ??= row.subHeading.text;
  }
  let neutral = false;
  if (languageText !== '') {
    if (isNeutralLanguage(languageText)) neutral = true;
    else language = findLanguage(languageText);
    if (language === undefined && !neutral) {
      neutral = true;
      notes.push(
        `The Language cell ${JSON.stringify(languageText)} names no language with a language id; the row is in every language's fix.`,
      );
    }
    if (!/^[A-Za-z]+$/.test(languageText)) classes.add('language');
  }

  if (row.wrapped || table.features.length > 0) classes.add('layout');

  if (servicing) {
    // Thousands of these in a cumulative update: the row's "servicing" says what the note would.
    const at = notes.findIndex((text) => text.startsWith('Data file'));
    if (at >= 0) notes.splice(at, 1);
  }
  const file: ManifestFile = {
    name,
    version: version.version,
    ...(known !== undefined ? { aliases: known.aliases } : {}),
    ...(platform.cpu !== undefined ? { platform: platform.cpu } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(nameReading.folder !== undefined ? { folder: nameReading.folder } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(version.kbVersion !== undefined ? { kbVersion: version.kbVersion } : {}),
    ...(kbSize !== undefined ? { kbSize } : {}),
    ...(kbDate !== undefined && version.version === null ? { kbDate } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    ...(servicing ? { servicing: true } : {}),
  };
  const branch = version.version === null ? undefined : branchOf(parseVersion(version.version));
  return { row, file, language, neutral, variant, branch, classes, warnings };
}
