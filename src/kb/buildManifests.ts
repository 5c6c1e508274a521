/**
 * Gives meaning to the tables an article prints, whatever their layout: one manifest per table
 * (or per run of rows of one branch, per language, per platform text that names no processor),
 * rows in table order, and a warning (as data) for every row left out and every value kept as
 * information only.
 *
 * What it cannot know, it never invents: a version that cannot be read or completed is never
 * a requirement, a date that reads two ways is never one, a rounded size is information.
 */

import type { Manifest, ManifestFile, ManifestLanguage, Platform } from '../manifest/types.js';
import { branchOf, parseVersion } from '../version/windowsVersion.js';
import type { ArticleHeader } from './articleHeader.js';
import { knownAliasesOf } from './knownAliases.js';
import { findLanguage, isLanguageWithoutId, isNeutralLanguage, type KnownLanguage } from './languages.js';
import { COLUMN_NAMES, type ColumnKind, type KbTable, type TableRow } from './tableModel.js';
import {
  type DateOrder,
  extensionOf,
  isDataFile,
  isTimePlaceholder,
  numericDate,
  parseKbTime,
  readDate,
  readName,
  readPlatform,
  readSize,
  readVersion,
} from './values.js';
import type { KbWarning, KbWarningCode } from './warnings.js';

/** The classes of the import report: what a row exercised of the variety the articles print. */
export type RowClass = 'version' | 'platform' | 'size' | 'date' | 'time' | 'layout' | 'tables' | 'language' | 'encoding';

/** Every row class, in report order. */
export const ROW_CLASSES: readonly RowClass[] = ['version', 'platform', 'size', 'date', 'time', 'layout', 'tables', 'language', 'encoding'];

/** One row of the article as the import report counts it. */
export interface RowRecord {
  readonly line: number;
  readonly status: 'read' | 'left-out';
  /** The classes the row exercised (none for a row any earlier importer read too). */
  readonly classes: readonly RowClass[];
  /** Why it was left out, or what was kept as information only. */
  readonly warnings: readonly KbWarningCode[];
}

/** What the builder gives: the manifests (ids not yet unique across articles), the warnings and a record per row. */
export interface BuiltArticle {
  readonly manifests: Manifest[];
  readonly warnings: KbWarning[];
  readonly rows: RowRecord[];
}

/** Facts about the article's text that tag every row (its encoding). */
export interface ArticleFacts {
  /** True when the text was not plain ASCII UTF-8 (UTF-16, Windows-1252). */
  readonly unusualEncoding: boolean;
}

/** A row given meaning, before it joins a manifest. */
interface ResolvedRow {
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

/** A run of rows that becomes one manifest. */
interface Unit {
  readonly table: KbTable;
  readonly rows: ResolvedRow[];
  readonly language: KnownLanguage | undefined;
  readonly variant: string | undefined;
  /** Set when the rows continue a table after a blank line with versions of another branch. */
  readonly continuesFrom: number | undefined;
}

interface Context {
  readonly article: string;
  readonly header: ArticleHeader;
  readonly warnings: KbWarning[];
}

function warn(
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

// ---------------------------------------------------------------------------------------------
// Dates: month first or day first, decided per table from the dates that can only be read one way.

/** The orders an all-numbers date can be read in. */
function ordersOf(text: string): DateOrder[] {
  const reading = readDate(text);
  if (reading?.kind !== 'numeric') return [];
  return (['month-first', 'day-first'] as const).filter((order) => numericDate(reading, order) !== undefined);
}

/** The evidence a set of date texts gives: the orders some date can only be read in. */
function evidenceOf(texts: readonly string[]): Set<DateOrder> {
  const evidence = new Set<DateOrder>();
  for (const text of texts) {
    const orders = ordersOf(text);
    if (orders.length === 1) evidence.add(orders[0] as DateOrder);
  }
  return evidence;
}

/** How a table's all-numbers dates are read: in one order, or (undefined) not at all where they read two ways. */
interface DatePolicy {
  readonly order: DateOrder | undefined;
  readonly why: string;
}

function datePolicy(table: KbTable, articleEvidence: ReadonlySet<DateOrder>): DatePolicy {
  const own = evidenceOf(table.rows.map((row) => row.cells.date ?? ''));
  if (own.size === 1) {
    const order = [...own][0] as DateOrder;
    return { order, why: order === 'day-first' ? 'the table has dates that only make sense day first' : 'month first (US order)' };
  }
  if (own.size === 2) return { order: undefined, why: 'the table has dates in both orders' };
  if (articleEvidence.size === 1) {
    const order = [...articleEvidence][0] as DateOrder;
    return { order, why: order === 'day-first' ? "the article's other dates only make sense day first" : 'month first (US order)' };
  }
  if (articleEvidence.size === 2) return { order: undefined, why: 'the article has dates in both orders' };
  return { order: 'month-first', why: 'month first (US order)' };
}

// ---------------------------------------------------------------------------------------------
// Versions.

/** The branches (major.minor) of the four-part versions some rows print, most frequent first. */
function fullBranches(rows: readonly TableRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const reading = readVersion(row.cells.version ?? '');
    if (reading.kind !== 'parts' || reading.parts.length !== 4 || isDataFile(readName(row.cells.name ?? '')?.name ?? '')) continue;
    const branch = `${reading.parts[0]}.${reading.parts[1]}`;
    counts.set(branch, (counts.get(branch) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([branch]) => branch);
}

/**
 * The branch a two-part "build.revision" version ("2543.1", "996.26") belongs to, where it is
 * certain, and why: the table's four-part versions all say one branch, or the section heading
 * names one of the article's product versions, or the article names one product version.
 */
function branchForPartial(header: ArticleHeader, table: KbTable, row: TableRow): { branch: string; why: string } | { problem: string } {
  const group = table.rows.filter((other) => other.group === row.group);
  const printed = fullBranches(group).length > 0 ? fullBranches(group) : fullBranches(table.rows);
  if (printed.length === 1) return { branch: printed[0] as string, why: `the table's other versions (${printed[0]}.x)` };
  if (printed.length > 1) return { problem: `the table's full versions span several branches (${printed.join(', ')})` };
  const products = header.productVersions.length > 0 ? header.productVersions : [...new Set(header.appliesTo.flatMap((a) => a.versions))];
  const heading = row.subHeading?.version ?? table.context.subHeading?.version ?? table.context.heading?.version;
  if (heading !== undefined && (products.length === 0 || products.includes(heading))) {
    return { branch: heading, why: `the section heading (${heading})` };
  }
  if (products.length === 1) return { branch: products[0] as string, why: `the product version ${products[0]}` };
  return {
    problem:
      products.length === 0
        ? 'the article gives no product version'
        : `the article names several product versions (${products.join(', ')}) and no row has a full version`,
  };
}

interface VersionOutcome {
  readonly version: string | null;
  readonly kbVersion?: string;
  readonly notes: string[];
  readonly unusual: boolean;
  readonly warning?: string;
}

/** Decides what a row requires from its Version cell. */
function versionOf(header: ArticleHeader, table: KbTable, row: TableRow, name: string): VersionOutcome {
  if (!table.columns.some((column) => column.kind === 'version')) return { version: null, notes: [], unusual: false };
  const text = row.cells.version ?? '';
  const reading = readVersion(text);
  const data = isDataFile(name);
  const kind = `Data file${extensionOf(name) === '' ? '' : ` (.${extensionOf(name)})`}`;
  if (reading.kind === 'blank') {
    return data
      ? { version: null, notes: [`${kind}: it has no version resource; checked by presence.`], unusual: false }
      : {
          version: null,
          notes: ['The KB prints no version for this file; it is checked by presence and by what else the row prints.'],
          unusual: true,
        };
  }
  if (reading.kind === 'none') {
    return {
      version: null,
      notes: [
        data
          ? `${kind}: it has no version resource; checked by presence.`
          : `The KB gives no version (${reading.text}); checked by presence.`,
      ],
      unusual: !/^n\/a$/i.test(reading.text),
    };
  }
  if (reading.kind === 'unreadable') {
    return {
      version: null,
      kbVersion: reading.text,
      notes: [
        `The KB prints the version ${JSON.stringify(reading.text)}, which cannot be read; kept as information, ` +
          'the file is checked by presence.',
      ],
      unusual: true,
      warning: `the version cannot be read; kept as information (the file is checked by presence, never by a guessed version)`,
    };
  }
  const { parts } = reading;
  const canonical = parts.join('.');
  const unusual = parts.length !== 4 || canonical !== reading.text;
  if (data) {
    return {
      version: null,
      kbVersion: reading.text,
      notes: [
        `${kind}: it has no version resource, so the version the KB prints (${reading.text}) is kept as information and the file ` +
          'is checked by presence.',
      ],
      unusual,
    };
  }
  const remark = reading.remark === undefined ? [] : [`The KB prints ${JSON.stringify(reading.remark)} after the version.`];
  if (parts.length === 4) {
    return { version: canonical, ...(canonical !== reading.text ? { kbVersion: reading.text } : {}), notes: remark, unusual };
  }
  if (parts.length === 3) {
    const version = `${canonical}.0`;
    return {
      version,
      kbVersion: reading.text,
      notes: [`The KB prints the three-part version ${reading.text}; read as ${version}.`, ...remark],
      unusual,
    };
  }
  if (parts.length === 2 && (parts[0] as number) < 100) {
    // "1.2", "8.01": a major.minor, not a build.revision.
    const version = `${canonical}.0.0`;
    return {
      version,
      kbVersion: reading.text,
      notes: [`The KB prints the two-part version ${reading.text}; read as ${version}.`, ...remark],
      unusual,
    };
  }
  if (parts.length === 2) {
    const completion = branchForPartial(header, table, row);
    if ('branch' in completion) {
      const version = `${completion.branch}.${canonical}`;
      return {
        version,
        kbVersion: reading.text,
        notes: [`The KB prints the incomplete version ${reading.text}; completed to ${version} from ${completion.why}.`, ...remark],
        unusual,
      };
    }
    return {
      version: null,
      kbVersion: reading.text,
      notes: [
        `The KB prints the incomplete version ${reading.text}, which cannot be completed with certainty (${completion.problem}); ` +
          'kept as information.',
      ],
      unusual,
      warning: `the incomplete version cannot be completed with certainty (${completion.problem}); kept as information`,
    };
  }
  return {
    version: null,
    kbVersion: reading.text,
    notes: [`The KB prints the version ${reading.text}, a bare number that is no Windows file version; kept as information.`],
    unusual,
    warning: 'a bare number is no Windows file version; kept as information (the file is checked by presence)',
  };
}

// ---------------------------------------------------------------------------------------------
// Rows.

/** The platform a row is for: its own cell, the cell above it when empty (ditto), or a sub-heading or sentence above. */
function platformOf(
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

/** Turns one row into a manifest row, with its classes and warnings. */
function resolveRow(
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
  if (dateText !== '') {
    const reading = readDate(dateText);
    let iso: string | undefined;
    let why: string | undefined;
    if (reading?.kind === 'fixed') {
      iso = reading.iso;
      if (!/^\d{1,2}-[A-Za-z]{3}-\d{4}$/.test(dateText)) classes.add('date');
    } else if (reading?.kind === 'numeric') {
      const orders = ordersOf(dateText);
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
    if (version.version === null) {
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
  };
  const branch = version.version === null ? undefined : branchOf(parseVersion(version.version));
  return { row, file, language, neutral, variant, branch, classes, warnings };
}

// ---------------------------------------------------------------------------------------------
// Units: which rows make one manifest.

function unitsOf(table: KbTable, rows: readonly ResolvedRow[]): Unit[] {
  // Runs of groups: a group of another branch (Q195215: 5.5 rows, a blank line, 5.0 rows) starts a new run;
  // a group that prints no full version names no branch, so it stays with the rows around it.
  const runs: { rows: ResolvedRow[]; start: number | undefined; branch: string | undefined }[] = [];
  const groups = new Map<number, ResolvedRow[]>();
  for (const row of rows) groups.set(row.row.group, [...(groups.get(row.row.group) ?? []), row]);
  let first = true;
  for (const group of groups.values()) {
    const counts = new Map<string, number>();
    for (const row of group) if (row.branch !== undefined) counts.set(row.branch, (counts.get(row.branch) ?? 0) + 1);
    const branch = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const last = runs[runs.length - 1];
    if (last !== undefined && (branch === undefined || last.branch === undefined || branch === last.branch)) {
      last.rows.push(...group);
      last.branch ??= branch;
    } else {
      runs.push({ rows: [...group], start: first ? undefined : (table.headerLine ?? table.firstLine), branch });
    }
    first = false;
  }

  const units: Unit[] = [];
  for (const run of runs) {
    // Platform text that names no processor ("Windows 98", "Windows 98 Second Edition"): one fix each.
    const variants = [...new Set(run.rows.map((row) => row.variant))];
    for (const variant of variants) {
      const ofVariant = run.rows.filter((row) => row.variant === variant);
      const byTag = new Map<string, KnownLanguage>();
      for (const row of ofVariant) if (row.language !== undefined) byTag.set(row.language.tag, row.language);
      if (byTag.size === 0) {
        units.push({ table, rows: ofVariant, language: undefined, variant, continuesFrom: run.start });
        continue;
      }
      // Language-neutral rows belong to every language's fix.
      for (const language of byTag.values()) {
        const rowsOf = ofVariant.filter((row) => row.language === undefined || row.language.tag === language.tag);
        units.push({ table, rows: rowsOf, language, variant, continuesFrom: run.start });
      }
    }
  }
  return units;
}

/**
 * Shares a unit's rows into layers of one row per file and platform, as a manifest must hold
 * them: a row listed again with the same values is merged into the first (with a note); one
 * listed again with other values (Q304742 lists Rpcrt4.dll for I386 twice; Q311127 lists its
 * files with no platform, then again for Alpha) goes to the next layer, a fix of its own, with
 * a warning, so that every row the article prints is in some manifest.
 */
function layersOf(context: Context, rows: readonly ResolvedRow[], warned: Set<ResolvedRow>): ResolvedRow[][] {
  const layers: ResolvedRow[][] = [];
  const keyOf = (file: ManifestFile) => file.name.toLowerCase();
  const clashIn = (layer: readonly ResolvedRow[], row: ResolvedRow) =>
    layer.find(
      (other) =>
        keyOf(other.file) === keyOf(row.file) &&
        (other.file.platform === undefined || row.file.platform === undefined || other.file.platform === row.file.platform),
    );
  for (const row of rows) {
    const first = layers[0] === undefined ? undefined : clashIn(layers[0], row);
    if (
      first !== undefined &&
      first.file.platform === row.file.platform &&
      first.file.version === row.file.version &&
      first.file.date === row.file.date &&
      first.file.size === row.file.size
    ) {
      const layer = layers[0] as ResolvedRow[];
      const note = `The KB lists this file again at line ${row.row.line} with the same values.`;
      layer[layer.indexOf(first)] = {
        ...first,
        file: { ...first.file, note: first.file.note === undefined ? note : `${first.file.note} ${note}` },
      };
      continue;
    }
    let index = layers.findIndex((layer) => clashIn(layer, row) === undefined);
    if (index < 0) {
      layers.push([]);
      index = layers.length - 1;
    }
    (layers[index] as ResolvedRow[]).push(row);
    if (index > 0 && !warned.has(row)) {
      warned.add(row);
      row.warnings.push(
        warn(
          context,
          'row-duplicate',
          row.row.line,
          `${row.file.name} is listed again with other values (first at line ${first?.row.line}); the row is kept in a manifest of its own`,
          false,
          { kind: 'name', text: row.row.cells.name ?? '' },
        ),
      );
    }
  }
  // Drop a known alias where the layer lists that name itself.
  return layers.map((layer) =>
    layer.map((row) => {
      const { aliases } = row.file;
      if (aliases === undefined) return row;
      const remaining = aliases.filter((alias) => !layer.some((other) => keyOf(other.file) === alias.toLowerCase()));
      if (remaining.length === aliases.length) return row;
      const { aliases: _dropped, ...rest } = row.file;
      return { ...row, file: remaining.length > 0 ? { ...rest, aliases: remaining } : rest };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Manifests.

/** The branch of a manifest's files, and a note when they do not agree. */
function branchOfFiles(
  files: readonly ManifestFile[],
  products: readonly string[],
): { branch: string | undefined; note: string | undefined } {
  const counts = new Map<string, number>();
  for (const file of files) {
    if (file.version === null) continue;
    const branch = branchOf(parseVersion(file.version));
    counts.set(branch, (counts.get(branch) ?? 0) + 1);
  }
  const branches = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([branch]) => branch);
  if (branches.length <= 1) return { branch: branches[0], note: undefined };
  const ofProduct = branches.filter((branch) => products.includes(branch));
  const branch = ofProduct.length === 1 ? (ofProduct[0] as string) : (branches[0] as string);
  const why = ofProduct.length === 1 ? 'the product version' : 'most rows';
  return { branch, note: `The rows' versions span branches ${branches.join(', ')}; the branch is ${branch}, after ${why}.` };
}

/** The product version of a manifest: its branch where the article names it, else the article's only one, else the section heading's. */
function productVersionOf(header: ArticleHeader, branch: string | undefined, headingVersion: string | undefined): string | undefined {
  const products = header.productVersions;
  if (branch !== undefined && products.includes(branch)) return branch;
  if (products.length === 1) return products[0];
  if (headingVersion !== undefined && products.includes(headingVersion)) return headingVersion;
  return undefined;
}

/** The product name: the "applies to" entry for this version when it names one product, else the PRODUCT line, else the first entry. */
function productNameOf(header: ArticleHeader, productVersion: string | undefined): string {
  const entries = header.appliesTo.filter((entry) => productVersion === undefined || entry.versions.includes(productVersion));
  const names = [...new Set(entries.map((entry) => entry.name))];
  if (names.length === 1) return names[0] as string;
  if (header.product !== '') return header.product;
  return header.appliesTo[0]?.name ?? 'Unknown product (the article names none)';
}

interface Built {
  readonly manifest: Omit<Manifest, 'id'>;
  readonly tag: string | undefined;
}

/** The lowest manifest format a manifest needs: 1.1 only for what 1.1 added, so older readers keep reading the rest. */
function formatVersionFor(files: readonly ManifestFile[]): string {
  const uses11 = files.some(
    (file) => file.kbSize !== undefined || file.kbDate !== undefined || file.platform === 'mips' || file.platform === 'powerpc',
  );
  return uses11 ? '1.1.0' : '1.0.0';
}

function manifestOf(context: Context, unit: Unit, files: readonly ManifestFile[], layer: number): Built {
  const { header } = context;
  const { table } = unit;
  const announcement = table.context.announcement;
  const notes: string[] = [];
  const { branch, note: branchNote } = branchOfFiles(files, header.productVersions);
  if (branchNote !== undefined) notes.push(branchNote);
  const headingVersion = table.context.subHeading?.version ?? table.context.heading?.version;
  const productVersion = productVersionOf(header, branch, headingVersion);
  const subLanguage = unit.rows.find((row) => row.row.subHeading?.language !== undefined)?.row.subHeading?.language;
  const known = unit.language ?? subLanguage ?? table.context.subHeading?.language ?? announcement?.language;
  const language: ManifestLanguage | undefined = known?.language;

  if (!table.columns.some((column) => column.kind === 'version')) {
    notes.push(
      "The KB table has no version column: each row is checked by presence, and by the size and date the table prints for it (the copy's " +
        'own timestamp must be no earlier than that date).',
    );
  }
  if (unit.continuesFrom !== undefined) {
    notes.push(
      `These rows (from line ${unit.rows[0]?.row.line}) continue the table headed at line ${unit.continuesFrom} after a blank line, with ` +
        `versions of another branch.`,
    );
  }
  if (layer > 0) {
    notes.push(
      'These rows list files the table already lists for the same platform, with other values; the article does not say which ' +
        'is meant, so they are kept as a fix of their own.',
    );
  }
  if (unit.variant !== undefined) {
    notes.push(
      `These rows are for ${JSON.stringify(unit.variant)} (the table's Platform column); it names no processor hotfix-verify tells apart.`,
    );
  }
  const heading = table.context.subHeading ?? unit.rows[0]?.row.subHeading;
  if (heading !== undefined && heading.platform === undefined && heading.language === undefined) {
    notes.push(`The table is under the heading "${heading.text}".`);
  }
  if (announcement === undefined) {
    if (unit.language === undefined && known === undefined) notes.push('No sentence above the table names the build language.');
  } else {
    if (announcement.unusual) notes.push(`The article introduces the table with: "${announcement.text}"`);
    if (known === undefined) {
      notes.push(
        announcement.unknownLanguage !== undefined
          ? `The sentence names the ${announcement.unknownLanguage} build, which has no single language id: no language requirement.`
          : 'The sentence above the table names no build language: no language requirement.',
      );
    }
    if (!announcement.orLater) notes.push('The article does not say "or later"; the rule is or-later all the same.');
  }

  const manifest: Omit<Manifest, 'id'> = {
    formatVersion: formatVersionFor(files),
    title: header.title,
    product: productNameOf(header, productVersion),
    ...(productVersion !== undefined ? { productVersion } : {}),
    ...(branch !== undefined ? { branch } : {}),
    ...(table.context.component !== undefined ? { component: table.context.component } : {}),
    ...(language !== undefined ? { language } : {}),
    rule: 'or-later',
    ...(header.date !== undefined ? { date: header.date } : {}),
    files,
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { manifest, tag: known?.tag };
}

/** Suffixes that tell an article's manifests apart: the branch, then the language, then a counter. */
function suffixesOf(built: readonly Built[]): string[] {
  let keys = built.map(({ manifest }, index) => manifest.branch ?? manifest.productVersion ?? String(index + 1));
  const duplicated = (list: readonly string[]) => list.map((key) => list.filter((other) => other === key).length > 1);
  const withTag = duplicated(keys);
  keys = keys.map((key, index) => {
    const tag = built[index]?.tag;
    return withTag[index] && tag !== undefined ? `${key}-${tag}` : key;
  });
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}-${count}`;
  });
}

/** Puts the id second, after formatVersion, so that manifests read and serialise the same way every time. */
function withId(manifest: Omit<Manifest, 'id'>, id: string): Manifest {
  const { formatVersion, ...rest } = manifest;
  return { formatVersion, id, ...rest };
}

/** Builds the manifests of an article from its header and tables; the warnings and row records come with them. */
export function buildManifests(
  header: ArticleHeader,
  tables: readonly KbTable[],
  article: string,
  facts: ArticleFacts = { unusualEncoding: false },
): BuiltArticle {
  const context: Context = { article, header, warnings: [] };
  const records: RowRecord[] = [];
  const articleEvidence = evidenceOf(tables.flatMap((table) => table.rows.map((row) => row.cells.date ?? '')));
  const built: Built[] = [];
  const common = (classes: Set<RowClass>) => {
    if (tables.length > 1) classes.add('tables');
    if (facts.unusualEncoding) classes.add('encoding');
    return [...ROW_CLASSES].filter((name) => classes.has(name));
  };

  for (const table of tables) {
    const tableClasses = new Set<RowClass>(table.features.length > 0 ? ['layout'] : []);
    for (const skipped of table.skipped) {
      const code: KbWarningCode = 'row-unreadable';
      warn(context, code, skipped.line, `${skipped.problem}; the row is left out`, true, skipped.cell);
      const classes = new Set(tableClasses);
      if (skipped.cell?.kind === 'version') classes.add('version');
      if (skipped.cell?.kind === 'size') classes.add('size');
      if (skipped.cell?.kind === 'date') classes.add('date');
      if (skipped.cell?.kind === 'time') classes.add('time');
      if (skipped.cell?.kind === 'platform') classes.add('platform');
      if (skipped.cell?.kind === 'language') classes.add('language');
      records.push({ line: skipped.line, status: 'left-out', classes: common(classes), warnings: [code] });
    }
    const policy = datePolicy(table, articleEvidence);
    const remarks = new Map<string, Set<string>>();
    for (const row of table.rows) {
      const reading = readName(row.cells.name ?? '');
      if (reading === undefined) continue;
      const key = reading.name.toLowerCase();
      remarks.set(key, (remarks.get(key) ?? new Set()).add(reading.remark ?? ''));
    }
    const remarkVariants = new Set([...remarks].filter(([, set]) => set.size > 1).map(([key]) => key));
    const resolved: ResolvedRow[] = [];
    let previous: { platform: string | undefined; subHeading: unknown } | undefined;
    for (const row of table.rows) {
      const result = resolveRow(context, table, row, policy, previous, remarkVariants);
      const platformText = row.cells.platform ?? '';
      if (platformText !== '') previous = { platform: platformText, subHeading: row.subHeading };
      else if (previous?.subHeading !== row.subHeading) previous = undefined;
      if (result === undefined) {
        records.push({ line: row.line, status: 'left-out', classes: common(new Set(tableClasses)), warnings: ['row-unreadable'] });
        continue;
      }
      for (const name of tableClasses) result.classes.add(name);
      resolved.push(result);
    }
    const warned = new Set<ResolvedRow>();
    for (const unit of unitsOf(table, resolved)) {
      layersOf(context, unit.rows, warned).forEach((rows, layer) => {
        built.push(
          manifestOf(
            context,
            unit,
            rows.map((row) => row.file),
            layer,
          ),
        );
      });
    }
    for (const row of resolved) {
      records.push({
        line: row.row.line,
        status: 'read',
        classes: common(row.classes),
        warnings: row.warnings.map((warning) => warning.code),
      });
    }
  }
  if (built.length === 0) return { manifests: [], warnings: context.warnings, rows: records };
  const only = built[0];
  const manifests =
    built.length === 1 && only !== undefined
      ? [withId(only.manifest, header.id)]
      : (() => {
          const suffixes = suffixesOf(built);
          return built.map(({ manifest }, index) => withId(manifest, `${header.id}-${suffixes[index]}`));
        })();
  return { manifests, warnings: context.warnings, rows: records };
}
