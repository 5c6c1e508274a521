/** Pure judgement of rows and manifests from the copies found. */
import type { LoadedManifest, ManifestFile } from '../manifest/types.js';
import type { Observation } from '../scan/observation.js';
import { evaluateCopy } from './evaluateCopy.js';
import {
  STATUSES,
  type CopyFinding,
  type ManifestFinding,
  type ManifestReason,
  type RowFinding,
  type Status,
  type Verdict,
} from './types.js';

/** Every name a row's file may carry on disk, lower-cased. */
export function rowNames(row: ManifestFile): string[] {
  return [row.name, ...(row.aliases ?? [])].map((name) => name.toLowerCase());
}

/**
 * Which copy decides a row, most severe first: a proven old copy outranks an unreadable one.
 * A copy of another product branch outranks one that meets: with a 5.5 Emsmta.exe in bin and
 * a patched 5.0 copy in a backup folder, nothing proves which one the server runs, so the row
 * does not meet (inside a fix that applies, the gate fails it). A copy for another platform of
 * a table split per platform ranks last: it is another row's business.
 */
function severity(copy: CopyFinding): number {
  if (copy.status === 'not-applicable') return copy.reason === 'other-branch' ? 4 : 6;
  return ['outdated', 'missing', 'unverifiable', 'unexpected', '', 'meets'].indexOf(copy.status);
}

/** Judges one row over every copy of its file: any copy that falls short makes the row fall short. */
export function evaluateRow(loaded: LoadedManifest, row: ManifestFile, observations: readonly Observation[]): RowFinding {
  const context = { row, branch: loaded.branch, language: loaded.manifest.language };
  const copies: CopyFinding[] = observations.map((observation) => evaluateCopy(context, observation));
  const identity = {
    name: row.name,
    ...(row.aliases ? { aliases: row.aliases } : {}),
    required: row.version,
    ...(row.platform ? { platform: row.platform } : {}),
    ...(row.path ? { path: row.path } : {}),
  };
  if (copies.length === 0) {
    const looked = row.aliases?.length ? ` (nor as ${row.aliases.join(', ')})` : '';
    const where = row.path ? `not found at ${row.path}` : `not found anywhere under the target${looked}`;
    return { ...identity, status: 'missing', reason: 'not-found', detail: where, copies };
  }
  // The first copy of the lowest severity decides (copies come in path order).
  const decisive = copies.reduce((best, copy) => (severity(copy) < severity(best) ? copy : best));
  const others = copies.length > 1 ? ` (${copies.length} copies; decided by ${decisive.path})` : '';
  return { ...identity, status: decisive.status, reason: decisive.reason, detail: `${decisive.detail}${others}`, copies };
}

/** How a manifest's rows are judged together. */
export interface VerdictOptions {
  /**
   * The manifest is one fix of a catalog: a fix none of whose files is on the
   * target (versioned files, or every file when none has a version) does not
   * apply, because its component is not installed there. A fix the user names
   * on its own must be there, so outside a catalog such a fix falls short.
   */
  readonly catalog?: boolean;
}

/** A manifest's verdict, and for a fix that does not apply, why. */
export interface ManifestJudgement {
  readonly verdict: Verdict;
  readonly reason?: ManifestReason;
}

/** The verdict of one manifest from its rows, and why when it does not apply. */
export function judgeManifest(rows: readonly RowFinding[], options: VerdictOptions = {}): ManifestJudgement {
  const versioned = rows.filter((row) => row.required !== null);
  // The versioned files found all belong to another branch or platform, and the others are absent
  // (files the other branch does not ship): this fix is not for this machine.
  const foreign = versioned.filter((row) => row.status === 'not-applicable');
  if (foreign.length > 0 && versioned.every((row) => row.status === 'not-applicable' || row.status === 'missing')) {
    return { verdict: 'not-applicable', reason: foreign.some((row) => row.reason === 'other-branch') ? 'other-branch' : 'other-platform' };
  }
  const deciding = versioned.length > 0 ? versioned : rows;
  if (options.catalog && deciding.length > 0 && deciding.every((row) => row.status === 'missing'))
    return { verdict: 'not-applicable', reason: 'not-present' };
  // A table split per platform (Tsteval.dll for Alpha, Tsteval.dll for Intel) is met when the rows of
  // this machine's platform meet: the other platform's rows, whose copies are all of this platform, do not apply.
  const otherPlatform = (row: RowFinding) => row.status === 'not-applicable' && row.reason === 'other-platform';
  const met = rows.some((row) => row.status === 'meets') && rows.every((row) => row.status === 'meets' || otherPlatform(row));
  return { verdict: met ? 'meets' : 'falls-short' };
}

/** The verdict of one manifest from its rows. */
export function manifestVerdict(rows: readonly RowFinding[], options: VerdictOptions = {}): Verdict {
  return judgeManifest(rows, options).verdict;
}

/**
 * True when row `index` is for another platform and no other row of its name judged the copies found (they are of no platform the table
 * has).
 */
function platformUncovered(rows: readonly RowFinding[], index: number): boolean {
  const row = rows[index]!;
  if (row.status !== 'not-applicable' || row.reason !== 'other-platform') return false;
  const names = new Set([row.name, ...(row.aliases ?? [])].map((name) => name.toLowerCase()));
  return !rows.some(
    (other, at) =>
      at !== index &&
      !(other.status === 'not-applicable' && other.reason === 'other-platform') &&
      [other.name, ...(other.aliases ?? [])].some((name) => names.has(name.toLowerCase())),
  );
}

/** The row as missing: its copies are builds for another platform, not the file this row names. */
function platformMissing(row: RowFinding): RowFinding {
  const found = row.copies.map((copy) => `${copy.path} is built for ${copy.machine ?? 'another platform'}`).join(', ');
  return {
    ...row,
    status: 'missing',
    reason: 'not-found',
    detail: `no copy built for ${row.platform}, and no row of the manifest is for the build found (${found})`,
    copies: [],
  };
}

/** The machine types of every copy found for the manifest. */
function machinesFound(rows: readonly RowFinding[]): Set<string> {
  return new Set(
    rows.flatMap((row) => row.copies.map((copy) => copy.machine)).filter((machine): machine is string => machine !== undefined),
  );
}

/**
 * A platform row with no copy at all, in a table split per platform whose rows for another platform
 * meet, on a target where no file is built for this row's platform: an Alpha-only file of a split
 * table on an Intel server does not apply there, it is not missing.
 */
function platformAbsentHere(rows: readonly RowFinding[], index: number): boolean {
  const row = rows[index]!;
  if (row.status !== 'missing' || row.platform === undefined) return false;
  const machines = machinesFound(rows);
  return (
    machines.size > 0 &&
    !machines.has(row.platform) &&
    rows.some((other) => other.platform !== undefined && other.platform !== row.platform && other.status === 'meets')
  );
}

/** The row as not applicable: the target is built for another platform. */
function platformAbsent(row: RowFinding, rows: readonly RowFinding[]): RowFinding {
  return {
    ...row,
    status: 'not-applicable',
    reason: 'other-platform',
    detail: `no copy built for ${row.platform}; the files of this fix on the target are built for ${[...machinesFound(rows)].join(', ')}`,
  };
}

/** Judges a whole manifest; `copiesOf` gives the observations of every copy of a name (lower-cased). */
export function evaluateManifest(
  loaded: LoadedManifest,
  copiesOf: (lowerName: string) => readonly Observation[],
  options: VerdictOptions = {},
): ManifestFinding {
  // A row pinned to a path is judged by the copy at that path only. Copies of a name are indexed
  // by path once: a snapshot has a row per file, and one name (readme.txt) may sit in many folders.
  const byPath = new Map<string, Map<string, Observation[]>>();
  const copiesAt = (name: string, pinned: string): readonly Observation[] => {
    let index = byPath.get(name);
    if (!index) {
      index = new Map();
      for (const observation of copiesOf(name)) {
        const key = observation.entry.path.toLowerCase();
        const list = index.get(key);
        if (list) list.push(observation);
        else index.set(key, [observation]);
      }
      byPath.set(name, index);
    }
    return index.get(pinned) ?? [];
  };
  const judgedRows = loaded.manifest.files.map((row) => {
    // One observation may come under two of the row's names; two entries at one path (a tar or zip that holds
    // a path twice, where extraction keeps the last) are two copies, and both are judged.
    const seen = new Set<Observation>();
    const pinned = row.path?.toLowerCase();
    const observations = rowNames(row)
      .flatMap((name) => (pinned === undefined ? copiesOf(name) : copiesAt(name, pinned)))
      .filter((observation) => {
        if (seen.has(observation)) return false;
        seen.add(observation);
        return true;
      });
    return evaluateRow(loaded, row, observations);
  });
  const { manifest } = loaded;
  const first = judgeManifest(judgedRows, options);
  // In a fix that applies, a platform row whose copies are all another platform's build, with no row of its
  // name for that platform, is not in a table split per platform: this machine's build of it is not there.
  const rows =
    first.verdict === 'not-applicable'
      ? judgedRows
      : judgedRows.map((row, index) =>
          platformUncovered(judgedRows, index)
            ? platformMissing(row)
            : platformAbsentHere(judgedRows, index)
              ? platformAbsent(row, judgedRows)
              : row,
        );
  const judgement = rows.every((row, index) => row === judgedRows[index]) ? first : judgeManifest(rows, options);
  const counts = Object.fromEntries(STATUSES.map((status) => [status, rows.filter((row) => row.status === status).length])) as Record<
    Status,
    number
  >;
  return {
    id: manifest.id,
    title: manifest.title,
    product: manifest.productVersion ? `${manifest.product} ${manifest.productVersion}` : manifest.product,
    ...(manifest.component ? { component: manifest.component } : {}),
    branch: loaded.branch ?? null,
    source: loaded.source,
    verdict: judgement.verdict,
    ...(judgement.reason ? { reason: judgement.reason } : {}),
    counts,
    rows,
  };
}

/** The overall verdict: meets only when the scan was complete, no manifest falls short, and at least one meets. */
export function overallVerdict(manifests: readonly ManifestFinding[], complete: boolean): Verdict {
  if (!complete || manifests.some((m) => m.verdict === 'falls-short')) return 'falls-short';
  return manifests.some((m) => m.verdict === 'meets') ? 'meets' : 'not-applicable';
}
