/** What the scanner saw of one copy of a file: the evidence a verdict is built from, distilled from the PE reader. */
import type { SourceEntry } from './source.js';
import type { WindowsVersion } from './version.js';

/** One version resource, as evaluation needs it. */
export interface VersionFacts {
  /** VS_FIXEDFILEINFO file version; absent when the resource has no valid fixed info. */
  readonly fileVersion?: WindowsVersion;
  /** VS_FIXEDFILEINFO product version. */
  readonly productVersion?: WindowsVersion;
  /** The StringFileInfo FileVersion string, as stored (first non-empty one). */
  readonly stringFileVersion?: string;
  /** Language ids of the Translation list and the string tables. */
  readonly languages: readonly number[];
}

/** What reading a copy as a PE file gave: its facts, or why it could not be read. */
export type PeEvidence =
  | {
      readonly ok: true;
      /** IMAGE_FILE_HEADER.Machine, named ("i386", "alpha", "x64", ...). */
      readonly machine: string;
      /** IMAGE_FILE_HEADER.TimeDateStamp (seconds since 1970); 0 when unset. */
      readonly timeDateStamp: number;
      /** Every version resource; empty for a PE file with none. */
      readonly versions: readonly VersionFacts[];
    }
  | { readonly ok: false; readonly code: 'not-pe' | 'truncated' | 'corrupt' | 'read-error'; readonly message: string };

/** One copy of a manifest file found in the target, and what reading it gave. */
export interface Observation {
  readonly entry: SourceEntry;
  /** Size in bytes, when the copy could be opened. */
  readonly size?: number;
  /** Modification time (ms since the epoch), when the copy could be opened. */
  readonly mtimeMs?: number;
  /** What the PE reader found, when the copy was read as a PE file. */
  readonly pe?: PeEvidence;
  /** SHA-256 of the whole copy, hex, when a manifest row asks for one. */
  readonly sha256?: string;
  /** Why the copy could not be opened or read: a source or reader code and the reader's own words. */
  readonly error?: { readonly code: string; readonly message: string };
  /**
   * A component-store (WinSxS) copy that was not read: its version and platform as its folder's name states
   * them. Such a copy never decides a row, so its bytes are not worth a read.
   */
  readonly storeFolder?: { readonly version: WindowsVersion; readonly machine?: string };
}
