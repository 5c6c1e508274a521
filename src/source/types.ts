/**
 * FileSource: the one seam through which a scan sees a target. A directory today;
 * archives and images implement the same interface; tests use in-memory ones.
 */
import type { ByteSource } from '../pe/byteSource.js';

export type { EntryType, Listing, SourceEntry, SourceProblem } from '../model/source.js';
import type { Listing, SourceEntry } from '../model/source.js';

/** An entry opened for reading: positional reads plus what fstat told. */
export interface OpenedFile extends ByteSource {
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
  /** Bytes read so far through this handle. */
  readonly bytesRead: number;
  close(): Promise<void>;
}

/**
 * Why an entry of a zip, tar or WIM image is not read: a symbolic or hard link entry (never
 * followed), a path that escapes the image root, an entry past the expansion limits, or one
 * whose compressed data is damaged.
 */
export type ImageEntryErrorCode = 'archive-link' | 'unsafe-path' | 'expansion-limit' | 'corrupt-entry';

/** Why an entry could not be opened; becomes an "unverifiable" finding, never a crash. */
export class SourceOpenError extends Error {
  constructor(
    readonly code: 'not-regular-file' | 'link-outside-target' | 'broken-link' | 'unreadable' | 'vanished' | 'in-use' | ImageEntryErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SourceOpenError';
  }
}

/** A target to scan. */
export interface FileSource {
  /** How reports name the target (an absolute path, or an image and index). */
  readonly description: string;
  /** Lists every entry whose lower-cased name is in `names`, in a stable order, and what could not be listed. */
  find(names: ReadonlySet<string>): Promise<Listing>;
  /** Opens an entry for reading only; rejects with SourceOpenError. */
  open(entry: SourceEntry): Promise<OpenedFile>;
  /** Which of the listing's `links` lead to folders (a folder source answers; others have no links). */
  folderLinks?(links: readonly string[]): Promise<string[]>;
  /** Releases whatever the source holds (temp folders, archive handles). */
  close?(): Promise<void>;
}

/** Code-unit order of paths: the stable order of reports and inventories. */
export function byPath(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
