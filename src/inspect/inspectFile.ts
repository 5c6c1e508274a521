/** Inventory of single files: every version field of a PE file, like sigcheck, as data. */
import { type FileHandle, open } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { errnoCode, errnoWords } from '../errors.js';
import { fileHandleSource } from '../pe/byteSource.js';
import { readPeVersionInfo } from '../pe/readPeVersionInfo.js';
import type { PeReadResult } from '../pe/types.js';

/** One inspected file. `result` is the PE reader's typed result, or an `error` when the file could not be opened. */
export interface InspectRecord {
  readonly path: string;
  readonly size?: number;
  readonly result?: PeReadResult;
  readonly error?: { readonly code: string; readonly message: string };
}

/** True when the record holds a PE file with at least one version resource. */
export function hasVersionInfo(record: InspectRecord): boolean {
  return record.result?.ok === true && record.result.versions.length > 0;
}

/** Reads the version resource of one file on disk; never throws. */
export async function inspectFile(file: string): Promise<InspectRecord> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    return { path: file, error: { code: errnoCode(error) === 'ENOENT' ? 'not-found' : 'unreadable', message: errnoWords(error) } };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { path: file, error: { code: 'not-regular-file', message: 'not a regular file' } };
    const result = await readPeVersionInfo(fileHandleSource(handle, info.size));
    return { path: file, size: info.size, result };
  } catch (error) {
    return { path: file, error: { code: 'read-error', message: (error as Error).message } };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
