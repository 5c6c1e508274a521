/**
 * What a row requires from its Version cell: a four-part version written out, a three- or
 * two-part one completed where that is certain (the printed text kept as kbVersion and the
 * row's note saying how), and never a requirement from what cannot be read or completed.
 */

import type { ArticleHeader } from './articleHeader.js';
import type { KbTable, TableRow } from './tableModel.js';
import { extensionOf, isDataFile, readName, readVersion } from './values.js';

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

export interface VersionOutcome {
  readonly version: string | null;
  readonly kbVersion?: string;
  readonly notes: string[];
  readonly unusual: boolean;
  readonly warning?: string;
}

/** Decides what a row requires from its Version cell. */
export function versionOf(header: ArticleHeader, table: KbTable, row: TableRow, name: string): VersionOutcome {
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
