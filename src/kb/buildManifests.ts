/**
 * Gives meaning to the tables an article prints, whatever their layout: one manifest per table
 * (or per run of rows of one branch, per language, per platform text that names no processor),
 * rows in table order, and a warning (as data) for every row left out and every value kept as
 * information only.
 *
 * What it cannot know, it never invents: a version that cannot be read or completed is never
 * a requirement, a date that reads two ways is never one, a rounded size is information.
 */

import type { Manifest, ManifestFile, ManifestLanguage } from '../manifest/types.js';
import { branchOf, parseVersion } from '../version/windowsVersion.js';
import type { ArticleHeader } from './articleHeader.js';
import type { KnownLanguage } from './languages.js';
import { type Context, type ResolvedRow, ROW_CLASSES, type RowClass, resolveRow, warn } from './resolveRow.js';
import { datePolicy, evidenceOf } from './rowDates.js';
import type { KbTable } from './tableModel.js';
import { readName } from './values.js';
import type { KbWarning, KbWarningCode } from './warnings.js';
import { type KnownLayout, knownLayoutOf } from './knownLayouts.js';

export { ROW_CLASSES, type RowClass } from './resolveRow.js';

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

/** A run of rows that becomes one manifest. */
interface Unit {
  readonly table: KbTable;
  readonly rows: ResolvedRow[];
  readonly language: KnownLanguage | undefined;
  readonly variant: string | undefined;
  /** Set when the rows continue a table after a blank line with versions of another branch. */
  readonly continuesFrom: number | undefined;
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
function formatVersionFor(files: readonly ManifestFile[], layout: KnownLayout): string {
  const uses11 =
    layout.platforms !== undefined ||
    layout.install !== undefined ||
    files.some((file) => file.kbSize !== undefined || file.kbDate !== undefined || file.platform === 'mips' || file.platform === 'powerpc');
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

  const product = productNameOf(header, productVersion);
  const layout = knownLayoutOf(product, productVersion, files);
  const manifest: Omit<Manifest, 'id'> = {
    formatVersion: formatVersionFor(files, layout),
    title: header.title,
    product,
    ...(productVersion !== undefined ? { productVersion } : {}),
    ...(branch !== undefined ? { branch } : {}),
    ...(table.context.component !== undefined ? { component: table.context.component } : {}),
    ...(language !== undefined ? { language } : {}),
    rule: 'or-later',
    ...(header.date !== undefined ? { date: header.date } : {}),
    ...(layout.platforms !== undefined ? { platforms: layout.platforms } : {}),
    ...(layout.install !== undefined ? { install: layout.install } : {}),
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
