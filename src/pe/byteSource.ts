/**
 * Positional byte access for the PE reader, like Go's io.ReaderAt: the reader
 * asks for the few ranges it needs and never holds the whole file.
 */
import type { FileHandle } from 'node:fs/promises';

/** Random-access bytes of one file (or an in-memory image of one). */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /**
   * Reads up to `length` bytes at `position`. Returns fewer bytes only at the
   * end of the data; may reject on an I/O error.
   */
  read(position: number, length: number): Promise<Uint8Array>;
}

/** Random-access bytes read synchronously (a descriptor read by a worker thread, or bytes in memory). */
export interface SyncByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads up to `length` bytes at `position`; fewer only at the end of the data. May throw on an I/O error. */
  readSync(position: number, length: number): Uint8Array;
}

/** A ByteSource that also counts the bytes it has handed out (to prove reads stay small). */
export type CountingByteSource = ByteSource & { readonly bytesRead: number };

/** Clamps a request to the data: [start, start + count) inside [0, size). */
function clampRange(size: number, position: number, length: number): { start: number; count: number } {
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
    throw new RangeError(`invalid read of ${length} bytes at position ${position}`);
  }
  const start = Math.min(position, size);
  return { start, count: Math.min(length, size - start) };
}

/** Wraps bytes already in memory as a ByteSource, readable synchronously too (no copy; callers must not mutate the result). */
export function bufferSource(bytes: Uint8Array): CountingByteSource & SyncByteSource {
  let bytesRead = 0;
  const readSync = (position: number, length: number): Uint8Array => {
    const { start, count } = clampRange(bytes.byteLength, position, length);
    bytesRead += count;
    return bytes.subarray(start, start + count);
  };
  return {
    size: bytes.byteLength,
    get bytesRead() {
      return bytesRead;
    },
    readSync,
    read(position: number, length: number): Promise<Uint8Array> {
      try {
        return Promise.resolve(readSync(position, length));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** One positional read into `buffer[offset, offset + length)` from `position`; resolves to the bytes read (0 at the end). */
export type ReadAt = (buffer: Uint8Array, offset: number, length: number, position: number) => Promise<number>;

/**
 * A ByteSource over any positional read (a FileHandle, a raw descriptor). `size` is the
 * file size the caller got from stat; reads past it return fewer bytes.
 */
export function positionalSource(size: number, readAt: ReadAt): CountingByteSource {
  let bytesRead = 0;
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(position: number, length: number): Promise<Uint8Array> {
      const { start, count } = clampRange(size, position, length);
      const buffer = new Uint8Array(count);
      let filled = 0;
      // A positional read may return less than asked for; loop until done or the file really ends.
      while (filled < count) {
        const got = await readAt(buffer, filled, count - filled, start + filled);
        if (got === 0) break;
        filled += got;
      }
      bytesRead += filled;
      return filled === count ? buffer : buffer.subarray(0, filled);
    },
  };
}

/** Reads an open file through positional `handle.read` calls. */
export function fileHandleSource(handle: FileHandle, size: number): CountingByteSource {
  return positionalSource(
    size,
    async (buffer, offset, length, position) => (await handle.read(buffer, offset, length, position)).bytesRead,
  );
}
