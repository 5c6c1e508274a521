/** What a listing of a target gives: entries named in the manifests, and what could not be listed. */

/** What a listing entry is, as far as the listing can tell without opening it. */
export type EntryType = 'file' | 'symlink' | 'other';

/** One entry found in a source whose name a manifest asks for. */
export interface SourceEntry {
  /** Path relative to the source root, "/"-separated, as shown in reports. */
  readonly path: string;
  /** The entry's own name, as stored (case preserved). */
  readonly name: string;
  readonly type: EntryType;
}

/** Something the listing could not do (an unreadable folder, a loop): the scan is then incomplete. */
export interface SourceProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** A listing: the entries asked for, in path order, and what could not be listed. */
export interface Listing {
  readonly entries: readonly SourceEntry[];
  readonly problems: readonly SourceProblem[];
  /** Symbolic links or junctions the manifests do not name, not followed: a file missing from the listing may be behind one. */
  readonly links?: readonly string[];
  /** Things about the target worth saying that prove nothing either way (garbage after a tar's end was ignored). */
  readonly notes?: readonly string[];
}
