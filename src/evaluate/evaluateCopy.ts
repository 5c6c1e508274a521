/** Pure judgement of one copy of a file against one manifest row. */
import { hexId } from '../pe/hexId.js';
import type { ManifestFile, ManifestLanguage } from '../manifest/types.js';
import type { VersionResource } from '../pe/types.js';
import type { Observation } from '../scan/observation.js';
import {
  branchOf,
  compareVersions,
  formatVersion,
  parseLooseVersion,
  parseVersion,
  type WindowsVersion,
} from '../version/windowsVersion.js';
import type { CopyFinding, ReasonCode } from './types.js';

/** Date evidence allows this much for time zones: a file stamped the day before the KB date still counts. */
export const DATE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** The row and manifest context a copy is judged in. */
export interface RowContext {
  readonly row: ManifestFile;
  /** Branch of the manifest ("5.0"), when rows carry versions. */
  readonly branch: string | undefined;
  readonly language: ManifestLanguage | undefined;
}

/** A language id as reports show it: "0x0409", "0x040C". */
const hex4 = (n: number) => hexId(n, 4);

function languagesOf(resources: readonly VersionResource[]): string[] {
  const ids = new Set<number>();
  for (const resource of resources) {
    for (const t of resource.translations) ids.add(t.language);
    for (const table of resource.stringTables) ids.add(table.language);
  }
  return [...ids].map(hex4);
}

function stringFileVersion(resources: readonly VersionResource[]): string | undefined {
  for (const resource of resources) {
    for (const table of resource.stringTables) {
      const value = table.strings['FileVersion'];
      if (value !== undefined && value.trim() !== '') return value;
    }
  }
  return undefined;
}

const UNREADABLE_REASONS: ReadonlySet<string> = new Set([
  'not-regular-file',
  'link-outside-target',
  'broken-link',
  'unreadable',
  'vanished',
  'read-error',
  'archive-link',
  'unsafe-path',
  'expansion-limit',
  'corrupt-entry',
]);

/** Judges one observed copy against one row. Never throws. */
export function evaluateCopy(context: RowContext, observation: Observation): CopyFinding {
  const { row } = context;
  const path = observation.entry.path;
  const base = { path, size: observation.size, ...(observation.sha256 ? { sha256: observation.sha256 } : {}) };

  if (observation.error) {
    const reason = (UNREADABLE_REASONS.has(observation.error.code) ? observation.error.code : 'unreadable') as ReasonCode;
    return { ...base, status: 'unverifiable', reason, detail: observation.error.message, evidence: 'none', notes: [] };
  }

  const notes: string[] = [];
  const pe = observation.pe;
  let machine: string | undefined;
  let languages: string[] | undefined;
  let fixed: WindowsVersion | undefined;
  let product: WindowsVersion | undefined;
  let stringVersion: string | undefined;

  if (pe?.ok) {
    machine = pe.image.machine;
    languages = languagesOf(pe.versions);
    stringVersion = stringFileVersion(pe.versions);
    const withFixed = pe.versions.filter((resource) => resource.fixed !== undefined);
    if (withFixed.length > 0) {
      // Several version resources (one per language) that disagree: judge by the lowest, fail closed.
      const sorted = [...withFixed].sort((a, b) => compareVersions(a.fixed!.fileVersion, b.fixed!.fileVersion));
      fixed = sorted[0]!.fixed!.fileVersion;
      product = sorted[0]!.fixed!.productVersion;
      const highest = sorted[sorted.length - 1]!.fixed!.fileVersion;
      if (compareVersions(fixed, highest) !== 0) {
        notes.push(`version resources disagree (${formatVersion(fixed)} to ${formatVersion(highest)}); judged by the lowest`);
      }
    }
    if (stringVersion !== undefined && fixed !== undefined) {
      const fromString = parseLooseVersion(stringVersion);
      if (!fromString || compareVersions(fromString, fixed) !== 0) {
        notes.push(
          `string FileVersion "${stringVersion}" disagrees with the fixed file info ${formatVersion(fixed)}; the fixed file info decides`,
        );
      }
    }
    if (context.language && languages.length > 0 && !languages.includes(hex4(Number.parseInt(context.language.id, 16)))) {
      notes.push(
        `build language ${languages.join(', ')}; the article describes the ${context.language.name} build (${context.language.id})`,
      );
    }
  }
  const peFields = {
    ...(fixed ? { fixedVersion: formatVersion(fixed) } : {}),
    ...(product ? { productVersion: formatVersion(product) } : {}),
    ...(stringVersion !== undefined ? { stringVersion } : {}),
    ...(machine ? { machine } : {}),
    ...(languages ? { languages } : {}),
  };
  const finding = (
    status: CopyFinding['status'],
    reason: ReasonCode,
    detail: string,
    evidence: CopyFinding['evidence'],
    extra: object = {},
  ): CopyFinding => ({
    ...base,
    ...peFields,
    ...extra,
    status,
    reason,
    detail,
    evidence,
    notes,
  });

  if (row.platform && machine && machine !== row.platform) {
    return finding('not-applicable', 'other-platform', `built for ${machine}; this row is for ${row.platform}`, 'none');
  }

  // Size and digest, when the manifest gives them, must match whatever else is checked; but a row judged
  // by date is "that date or later", and a later build has another size: there the KB's size is information.
  const sizeDiffers = row.size !== undefined && observation.size !== undefined && observation.size !== row.size;
  if (sizeDiffers && row.date !== undefined)
    notes.push(`size ${observation.size} bytes; the KB printed ${row.size} (information only: a later build differs)`);
  if (sizeDiffers && row.date === undefined) {
    return finding('outdated', 'size-mismatch', `size ${observation.size} bytes, the manifest expects ${row.size}`, 'size');
  }
  if (row.sha256 !== undefined) {
    if (observation.sha256 === undefined) return finding('unverifiable', 'unreadable', 'SHA-256 could not be computed', 'none');
    if (observation.sha256.toLowerCase() !== row.sha256.toLowerCase()) {
      return finding(
        'outdated',
        'sha256-mismatch',
        `SHA-256 ${observation.sha256} differs from the manifest's ${row.sha256.toLowerCase()}`,
        'sha256',
      );
    }
  }

  if (row.version !== null) {
    const required = parseVersion(row.version);
    if (!pe) return finding('unverifiable', 'read-error', 'the file was not read', 'none');
    if (!pe.ok) return finding('unverifiable', pe.code, pe.message, 'none');
    if (pe.versions.length === 0)
      return finding('unverifiable', 'no-version-resource', 'PE file has no version resource (RT_VERSION)', 'none');
    if (!fixed)
      return finding('unverifiable', 'no-fixed-info', 'version resource has no valid VS_FIXEDFILEINFO (signature 0xFEEF04BD)', 'none');
    if (context.branch && branchOf(fixed) !== context.branch) {
      return finding(
        'not-applicable',
        'other-branch',
        `fixed file version ${formatVersion(fixed)} belongs to branch ${branchOf(fixed)}; this fix is for ${context.branch}`,
        'fixed-version',
      );
    }
    if (compareVersions(fixed, required) >= 0) {
      return finding('meets', 'version-ok', `fixed file version ${formatVersion(fixed)} is ${row.version} or later`, 'fixed-version');
    }
    return finding('outdated', 'older', `fixed file version ${formatVersion(fixed)} is older than ${row.version}`, 'fixed-version');
  }

  if (row.date !== undefined) {
    // A PE file that could not be read (truncated, corrupt, read error) has no link time to judge by, and its
    // modification time says nothing about its build: only a file that is not PE at all falls back to it.
    if (pe && !pe.ok && pe.code !== 'not-pe') return finding('unverifiable', pe.code, pe.message, 'none');
    const stampMs = pe?.ok && pe.image.timeDateStamp > 0 ? pe.image.timeDateStamp * 1000 : observation.mtimeMs;
    if (stampMs === undefined) return finding('unverifiable', 'unreadable', 'no timestamp could be read', 'none');
    const source = pe?.ok && pe.image.timeDateStamp > 0 ? 'PE TimeDateStamp' : 'modification time';
    const timestamp = new Date(stampMs).toISOString();
    const limit = Date.parse(`${row.date}T00:00:00Z`) - DATE_TOLERANCE_MS;
    if (stampMs >= limit)
      return finding('meets', 'date-ok', `${source} ${timestamp.slice(0, 10)} is ${row.date} or later`, 'date', { timestamp });
    return finding('outdated', 'older-date', `${source} ${timestamp.slice(0, 10)} is earlier than ${row.date}`, 'date', { timestamp });
  }

  if (row.sha256 !== undefined) return finding('meets', 'present', 'present; SHA-256 matches', 'sha256');
  if (row.size !== undefined) return finding('meets', 'present', `present; size ${row.size} bytes matches`, 'size');
  return finding('meets', 'present', 'present (the KB gives no version for this file)', 'presence');
}
