/** An open file handle as a FileSource's OpenedFile: checked to be a regular file, read by position. */
import type { FileHandle } from 'node:fs/promises';
import { errnoCode, errnoWords } from '../errors.js';
import { fileHandleSource } from '../pe/byteSource.js';
import { SourceOpenError, type OpenedFile } from './types.js';

/**
 * Wraps `handle` (of the entry at `entryPath`) after fstat proves it a regular file; closes it
 * and rejects with SourceOpenError otherwise. `notRegular` is the message for anything else.
 */
export async function openedFileFromHandle(
  handle: FileHandle,
  entryPath: string,
  notRegular: string,
  readError: (error: unknown) => string,
): Promise<OpenedFile> {
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new SourceOpenError('not-regular-file', entryPath, notRegular);
    const bytes = fileHandleSource(handle, info.size);
    return {
      size: info.size,
      mtimeMs: info.mtimeMs,
      get bytesRead() {
        return bytes.bytesRead;
      },
      // A failed read is worded like any errno (a byte range a running service locked on Windows: "in use by another program").
      read: (position, length) =>
        bytes.read(position, length).catch((error: unknown) => {
          throw errnoCode(error) === undefined ? error : new Error(errnoWords(error), { cause: error });
        }),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof SourceOpenError) throw error;
    throw new SourceOpenError('unreadable', entryPath, readError(error));
  }
}
