/**
 * Gives meaning to the tables an article prints: one manifest per table (or
 * per run of rows of one branch, or per language), rows in table order.
 */

import { MANIFEST_FORMAT_VERSION, type Manifest, type ManifestFile, type ManifestLanguage, type Platform } from '../manifest/types.js';
import { branchOf, parseVersion } from '../version/windowsVersion.js';
import type { ArticleHeader } from './articleHeader.js';
import type { FoundTable } from './findTables.js';
import { KbImportError } from './KbImportError.js';
import { knownAliasesOf } from './knownAliases.js';
import { findLanguage, isNeutralLanguage, type KnownLanguage } from './languages.js';
import type { RawRow } from './rawTable.js';
import { extensionOf, isDataFile, parseKbDate, parseKbSize, parsePlatform, parseVersionCell } from './values.js';

/** A run of rows that becomes one manifest. */
interface Unit {
  readonly found: FoundTable;
  readonly rows: readonly RawRow[];
  /** The language named by the rows' Language cells, if the table has that column. */
  readonly rowLanguage: KnownLanguage | undefined;
  /** Set when the rows continue a table after a blank line. */
  readonly continuesFrom: number | undefined;
}

/** The branches (major.minor) of the full versions a run of rows prints, most frequent first, ties in table order. */
function printedBranches(rows: readonly RawRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const cell = row.cells.version === undefined ? undefined : parseVersionCell(row.cells.version);
    if (cell?.kind !== 'full') continue;
    const branch = branchOf(parseVersion(cell.version));
    counts.set(branch, (counts.get(branch) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([branch]) => branch);
}

/**
 * Splits a table into units: consecutive groups of the same branch stay together, and rows split by Language.
 * A group that prints no full version (only N/A rows, say) names no branch, so it cannot start another
 * branch's fix: it stays with the rows around it.
 */
function unitsOf(found: FoundTable, article: string): Unit[] {
  const runs: { rows: RawRow[]; start: number | undefined; branch: string | undefined }[] = [];
  found.table.groups.forEach((group, index) => {
    const branch = printedBranches(group)[0];
    const last = runs[runs.length - 1];
    if (last !== undefined && (branch === undefined || last.branch === undefined || branch === last.branch)) {
      last.rows.push(...group);
      last.branch ??= branch;
    } else {
      runs.push({ rows: [...group], start: index === 0 ? undefined : found.table.headerLine, branch });
    }
  });

  const units: Unit[] = [];
  for (const run of runs) {
    if (!found.table.columns.includes('language')) {
      units.push({ found, rows: run.rows, rowLanguage: undefined, continuesFrom: run.start });
      continue;
    }
    // Language-neutral rows belong to every language's fix.
    const byTag = new Map<string, { language: KnownLanguage; rows: RawRow[] }>();
    const neutral: RawRow[] = [];
    for (const row of run.rows) {
      const text = row.cells.language ?? '';
      if (text === '' || isNeutralLanguage(text)) {
        neutral.push(row);
        continue;
      }
      const language = findLanguage(text);
      if (language === undefined) throw new KbImportError('bad-value', article, row.line, `unknown language ${JSON.stringify(text)}`);
      const announced = found.announcement?.language;
      if (announced !== undefined && announced.tag !== language.tag) {
        throw new KbImportError(
          'bad-value',
          article,
          row.line,
          `the row is for ${language.language.name} but the sentence at line ${found.announcement?.line} announces the ` +
            `${announced.language.name} version`,
        );
      }
      const entry = byTag.get(language.tag) ?? { language, rows: [] };
      entry.rows.push(row);
      byTag.set(language.tag, entry);
    }
    if (byTag.size === 0) {
      units.push({ found, rows: run.rows, rowLanguage: undefined, continuesFrom: run.start });
      continue;
    }
    for (const { language } of byTag.values()) {
      const rows = run.rows.filter((row) => neutral.includes(row) || findLanguage(row.cells.language ?? '')?.tag === language.tag);
      units.push({ found, rows, rowLanguage: language, continuesFrom: run.start });
    }
  }
  return units;
}

interface RowContext {
  readonly article: string;
  readonly header: ArticleHeader;
  readonly unit: Unit;
  readonly hasVersionColumn: boolean;
}

/**
 * The branch a partial "build.revision" version belongs to, where that is
 * certain: the product version is known and the rows with full versions
 * agree with it (or there are none and the article names one version).
 */
function branchForPartial(context: RowContext, row: RawRow, text: string): string {
  const { header, unit, article } = context;
  const printed = printedBranches(unit.rows);
  const products = header.productVersions;
  const fail = (why: string): never => {
    throw new KbImportError(
      'bad-value',
      article,
      row.line,
      `version ${JSON.stringify(text)} of ${row.cells.name} is incomplete and cannot be completed: ${why}`,
    );
  };
  if (printed.length > 1) return fail(`the table's full versions span several branches (${printed.join(', ')})`);
  const only = printed[0];
  if (only !== undefined) {
    if (!products.includes(only)) {
      return fail(`the table's other rows are ${only}.x but the article's product versions are ${products.join(', ') || 'not given'}`);
    }
    return only;
  }
  if (products.length !== 1) {
    return fail(
      products.length === 0
        ? 'the article gives no product version'
        : `the article names several product versions (${products.join(', ')}) and no row has a full version`,
    );
  }
  return products[0] as string;
}

/** Turns one row into a manifest file. */
function fileOf(context: RowContext, row: RawRow): ManifestFile {
  const { article, hasVersionColumn } = context;
  const name = row.cells.name as string;
  const notes: string[] = [];
  let version: string | null = null;
  let kbVersion: string | undefined;

  const known = knownAliasesOf(name);
  if (known !== undefined) notes.push(known.note);

  if (hasVersionColumn) {
    const text = row.cells.version ?? '';
    const cell = parseVersionCell(text);
    if (cell === undefined) throw new KbImportError('bad-value', article, row.line, `${JSON.stringify(text)} is not a version`);
    if (isDataFile(name)) {
      const extension = extensionOf(name);
      const kind = extension === '' ? 'Data file' : `Data file (.${extension})`;
      if (cell.kind === 'full' || cell.kind === 'partial') {
        kbVersion = cell.text;
        notes.push(
          `${kind}: it has no version resource, so the version the KB prints (${cell.text}) is kept as information and the file is ` +
            `checked by presence.`,
        );
      } else {
        notes.push(`${kind}: it has no version resource; checked by presence.`);
      }
    } else if (cell.kind === 'full') {
      version = cell.version;
    } else if (cell.kind === 'partial') {
      const branch = branchForPartial(context, row, cell.text);
      version = `${branch}.${cell.build}.${cell.revision}`;
      notes.push(`The KB prints the incomplete version ${cell.text}; completed to ${version} from the product version ${branch}.`);
    } else if (cell.kind === 'none') {
      notes.push(`The KB gives no version (${cell.text}); checked by presence.`);
    } else {
      throw new KbImportError('bad-value', article, row.line, `the row gives no version for ${name}, which is a program file`);
    }
  }

  let date: string | undefined;
  let size: number | undefined;
  const dateText = row.cells.date ?? '';
  if (version === null) {
    // Without a version, what else the KB prints is the evidence: the date (the copy must be no older) and the size.
    if (dateText !== '') {
      date = parseKbDate(dateText);
      if (date === undefined)
        throw new KbImportError('bad-value', article, row.line, `the date ${JSON.stringify(dateText)} of ${name} cannot be read`);
    }
    const sizeText = row.cells.size ?? '';
    if (sizeText !== '') size = parseKbSize(sizeText);
  } else if (dateText !== '' && parseKbDate(dateText) === undefined) {
    notes.push(
      `The KB prints the date ${JSON.stringify(dateText)}, which cannot be read; it is not needed, the row is judged by its version.`,
    );
  }

  const platformText = row.cells.platform ?? '';
  const platform: Platform | undefined = platformText === '' ? undefined : parsePlatform(platformText);

  return {
    name,
    version,
    ...(known !== undefined ? { aliases: known.aliases } : {}),
    ...(platform !== undefined ? { platform } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(kbVersion !== undefined ? { kbVersion } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

/**
 * Rejects a file listed twice for the same platform (a manifest may not hold
 * that), and drops a known alias where the table lists that name itself.
 */
function withoutClashes(files: readonly ManifestFile[], rows: readonly RawRow[], article: string): ManifestFile[] {
  const keyOf = (name: string, platform: Platform | undefined) => `${name.toLowerCase()}|${platform ?? '*'}`;
  const listed = new Map<string, number>();
  files.forEach((file, index) => {
    const key = keyOf(file.name, file.platform);
    const first = listed.get(key);
    const line = rows[index]?.line ?? 1;
    if (first !== undefined) {
      throw new KbImportError(
        'bad-row',
        article,
        line,
        `${file.name} is listed twice for the same platform (also at line ${rows[first]?.line})`,
      );
    }
    listed.set(key, index);
  });
  return files.map((file) => {
    if (file.aliases === undefined) return file;
    const aliases = file.aliases.filter((alias) => !listed.has(keyOf(alias, file.platform)));
    if (aliases.length === file.aliases.length) return file;
    const { aliases: _dropped, ...rest } = file;
    return aliases.length > 0 ? { ...rest, aliases } : rest;
  });
}

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

/** The product name: the "applies to" entry for this version when it names one product, else the PRODUCT line. */
function productNameOf(header: ArticleHeader, productVersion: string | undefined, article: string): string {
  const entries = header.appliesTo.filter((entry) => productVersion === undefined || entry.versions.includes(productVersion));
  const names = [...new Set(entries.map((entry) => entry.name))];
  if (names.length === 1) return names[0] as string;
  if (header.product !== '') return header.product;
  throw new KbImportError('bad-article-header', article, 1, 'the article names no product (no PRODUCT line and no "applies to" list)');
}

/** Builds one manifest per unit, before ids are made unique. */
function manifestOf(header: ArticleHeader, unit: Unit, article: string): { manifest: Omit<Manifest, 'id'>; tag: string | undefined } {
  const { found } = unit;
  const hasVersionColumn = found.table.columns.includes('version');
  const context: RowContext = { article, header, unit, hasVersionColumn };
  const files = withoutClashes(
    unit.rows.map((row) => fileOf(context, row)),
    unit.rows,
    article,
  );

  const notes: string[] = [];
  const { branch, note: branchNote } = branchOfFiles(files, header.productVersions);
  if (branchNote !== undefined) notes.push(branchNote);
  const productVersion = productVersionOf(header, branch, found.headingVersion);
  const known = unit.rowLanguage ?? found.announcement?.language;
  const language: ManifestLanguage | undefined = known?.language;

  if (!hasVersionColumn) {
    notes.push(
      "The KB table has no version column: each row is checked by presence, and by the size and date the table prints for it (the copy's " +
        'own timestamp must be no earlier than that date).',
    );
  }
  if (unit.continuesFrom !== undefined) {
    notes.push(
      `These rows (from line ${unit.rows[0]?.line}) continue the table headed at line ${unit.continuesFrom} after a blank line, with ` +
        `versions of another branch.`,
    );
  }
  const announcement = found.announcement;
  if (announcement === undefined) {
    // With a Language column the rows name it themselves.
    if (unit.rowLanguage === undefined) notes.push('No sentence above the table names the build language.');
  } else {
    if (announcement.unusual) notes.push(`The article introduces the table with: "${announcement.text}"`);
    if (!announcement.orLater) notes.push('The article does not say "or later"; the rule is or-later all the same.');
  }

  const manifest: Omit<Manifest, 'id'> = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    title: header.title,
    product: productNameOf(header, productVersion, article),
    ...(productVersion !== undefined ? { productVersion } : {}),
    ...(branch !== undefined ? { branch } : {}),
    ...(found.component !== undefined ? { component: found.component } : {}),
    ...(language !== undefined ? { language } : {}),
    rule: 'or-later',
    date: header.date,
    files,
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { manifest, tag: known?.tag };
}

/** Suffixes that tell an article's manifests apart: the branch, then the language, then a counter. */
function suffixesOf(built: readonly { manifest: Omit<Manifest, 'id'>; tag: string | undefined }[]): string[] {
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

/** Builds the manifests of an article from its header and tables. */
export function buildManifests(header: ArticleHeader, tables: readonly FoundTable[], article: string): Manifest[] {
  const built = tables.flatMap((found) => unitsOf(found, article)).map((unit) => manifestOf(header, unit, article));
  const only = built[0];
  if (built.length === 1 && only !== undefined) return [withId(only.manifest, header.id)];
  const suffixes = suffixesOf(built);
  return built.map(({ manifest }, index) => withId(manifest, `${header.id}-${suffixes[index]}`));
}

/** Puts the id second, after formatVersion, so that manifests read and serialise the same way every time. */
function withId(manifest: Omit<Manifest, 'id'>, id: string): Manifest {
  const { formatVersion, ...rest } = manifest;
  return { formatVersion, id, ...rest };
}
