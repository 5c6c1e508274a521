/** What the scanner saw of one copy of a file: the evidence a verdict is built from. */
import type { PeReadResult } from '../pe/types.js';
import type { SourceEntry } from '../source/types.js';

/** One copy of a manifest file found in the target, and what reading it gave. */
export interface Observation {
  readonly entry: SourceEntry;
  /** Size in bytes, when the copy could be opened. */
  readonly size?: number;
  /** Modification time (ms since the epoch), when the copy could be opened. */
  readonly mtimeMs?: number;
  /** The PE reader's result, when the copy was read as a PE file. */
  readonly pe?: PeReadResult;
  /** SHA-256 of the whole copy, hex, when a manifest row asks for one. */
  readonly sha256?: string;
  /** Why the copy could not be opened or read. */
  readonly error?: { readonly code: string; readonly message: string };
}
