/**
 * Synchronous positional reads of one open file for the PE reader, as a
 * worker thread (or the main thread, from the page cache) makes them: each
 * miss reads a whole block ahead, every block read stays available until the
 * file is done, and the blocks live in one arena reused from file to file, so
 * reading a file allocates no buffer and leaves nothing for the garbage
 * collector.
 */
import { readSync } from 'node:fs';
import type { SyncByteSource } from '../pe/byteSource.js';

/** Bytes fetched per miss: the headers and section table of nearly every PE file, or a small resource directory. */
export const BLOCK_BYTES = 4096;

/**
 * Scratch memory handed out in slices and taken back all at once between
 * files. The PE reader keeps no bytes in its results (only numbers and decoded
 * strings), so a slice is dead once its file is read.
 */
export class Arena {
  private readonly memory: Uint8Array;
  private used = 0;

  constructor(bytes = 256 * 1024) {
    this.memory = new Uint8Array(bytes);
  }

  /** `length` bytes of scratch (8-byte aligned); a fresh buffer when the arena is used up. */
  take(length: number): Uint8Array {
    const start = (this.used + 7) & ~7;
    if (start + length > this.memory.byteLength) return new Uint8Array(length);
    this.used = start + length;
    return this.memory.subarray(start, start + length);
  }

  /** Takes every slice back: call only when nothing handed out is still in use. */
  reset(): void {
    this.used = 0;
  }
}

/** An open file read by blocks; `size` must be set (from fstat) before the PE reader asks for bytes. */
export class DescriptorSource implements SyncByteSource {
  size = 0;
  /** Bytes read from the file so far (to prove reads stay small). */
  bytesRead = 0;
  private readonly blocks: { at: number; bytes: Uint8Array }[] = [];

  constructor(
    private readonly fd: number,
    private readonly arena: Arena,
  ) {}

  /**
   * Reads the first block before the size is known: enough to tell an "MZ"
   * file from any other without a stat, and the PE headers for the reader.
   */
  readFirstBlock(): Uint8Array {
    return this.fetch(0, BLOCK_BYTES);
  }

  readSync(position: number, length: number): Uint8Array {
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
      throw new RangeError(`invalid read of ${length} bytes at position ${position}`);
    }
    for (const block of this.blocks) {
      if (position >= block.at && position + length <= block.at + block.bytes.byteLength) {
        return block.bytes.subarray(position - block.at, position - block.at + length);
      }
    }
    const start = Math.min(position, this.size);
    const count = Math.min(Math.max(length, BLOCK_BYTES), this.size - start);
    const bytes = this.fetch(start, count);
    return bytes.subarray(0, Math.min(length, bytes.byteLength));
  }

  /** One positional read of up to `count` bytes (looping over short reads), kept as a block. */
  private fetch(position: number, count: number): Uint8Array {
    const buffer = this.arena.take(count);
    let filled = 0;
    while (filled < count) {
      const got = readSync(this.fd, buffer, filled, count - filled, position + filled);
      if (got === 0) break;
      filled += got;
    }
    this.bytesRead += filled;
    const bytes = buffer.subarray(0, filled);
    this.blocks.push({ at: position, bytes });
    return bytes;
  }
}
