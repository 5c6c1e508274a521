/** A manifest's verdict from its rows, and the report's from its manifests. */
import type { ManifestFinding, ManifestReason, RowFinding, Verdict } from '../model/finding.js';

/** How a manifest's rows are judged together. */
export interface VerdictOptions {
  /**
   * The manifest is one fix of a catalog: a fix none of whose files is installed on the target
   * (neither its programs nor its data files) does not apply, because its component is not
   * installed there. A fix whose data files are there but whose programs are not is half there:
   * it falls short. A fix the user names on its own must be there, so outside a catalog such
   * a fix falls short.
   */
  readonly catalog?: boolean;
}

/** A manifest's verdict, and for a fix that does not apply, why. */
export interface ManifestJudgement {
  readonly verdict: Verdict;
  readonly reason?: ManifestReason;
}

/** The verdict of one manifest from its rows, and why when it does not apply. */
export function judgeManifest(all: readonly RowFinding[], options: VerdictOptions = {}): ManifestJudgement {
  // Files a modern Windows image lacks because their component is not installed are left out; a fix of which
  // nothing is installed does not apply, and the rest is judged as usual (some row must still meet).
  const rows = all.filter((row) => !(row.status === 'not-applicable' && row.reason === 'not-installed'));
  if (rows.length === 0) return { verdict: 'not-applicable', reason: 'not-present' };
  const versioned = rows.filter((row) => row.required !== null);
  // The versioned files found all belong to another branch or platform, and the others are absent
  // (files the other branch does not ship): this fix is not for this machine.
  const foreign = versioned.filter((row) => row.status === 'not-applicable');
  if (foreign.length > 0 && versioned.every((row) => row.status === 'not-applicable' || row.status === 'missing')) {
    return { verdict: 'not-applicable', reason: foreign.some((row) => row.reason === 'other-branch') ? 'other-branch' : 'other-platform' };
  }
  if (options.catalog && rows.length > 0 && rows.every((row) => row.status === 'missing'))
    return { verdict: 'not-applicable', reason: 'not-present' };
  // A table split per platform (Tsteval.dll for Alpha, Tsteval.dll for Intel) is met when the rows of
  // this machine's platform meet: the other platform's rows, whose copies are all of this platform, do not apply.
  const otherPlatform = (row: RowFinding) => row.status === 'not-applicable' && row.reason === 'other-platform';
  const met = rows.some((row) => row.status === 'meets') && rows.every((row) => row.status === 'meets' || otherPlatform(row));
  return { verdict: met ? 'meets' : 'falls-short' };
}

/** The overall verdict: meets only when the scan was complete, no manifest falls short, and at least one meets. */
export function overallVerdict(manifests: readonly ManifestFinding[], complete: boolean): Verdict {
  if (!complete || manifests.some((m) => m.verdict === 'falls-short')) return 'falls-short';
  return manifests.some((m) => m.verdict === 'meets') ? 'meets' : 'not-applicable';
}
