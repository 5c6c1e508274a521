/** The one way to read a small file a user names (manifest, ignore file, article, host list): capped, errors in words. */
import { readFile, stat } from 'node:fs/promises';
import { errnoWords, HotfixError } from '../errors.js';

/** How to read one user file, and how to name its errors. */
export interface UserFileOptions {
  /** The most bytes the file may hold; a larger one is refused before it is read. */
  readonly maxBytes: number;
  /** What the file is, for the message ("a manifest", "an ignore file"). */
  readonly what: string;
  /** Builds the error to throw: the caller's own HotfixError subclass, so its code stays its own. */
  readonly fail: (file: string, problem: string) => HotfixError;
}

/** Reads a regular file of at most `maxBytes`; throws `fail(file, problem)` when it is missing, too large, or not a file. */
export async function readUserFile(file: string, options: UserFileOptions): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw options.fail(file, info.isDirectory() ? 'is a folder, not a file' : 'is not a regular file');
    if (info.size > options.maxBytes) {
      throw options.fail(file, `is ${info.size} bytes, more than the ${options.maxBytes} ${options.what} may be`);
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof HotfixError) throw error;
    throw options.fail(file, `cannot be read: ${errnoWords(error)}`);
  }
}

/** readUserFile, decoded as UTF-8 with a leading byte-order mark dropped. */
export async function readUserText(file: string, options: UserFileOptions): Promise<string> {
  const text = (await readUserFile(file, options)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
