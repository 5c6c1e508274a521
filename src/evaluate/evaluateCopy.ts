/** Pure judgement of one copy of a file against one manifest row: a status, a reason code and its arguments. */
import type { CopyFinding, CopyRole, Evidence, MessageArgs, Note, ReasonCode, Status } from '../model/finding.js';
import type { ManifestFile, ManifestLanguage } from '../model/manifest.js';
import type { Observation, VersionFacts } from '../model/observation.js';
import type { WindowsVersion } from '../model/version.js';
import { branchLike, compareVersions, formatVersion, inBranch, parseLooseVersion, parseVersion } from '../version/windowsVersion.js';
import { hexId } from '../pe/hexId.js';

/** Date evidence allows this much for time zones: a file stamped the day before the KB date still counts. */
export const DATE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** The row and manifest context a copy is judged in. */
export interface RowContext {
  readonly row: ManifestFile;
  /** Branch of the manifest ("5.0"), when rows carry versions (or the product states it). */
  readonly branch: string | undefined;
  readonly language: ManifestLanguage | undefined;
}

/** A language id as reports show it: "0x0409", "0x040C" (the one hex formatter the PE writers use too). */
const languageId = (value: number): string => hexId(value, 4);

/** Source and reader error codes that are reasons of their own; any other code is `unreadable`. */
const UNREADABLE_REASONS: ReadonlySet<string> = new Set<ReasonCode>([
  'not-regular-file',
  'link-outside-target',
  'broken-link',
  'unreadable',
  'vanished',
  'in-use',
  'read-error',
  'archive-link',
  'unsafe-path',
  'expansion-limit',
  'corrupt-entry',
]);

/** The version facts a copy is judged by: the lowest fixed version when several resources disagree (fail closed). */
function fixedOf(versions: readonly VersionFacts[]): { lowest?: VersionFacts; highest?: VersionFacts } {
  const withFixed = versions.filter((facts) => facts.fileVersion !== undefined);
  if (withFixed.length === 0) return {};
  const sorted = [...withFixed].sort((a, b) => compareVersions(a.fileVersion!, b.fileVersion!));
  return { lowest: sorted[0]!, highest: sorted[sorted.length - 1]! };
}

/** What a component-store folder's name says, in the shape of a PE read. */
function storeEvidence(store: NonNullable<Observation['storeFolder']>): NonNullable<Observation['pe']> {
  return { ok: true, machine: store.machine ?? 'unknown', timeDateStamp: 0, versions: [{ fileVersion: store.version, languages: [] }] };
}

/** Judges one observed copy against one row. Never throws. */
export function evaluateCopy(context: RowContext, observation: Observation, role: CopyRole): CopyFinding {
  const { row } = context;
  const base = {
    path: observation.entry.path,
    role,
    ...(observation.size !== undefined ? { size: observation.size } : {}),
    ...(observation.sha256 ? { sha256: observation.sha256 } : {}),
  };

  if (observation.error) {
    const reason = (UNREADABLE_REASONS.has(observation.error.code) ? observation.error.code : 'unreadable') as ReasonCode;
    return { ...base, status: 'unverifiable', reason, args: { message: observation.error.message }, evidence: 'none', notes: [] };
  }

  const notes: Note[] = [];
  const store = observation.storeFolder;
  // A component-store copy left unread: its folder names its version and platform, and it never decides.
  const pe = observation.pe ?? (store ? storeEvidence(store) : undefined);
  if (store && !observation.pe) notes.push({ code: 'store-folder', args: { version: formatVersion(store.version) } });
  let machine: string | undefined;
  let languages: string[] | undefined;
  let fixed: WindowsVersion | undefined;
  let product: WindowsVersion | undefined;
  let stringVersion: string | undefined;

  if (pe?.ok) {
    machine = pe.machine;
    languages = [...new Set(pe.versions.flatMap((facts) => facts.languages))].map(languageId);
    stringVersion = pe.versions.find((facts) => facts.stringFileVersion !== undefined)?.stringFileVersion;
    const { lowest, highest } = fixedOf(pe.versions);
    if (lowest && highest) {
      fixed = lowest.fileVersion;
      product = lowest.productVersion;
      if (compareVersions(lowest.fileVersion!, highest.fileVersion!) !== 0) {
        notes.push({
          code: 'versions-disagree',
          args: { lowest: formatVersion(lowest.fileVersion!), highest: formatVersion(highest.fileVersion!) },
        });
      }
    }
    if (stringVersion !== undefined && fixed !== undefined) {
      const fromString = parseLooseVersion(stringVersion);
      if (!fromString || compareVersions(fromString, fixed) !== 0) {
        notes.push({ code: 'string-version-differs', args: { stringVersion, fixed: formatVersion(fixed) } });
      }
    }
    const wanted = context.language;
    if (wanted && languages.length > 0 && !languages.includes(languageId(Number.parseInt(wanted.id, 16)))) {
      notes.push({ code: 'other-language', args: { found: languages, language: wanted.name, id: wanted.id } });
    }
  }
  const peFields = {
    ...(fixed ? { fixedVersion: formatVersion(fixed) } : {}),
    ...(product ? { productVersion: formatVersion(product) } : {}),
    ...(stringVersion !== undefined ? { stringVersion } : {}),
    ...(machine ? { machine } : {}),
    ...(languages ? { languages } : {}),
  };
  const finding = (status: Status, reason: ReasonCode, args: MessageArgs, evidence: Evidence, extra: object = {}): CopyFinding => ({
    ...base,
    ...peFields,
    ...extra,
    status,
    reason,
    args,
    evidence,
    notes,
  });

  if (row.platform && machine && machine !== row.platform) {
    return finding('not-applicable', 'other-platform', { machine, platform: row.platform }, 'none');
  }

  // Size and digest, when the manifest gives them, must match whatever else is checked; but a row judged
  // by date is "that date or later", and a later build has another size: there the KB's size is information.
  // A versioned row is "that version or later": its size and digest bind the same version only (a newer build differs).
  const sizeDiffers = row.size !== undefined && observation.size !== undefined && observation.size !== row.size;
  if (sizeDiffers && row.date !== undefined) notes.push({ code: 'size-information', args: { size: observation.size, printed: row.size } });
  if (sizeDiffers && row.date === undefined && row.version === null) {
    return finding('outdated', 'size-mismatch', { size: observation.size, expected: row.size }, 'size');
  }
  if (row.sha256 !== undefined && row.version === null) {
    if (observation.sha256 === undefined)
      return finding('unverifiable', 'unreadable', { message: 'SHA-256 could not be computed' }, 'none');
    if (observation.sha256.toLowerCase() !== row.sha256.toLowerCase()) {
      return finding('outdated', 'sha256-mismatch', { found: observation.sha256, expected: row.sha256.toLowerCase() }, 'sha256');
    }
  }

  if (row.version !== null) {
    const required = parseVersion(row.version);
    if (!pe) return finding('unverifiable', 'read-error', { message: 'the file was not read' }, 'none');
    if (!pe.ok) return finding('unverifiable', pe.code, { message: pe.message }, 'none');
    if (pe.versions.length === 0) return finding('unverifiable', 'no-version-resource', {}, 'none');
    if (!fixed) return finding('unverifiable', 'no-fixed-info', {}, 'none');
    const found = formatVersion(fixed);
    if (context.branch && !inBranch(fixed, context.branch)) {
      const foundBranch = branchLike(fixed, context.branch);
      return finding('not-applicable', 'other-branch', { found, foundBranch, branch: context.branch }, 'fixed-version');
    }
    const order = compareVersions(fixed, required);
    if (order === 0 && sizeDiffers) {
      return finding(
        'outdated',
        'size-mismatch',
        { size: observation.size, expected: row.size, version: found, sameVersion: true },
        'size',
      );
    }
    if (order > 0 && sizeDiffers) notes.push({ code: 'size-information', args: { size: observation.size, printed: row.size } });
    if (order === 0 && row.sha256 !== undefined) {
      // The same version with other bytes: a replaced file that still claims the version (scan --exact's snapshots record both).
      if (observation.sha256 === undefined)
        return finding('unverifiable', 'unreadable', { message: 'SHA-256 could not be computed' }, 'none');
      if (observation.sha256.toLowerCase() !== row.sha256.toLowerCase()) {
        return finding(
          'outdated',
          'sha256-mismatch',
          { found: observation.sha256, expected: row.sha256.toLowerCase(), version: found, sameVersion: true },
          'sha256',
        );
      }
    }
    if (order >= 0) return finding('meets', 'version-ok', { found, required: row.version }, 'fixed-version');
    return finding('outdated', 'older', { found, required: row.version }, 'fixed-version');
  }

  if (row.date !== undefined) {
    // A PE file that could not be read (truncated, corrupt, read error) has no link time to judge by, and its
    // modification time says nothing about its build: only a file that is not PE at all falls back to it.
    if (pe && !pe.ok && pe.code !== 'not-pe') return finding('unverifiable', pe.code, { message: pe.message }, 'none');
    // A date says nothing across products: a Windows 2000 file dated after an NT 4.0 row is not that row's file.
    if (fixed && context.branch && !inBranch(fixed, context.branch)) {
      return finding(
        'not-applicable',
        'other-branch',
        { found: formatVersion(fixed), foundBranch: branchLike(fixed, context.branch), branch: context.branch },
        'fixed-version',
      );
    }
    const linked = pe?.ok && pe.timeDateStamp > 0;
    const stampMs = linked ? pe.timeDateStamp * 1000 : observation.mtimeMs;
    if (stampMs === undefined) return finding('unverifiable', 'unreadable', { message: 'no timestamp could be read' }, 'none');
    const source = linked ? 'pe-timestamp' : 'mtime';
    const timestamp = new Date(stampMs).toISOString();
    const limit = Date.parse(`${row.date}T00:00:00Z`) - DATE_TOLERANCE_MS;
    const args = { source, found: timestamp.slice(0, 10), required: row.date };
    if (stampMs >= limit) return finding('meets', 'date-ok', args, 'date', { timestamp });
    return finding('outdated', 'older-date', args, 'date', { timestamp });
  }

  if (row.sha256 !== undefined) return finding('meets', 'present', { by: 'sha256' }, 'sha256');
  if (row.size !== undefined) return finding('meets', 'present', { by: 'size', size: row.size }, 'size');
  return finding('meets', 'present', { by: 'presence' }, 'presence');
}
