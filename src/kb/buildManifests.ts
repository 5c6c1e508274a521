/**
 * Gives meaning to the tables an article prints, whatever their layout: one manifest per table
 * (or per run of rows of one branch, per language, per platform text that names no processor),
 * rows in table order, and a warning (as data) for every row left out and every value kept as
 * information only.
 *
 * What it cannot know, it never invents: a version that cannot be read or completed is never
 * a requirement, a date that reads two ways is never one, a rounded size is information.
 */

import type { Manifest, ManifestFile, ManifestLanguage, PackageFile, Platform } from '../manifest/types.js';
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

/** Facts about the article's text that tag every row (its encoding), and what it says about the package. */
export interface ArticleFacts {
  /** True when the text was not plain ASCII UTF-8 (UTF-16, Windows-1252). */
  readonly unusualEncoding: boolean;
  /** The update package's own files and hashes (a hash table of today's articles): information on every manifest. */
  readonly packages?: readonly PackageFile[];
}

/** A run of rows that becomes one manifest. */
interface Unit {
  readonly table: KbTable;
  readonly rows: ResolvedRow[];
  readonly language: KnownLanguage | undefined;
  readonly variant: string | undefined;
  /** Set when the rows continue a table after a blank line with versions of another branch. */
  readonly continuesFrom: number | undefined;
  /** The service branch of the rows (GDR, LDR, QFE, SP3GDR), in a table with a Service branch column. */
  readonly serviceBranch?: string;
}

// ---------------------------------------------------------------------------------------------
// Service branches: a table with a Service branch column lists each branch's files in turn.

/** A Service branch cell that names no branch of its own: the WOW64 files and data files listed with a branch's files. */
function followsBranch(text: string): boolean {
  return /^(?:wow(?:64)?|not applicable|n\/?a|none|-*)$/i.test(text.trim());
}

/**
 * Splits a table's rows by service branch: each branch's rows, with the WOW and "Not applicable" rows listed
 * among them (the 32-bit files of a 64-bit package belong to the branch whose rows they follow). One group,
 * with no branch, when the table has no Service branch column or names no branch.
 */
function serviceGroups(table: KbTable, rows: readonly ResolvedRow[]): { branch: string | undefined; rows: ResolvedRow[] }[] {
  if (!table.columns.some((column) => column.kind === 'branch')) return [{ branch: undefined, rows: [...rows] }];
  const groups: { branch: string | undefined; rows: ResolvedRow[] }[] = [];
  const byBranch = new Map<string, { branch: string | undefined; rows: ResolvedRow[] }>();
  let current: string | undefined = rows.map((row) => (row.row.cells.branch ?? '').trim()).find((text) => !followsBranch(text));
  for (const row of rows) {
    const text = (row.row.cells.branch ?? '').trim();
    if (!followsBranch(text)) current = text;
    const key = (current ?? '').toUpperCase();
    let group = byBranch.get(key);
    if (group === undefined) {
      group = { branch: current, rows: [] };
      byBranch.set(key, group);
      groups.push(group);
    }
    group.rows.push(row);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Units: which rows make one manifest.

function unitsOf(table: KbTable, rows: readonly ResolvedRow[]): Unit[] {
  const units: Unit[] = [];
  for (const group of serviceGroups(table, rows)) {
    for (const unit of branchUnitsOf(table, group.rows))
      units.push(group.branch === undefined ? unit : { ...unit, serviceBranch: group.branch });
  }
  return units;
}

function branchUnitsOf(table: KbTable, rows: readonly ResolvedRow[]): Unit[] {
  // Runs of groups: a group of another branch (Q195215: 5.5 rows, a blank line, 5.0 rows) starts a new run;
  // a group that prints no full version names no branch, so it stays with the rows around it.
  const runs: { rows: ResolvedRow[]; start: number | undefined; branch: string | undefined }[] = [];
  const groups = new Map<number, ResolvedRow[]>();
  for (const row of rows) {
    const list = groups.get(row.row.group);
    if (list === undefined) groups.set(row.row.group, [row]);
    else list.push(row);
  }
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
  // Each layer's rows by lower-cased name: a cumulative update lists thousands of files, so no search of every row.
  const indexes: Map<string, ResolvedRow[]>[] = [];
  const keyOf = (file: ManifestFile) => file.name.toLowerCase();
  const clashIn = (layer: number, row: ResolvedRow) =>
    indexes[layer]
      ?.get(keyOf(row.file))
      ?.find((other) => other.file.platform === undefined || row.file.platform === undefined || other.file.platform === row.file.platform);
  const add = (layer: number, row: ResolvedRow) => {
    (layers[layer] as ResolvedRow[]).push(row);
    const index = indexes[layer] as Map<string, ResolvedRow[]>;
    const key = keyOf(row.file);
    const list = index.get(key);
    if (list === undefined) index.set(key, [row]);
    else list.push(row);
  };
  const replace = (layer: number, old: ResolvedRow, row: ResolvedRow) => {
    const list = layers[layer] as ResolvedRow[];
    list[list.indexOf(old)] = row;
    const named = (indexes[layer] as Map<string, ResolvedRow[]>).get(keyOf(row.file)) as ResolvedRow[];
    named[named.indexOf(old)] = row;
  };
  for (const row of rows) {
    const first = layers[0] === undefined ? undefined : clashIn(0, row);
    if (
      first !== undefined &&
      first.file.platform === row.file.platform &&
      first.file.version === row.file.version &&
      first.file.date === row.file.date &&
      first.file.size === row.file.size
    ) {
      const note = `The KB lists this file again at line ${row.row.line} with the same values.`;
      replace(0, first, { ...first, file: { ...first.file, note: first.file.note === undefined ? note : `${first.file.note} ${note}` } });
      continue;
    }
    if (
      first !== undefined &&
      context.header.modern === true &&
      first.file.platform === row.file.platform &&
      first.file.version === null &&
      row.file.version === null
    ) {
      // Today's tables list a data file once per place it goes (Lsasrv.mof for the 64-bit and the WOW64 side), with its
      // own size and date each time: one row that every copy must meet, by the earliest date, and by size only where
      // every listing agrees.
      replace(0, first, { ...first, file: mergeDataRows(first.file, row.file, row.row.line) });
      continue;
    }
    let index = layers.findIndex((_, at) => clashIn(at, row) === undefined);
    if (index < 0) {
      layers.push([]);
      indexes.push(new Map());
      index = layers.length - 1;
    }
    if (layers[index] === undefined) {
      layers[index] = [];
      indexes[index] = new Map();
    }
    add(index, row);
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

/** Two listings of one data file merged: the earlier date, the size only when both print the same. */
function mergeDataRows(first: ManifestFile, again: ManifestFile, line: number): ManifestFile {
  const date = first.date !== undefined && again.date !== undefined ? [first.date, again.date].sort()[0] : undefined;
  const size = first.size !== undefined && first.size === again.size ? first.size : undefined;
  const note = `The KB lists this file again at line ${line}${again.size !== first.size ? ` with size ${again.size ?? 'none'}` : ''}${
    again.date !== first.date ? ` dated ${again.date ?? again.kbDate ?? 'none'}` : ''
  }; every copy is judged by ${date !== undefined ? `the earlier date ${date}` : 'presence'}${size !== undefined ? ' and the size' : ''}.`;
  const { date: _date, size: _size, note: oldNote, ...rest } = first;
  return {
    ...rest,
    ...(size !== undefined ? { size } : {}),
    ...(date !== undefined ? { date } : {}),
    note: oldNote === undefined ? note : `${oldNote} ${note}`,
  };
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
  /** Today's articles: what tells this manifest apart from the article's others, most telling first ("x64", "GDR", "2019-CU8"). */
  readonly keys?: readonly string[];
}

/** The lowest manifest format a manifest needs: 1.1 only for what 1.1 added, so older readers keep reading the rest. */
function formatVersionFor(files: readonly ManifestFile[], layout: KnownLayout, manifest: Partial<Manifest> = {}): string {
  const uses12 =
    manifest.packagePlatform !== undefined ||
    manifest.serviceBranch !== undefined ||
    manifest.servicePack !== undefined ||
    manifest.rowBranches !== undefined ||
    manifest.packages !== undefined ||
    (manifest.branch !== undefined && manifest.branch.split('.').length > 2) ||
    files.some((file) => file.serviceBranch !== undefined || file.servicing !== undefined);
  if (uses12) return '1.2.0';
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

// ---------------------------------------------------------------------------------------------
// Today's articles: one manifest per package section, service branch, component or cumulative update.

const PLATFORM_WORDS: Readonly<Record<Platform, string>> = {
  i386: 'x86',
  x64: 'x64',
  ia64: 'ia64',
  arm64: 'arm64',
  alpha: 'alpha',
  mips: 'mips',
  powerpc: 'ppc',
};

/** The platforms a platform runs 32-bit (or emulated) code of under WOW64: x86 files in an x64 package are normal. */
const WOW_GUESTS: Readonly<Partial<Record<Platform, readonly Platform[]>>> = { x64: ['i386'], ia64: ['i386'], arm64: ['i386', 'x64'] };

/**
 * The platform of the package a table without a section is for, where its rows make it certain: a table
 * with x64 files (and x86 ones) is an x64 package's, one with Arm64 files an Arm64 package's. A table of x86
 * files alone says nothing (the 32-bit files of any package).
 */
function inferredPackagePlatform(files: readonly ManifestFile[]): Platform | undefined {
  const platforms = new Set(files.flatMap((file) => (file.platform === undefined ? [] : [file.platform])));
  for (const host of ['arm64', 'ia64', 'x64'] as const) {
    if (platforms.has(host) && [...platforms].every((platform) => platform === host || WOW_GUESTS[host]?.includes(platform))) return host;
  }
  return undefined;
}

/** A short, id-safe word for a text ("SQL Server 2022 Analysis Services" → "analysis-services" beside its product). */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/** The words of a product that tell one release from another ("Exchange Server 2019" → "2019"), else its slug. */
function releaseOf(product: string): string {
  const numbered = product.match(/\b[A-Za-z]*\d[\w.]*\b/g);
  return numbered !== null ? slug(numbered.join(' ')) : slug(product);
}

/** The one value a unit's rows print in a column, ignoring "Not applicable"; undefined when none or several. */
function commonCell(rows: readonly ResolvedRow[], kind: 'requirement'): string | undefined {
  const values = new Set(rows.map((row) => (row.row.cells[kind] ?? '').trim()).filter((text) => text !== '' && !followsBranch(text)));
  return values.size === 1 ? [...values][0] : undefined;
}

function modernManifestOf(context: Context, unit: Unit, filesIn: readonly ManifestFile[], layer: number, facts: ArticleFacts): Built {
  const { header } = context;
  const { table } = unit;
  const section = table.context.section;
  const notes: string[] = [];
  // The rows' own service branch where it is not the manifest's (the WOW rows of a GDR table).
  const files = filesIn.map((file, index) => {
    const text = (unit.rows[index]?.row.cells.branch ?? '').trim();
    if (text === '' || /^(?:not applicable|n\/?a|none)$/i.test(text) || text.toUpperCase() === unit.serviceBranch?.toUpperCase())
      return file;
    return { ...file, serviceBranch: text };
  });
  const branches = new Set(files.flatMap((file) => (file.version === null ? [] : [branchOf(parseVersion(file.version))])));
  const exactVersion = table.context.buildBranch === true && files.length === 1 ? (files[0]?.version ?? undefined) : undefined;
  const exact = exactVersion !== undefined;
  let branch: string | undefined;
  let rowBranches: boolean | undefined;
  if (exactVersion !== undefined) branch = exactVersion.split('.').slice(0, 3).join('.');
  else if (branches.size > 1) {
    rowBranches = true;
    notes.push(
      `The rows' versions belong to several products (${[...branches].slice(0, 6).join(', ')}${branches.size > 6 ? ', ...' : ''}): ` +
        'each row is judged against the branch of its own version.',
    );
  }
  const packagePlatform = section?.platform ?? inferredPackagePlatform(files);
  if (section === undefined && packagePlatform !== undefined) {
    const word = PLATFORM_WORDS[packagePlatform];
    notes.push(`The table names no package platform; its ${word} files make it the ${word} package's.`);
  }
  if (section !== undefined) notes.push(`The table is under "${section.text}".`);
  if (layer > 0) {
    notes.push(
      'These rows list files the table already lists for the same platform, with other versions; the article does not say which ' +
        'is meant, so they are kept as a fix of their own.',
    );
  }
  if (unit.variant !== undefined) {
    notes.push(
      `These rows are for ${JSON.stringify(unit.variant)} (the table's Platform column); it names no processor hotfix-verify tells apart.`,
    );
  }
  if (exact) {
    notes.push(
      `One cumulative update's line: its security updates raise only the revision, so the required build's ${branch} is the branch ` +
        "(a server on another cumulative update is judged by that update's manifest).",
    );
  }
  const language = (unit.language ?? table.context.announcement?.language)?.language;
  const servicePack = commonCell(unit.rows, 'requirement');
  const product =
    table.context.product ??
    section?.product ??
    (header.product !== '' ? header.product : 'Unknown product (the source names none; give --product)');
  const component = table.context.component;
  const body: Omit<Manifest, 'id' | 'formatVersion'> = {
    title: header.title,
    product,
    ...(branch !== undefined ? { branch } : {}),
    ...(component !== undefined ? { component } : {}),
    ...(language !== undefined ? { language } : {}),
    rule: 'or-later',
    ...(header.date !== undefined ? { date: header.date } : {}),
    ...(packagePlatform !== undefined ? { packagePlatform } : {}),
    ...(unit.serviceBranch !== undefined ? { serviceBranch: unit.serviceBranch } : {}),
    ...(servicePack !== undefined ? { servicePack } : {}),
    ...(rowBranches !== undefined ? { rowBranches } : {}),
    ...(facts.packages !== undefined && facts.packages.length > 0 ? { packages: facts.packages } : {}),
    files,
    ...(notes.length > 0 ? { notes } : {}),
  };
  const manifest: Omit<Manifest, 'id'> = { formatVersion: formatVersionFor(files, {}, body), ...body };
  const keys: string[] = [];
  if (exact) keys.push(`${releaseOf(product)}${component !== undefined ? `-${slug(component)}` : ''}`);
  else {
    if (packagePlatform !== undefined) keys.push(PLATFORM_WORDS[packagePlatform]);
    if (unit.serviceBranch !== undefined) keys.push(slug(unit.serviceBranch));
    if (files.every((file) => file.servicing === true)) keys.push('servicing');
  }
  return { manifest, tag: unit.language?.tag, keys };
}

/** Suffixes that tell an article's manifests apart: the branch, then the language, then a counter. */
function suffixesOf(built: readonly Built[]): string[] {
  if (built.every((each) => each.keys !== undefined)) return modernSuffixesOf(built);
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

/**
 * Suffixes of today's manifests: their keys (package platform, service branch, "servicing", a cumulative update),
 * then, where two are still alike, the component, the product, the branch and a counter.
 */
function modernSuffixesOf(built: readonly Built[]): string[] {
  const parts = built.map((each) => [...(each.keys ?? [])]);
  const clashes = () => {
    const joined = parts.map((list) => list.join('-'));
    return joined.map((key) => joined.filter((other) => other === key).length > 1);
  };
  // Components told apart by what differs: "SQL Server 2019 Database Services Core Instance" → "database-services-core-instance".
  const components = built.map((each) => each.manifest.component?.split(/\s+/) ?? []);
  const named = components.filter((words) => words.length > 0);
  let shared = 0;
  while (named.length > 1 && named.every((words) => words.length > shared + 1 && words[shared] === named[0]?.[shared])) shared++;
  const extras: ((manifest: Omit<Manifest, 'id'>, index: number) => string | undefined)[] = [
    (manifest, index) => (manifest.component !== undefined ? slug((components[index] ?? []).slice(shared).join(' ')) : undefined),
    (manifest) => releaseOf(manifest.product) || undefined,
    (manifest) => manifest.branch,
  ];
  for (const extra of extras) {
    const clash = clashes();
    if (!clash.includes(true)) break;
    built.forEach((each, index) => {
      const value = clash[index] ? extra(each.manifest, index) : undefined;
      if (value !== undefined && value !== '' && !(parts[index] as string[]).includes(value)) (parts[index] as string[]).push(value);
    });
  }
  const seen = new Map<string, number>();
  return parts.map((list) => {
    const key = list.join('-') || '1';
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
      // An empty Platform cell of today's tables is not a ditto of the row above: it names no platform.
      const result = resolveRow(context, table, row, policy, header.modern === true ? undefined : previous, remarkVariants);
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
        const files = rows.map((row) => row.file);
        built.push(
          header.modern === true
            ? modernManifestOf(context, { ...unit, rows }, files, layer, facts)
            : manifestOf(context, unit, files, layer),
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
