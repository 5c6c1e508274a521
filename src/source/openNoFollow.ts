/**
 * Opening a listed file read-only without following a link that took its place. POSIX has
 * O_NOFOLLOW for that; Windows has no such flag (Node leaves `O_NOFOLLOW` and `O_NONBLOCK`
 * undefined there, and OR-ing undefined in silently opens links and junctions). There the
 * path is lstat'ed first (Node reports symbolic links and junctions, both reparse points,
 * as links), and the opened file must be the one lstat saw (same volume and file id), so a
 * link swapped in between is refused too.
 */
import { constants as fsConstants } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';
import { errnoCode, errnoWords } from '../errors.js';
import { SourceOpenError } from './types.js';

/** The open flags this platform has: `O_NOFOLLOW` and `O_NONBLOCK` are undefined on Windows. */
export interface OpenFlags {
  readonly O_RDONLY: number;
  readonly O_NOFOLLOW?: number | undefined;
  readonly O_NONBLOCK?: number | undefined;
}

/** Why a file could not be opened, as the words of an `unverifiable` finding. */
export function openFailure(entryPath: string, error: unknown): SourceOpenError {
  if (error instanceof SourceOpenError) return error;
  if (errnoCode(error) === 'ENOENT') return new SourceOpenError('vanished', entryPath, 'deleted between listing and reading');
  // EBUSY is Windows' sharing violation: a running service holds the file open without sharing it. Not fatal: the scan goes on.
  if (errnoCode(error) === 'EBUSY') return new SourceOpenError('in-use', entryPath, `cannot be opened: ${errnoWords(error)}`);
  return new SourceOpenError('unreadable', entryPath, `cannot be opened: ${errnoWords(error)}`);
}

/**
 * Opens `file` (the entry at `entryPath`) for reading without following a link or
 * junction, and without blocking on a FIFO where the platform can say so. Rejects with
 * SourceOpenError (`vanished`, or `unreadable` naming the reason: a link, in use, denied).
 * `flags` is for tests: `{ O_RDONLY: 0 }` runs the Windows rules on any platform.
 */
export async function openNoFollow(file: Buffer, entryPath: string, flags: OpenFlags = fsConstants): Promise<FileHandle> {
  if (flags.O_NOFOLLOW !== undefined) {
    try {
      // O_NONBLOCK: a FIFO that replaced the file after listing must not block the scan; O_NOFOLLOW: nor a new link.
      return await open(file, flags.O_RDONLY | flags.O_NOFOLLOW | (flags.O_NONBLOCK ?? 0));
    } catch (error) {
      throw openFailure(entryPath, error);
    }
  }
  let handle: FileHandle | undefined;
  try {
    const listed = await lstat(file);
    if (listed.isSymbolicLink()) {
      throw new SourceOpenError('unreadable', entryPath, 'became a symbolic link or junction after listing; not followed');
    }
    handle = await open(file, flags.O_RDONLY);
    const opened = await handle.stat();
    if (opened.ino !== listed.ino || opened.dev !== listed.dev) {
      throw new SourceOpenError('unreadable', entryPath, 'was replaced (by a link or another file) while being opened; not read');
    }
    return handle;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw openFailure(entryPath, error);
  }
}
